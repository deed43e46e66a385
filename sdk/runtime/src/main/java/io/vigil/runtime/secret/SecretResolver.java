package io.vigil.runtime.secret;

import io.vigil.api.entity.Secrets;
import io.vigil.runtime.crypto.FieldKeys;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.store.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resolves secret references from metadata at run time (DESIGN §10): {@code env:NAME} reads the
 * environment; {@code encrypted:<base64>} is AES-256-GCM (12-byte IV, then ciphertext and tag) under
 * the platform key in {@code VIGIL_ENCRYPTION_KEY} (base64, 32 bytes). Errors name the reference,
 * never its value.
 */
public final class SecretResolver {
  public static final String KEY_VARIABLE = "VIGIL_ENCRYPTION_KEY";
  private static final String ENCRYPTED_PREFIX = "encrypted:";
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Map<String, String> env;

  public SecretResolver(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static SecretResolver fromEnvironment() {
    return new SecretResolver(System.getenv());
  }

  /** The secret a reference stands for; null stays null. */
  public Secret resolve(String reference, String what) {
    if (reference == null) {
      return null;
    }
    if (Secrets.isEnvReference(reference)) {
      String name = Secrets.envName(reference);
      String value = env.get(name);
      if (value == null) {
        throw RuntimeErrors.secretVariableMissing(what, name);
      }
      return Secret.of(value);
    }
    if (reference.startsWith(ENCRYPTED_PREFIX)) {
      return Secret.of(decrypt(reference.substring(ENCRYPTED_PREFIX.length()), what));
    }
    throw RuntimeErrors.secretReferenceInvalid(what);
  }

  /**
   * {@code encrypted:…} for {@code plain} under the platform key, with a fresh random IV each time;
   * what {@code vigil secret encrypt} prints.
   */
  public String encrypt(String plain) {
    SecretKeySpec key = key("encrypt the value");
    try {
      byte[] iv = new byte[IV_BYTES];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return ENCRYPTED_PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      // Every JDK ships AES-GCM and the key has the right length, so this is a broken runtime, not bad input.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** The field encryption keys of the same environment; {@code action} names what needs them, for errors. */
  public FieldKeys fieldKeys(String action) {
    return FieldKeys.from(env, action);
  }

  /** Fails as {@link #encrypt} would when {@code VIGIL_ENCRYPTION_KEY} is missing or not 32 bytes in base64. */
  public void checkKey() {
    key("encrypt the value");
  }

  private String decrypt(String base64, String what) {
    SecretKeySpec key = key("decrypt the secret of " + what);
    try {
      byte[] all = Base64.getDecoder().decode(base64);
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw RuntimeErrors.secretNotDecryptable(what, KEY_VARIABLE);
    }
  }

  /** The platform key; {@code action} says what needs it, for the error. */
  private SecretKeySpec key(String action) {
    String encoded = env.get(KEY_VARIABLE);
    if (encoded == null || encoded.isBlank()) {
      throw RuntimeErrors.encryptionKeyMissing(action, KEY_VARIABLE);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw RuntimeErrors.encryptionKeyMalformed(action, KEY_VARIABLE);
    }
    if (bytes.length != KEY_BYTES) {
      throw RuntimeErrors.encryptionKeyMalformed(action, KEY_VARIABLE);
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
