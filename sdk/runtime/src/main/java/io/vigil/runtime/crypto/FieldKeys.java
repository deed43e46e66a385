package io.vigil.runtime.crypto;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AES-256 keys of field encryption, from the environment:
 *
 * <ul>
 *   <li>{@code VIGIL_ENCRYPTION_KEY} (base64, 32 bytes) with {@code VIGIL_ENCRYPTION_KEY_ID}: the
 *       current key, which encrypts every new value and also decrypts;
 *   <li>{@code VIGIL_ENCRYPTION_KEYS=id1:base64,id2:base64}: older keys, which only decrypt, so
 *       values written before a rotation stay readable.
 * </ul>
 *
 * The key bytes never leave this class except into Spark as data ({@link FieldCipher}); {@link
 * #toString} names the key ids only.
 */
public final class FieldKeys {
  public static final String KEY_VARIABLE = "VIGIL_ENCRYPTION_KEY";
  public static final String KEY_ID_VARIABLE = "VIGIL_ENCRYPTION_KEY_ID";
  public static final String OLDER_KEYS_VARIABLE = "VIGIL_ENCRYPTION_KEYS";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final int KEY_BYTES = 32;

  private final String currentId;
  private final Map<String, byte[]> keys;

  private FieldKeys(String currentId, Map<String, byte[]> keys) {
    this.currentId = currentId;
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * The keys the environment configures; none when no variable is set. {@code action} says what
   * needs them ("write dataset customer"), for the error when a variable is malformed.
   */
  public static FieldKeys from(Map<String, String> env, String action) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String current = blankToNull(env.get(KEY_VARIABLE));
    String currentId = blankToNull(env.get(KEY_ID_VARIABLE));
    if (current != null) {
      if (currentId == null || !KEY_ID.matcher(currentId.strip()).matches()) {
        throw RuntimeErrors.encryptionKeyIdInvalid(action, KEY_ID_VARIABLE);
      }
      currentId = currentId.strip();
      keys.put(currentId, decode(current, action));
    } else {
      currentId = null;
    }
    String older = blankToNull(env.get(OLDER_KEYS_VARIABLE));
    if (older != null) {
      String[] entries = older.split(",");
      for (int i = 0; i < entries.length; i++) {
        String entry = entries[i].strip();
        int colon = entry.indexOf(':');
        if (colon < 0 || !KEY_ID.matcher(entry.substring(0, colon)).matches()) {
          throw RuntimeErrors.encryptionKeysMalformed(action, OLDER_KEYS_VARIABLE, i + 1,
              "does not start with a key id of 1 to 32 letters, digits, _ or - and a colon");
        }
        byte[] key = decodeEntry(entry.substring(colon + 1), action, i + 1);
        byte[] known = keys.putIfAbsent(entry.substring(0, colon), key);
        if (known != null && !Arrays.equals(known, key)) {
          throw RuntimeErrors.encryptionKeysMalformed(action, OLDER_KEYS_VARIABLE, i + 1,
              "names key id " + entry.substring(0, colon) + " again with another key");
        }
      }
    }
    return new FieldKeys(currentId, keys);
  }

  /** Whether a current key is configured, so values can be encrypted. */
  public boolean canEncrypt() {
    return currentId != null;
  }

  /** Whether no key at all is configured, so nothing decrypts. */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The id written into every new value. */
  public String currentId() {
    if (currentId == null) {
      throw new IllegalStateException("no current field encryption key; check canEncrypt() first");
    }
    return currentId;
  }

  byte[] current() {
    return keys.get(currentId()).clone();
  }

  /** Every key that decrypts, current first, by id. */
  Map<String, byte[]> all() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keys.forEach((id, key) -> copy.put(id, key.clone()));
    return copy;
  }

  @Override
  public String toString() {
    return "FieldKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
  }

  private static byte[] decode(String base64, String action) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.strip());
      if (key.length == KEY_BYTES) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, without the value
    }
    throw RuntimeErrors.encryptionKeyMalformed(action, KEY_VARIABLE);
  }

  private static byte[] decodeEntry(String base64, String action, int entry) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.strip());
      if (key.length == KEY_BYTES) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, without the value
    }
    throw RuntimeErrors.encryptionKeysMalformed(action, OLDER_KEYS_VARIABLE, entry, "is not 32 bytes in base64 after its id");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
