package io.vigil.runtime.secret;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.api.entity.Secrets;
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
        throw new VigilException(ErrorCode.NOT_FOUND, "Cannot resolve the secret of " + what + ": environment variable "
            + name + " is not set");
      }
      return Secret.of(value);
    }
    if (reference.startsWith("encrypted:")) {
      return Secret.of(decrypt(reference.substring("encrypted:".length()), what));
    }
    throw new VigilException(ErrorCode.INVALID_METADATA, "Cannot use the secret of " + what
        + ": it must be env:NAME or encrypted:…, never the secret itself");
  }

  /** {@code encrypted:…} for {@code plain} under the platform key; what `vigil secret encrypt` prints. */
  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key("a value"), new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return "encrypted:" + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new VigilException(ErrorCode.INTERNAL, "Cannot encrypt the value: " + e.getMessage(), e);
    }
  }

  private String decrypt(String base64, String what) {
    try {
      byte[] all = Base64.getDecoder().decode(base64);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(what), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new VigilException(ErrorCode.INVALID_METADATA, "Cannot decrypt the secret of " + what
          + ": the value is not valid for the key in " + KEY_VARIABLE);
    }
  }

  private SecretKeySpec key(String what) {
    String encoded = env.get(KEY_VARIABLE);
    if (encoded == null) {
      throw new VigilException(ErrorCode.NOT_FOUND, "Cannot decrypt the secret of " + what + ": " + KEY_VARIABLE + " is not set");
    }
    byte[] bytes = Base64.getDecoder().decode(encoded.strip());
    if (bytes.length != 32) {
      throw new VigilException(ErrorCode.INVALID_METADATA, KEY_VARIABLE + " must be 32 bytes, base64 encoded");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
