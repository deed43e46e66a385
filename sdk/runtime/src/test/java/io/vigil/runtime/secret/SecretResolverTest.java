package io.vigil.runtime.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretResolverTest {
  private static final String VALUE = "hunter2-but-longer";

  @Test
  void encryptedValuesRoundTripWithAFreshIvEachTime() {
    SecretResolver resolver = new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, key(32)));
    String first = resolver.encrypt(VALUE);
    String second = resolver.encrypt(VALUE);
    assertThat(first).startsWith("encrypted:").isNotEqualTo(second).doesNotContain(VALUE);
    assertThat(resolver.resolve(first, "connector core_db").reveal()).isEqualTo(VALUE);
    assertThat(resolver.resolve(second, "connector core_db").reveal()).isEqualTo(VALUE);
  }

  @Test
  void keyErrorsNameTheActionAndTheVariable() {
    assertThatThrownBy(() -> new SecretResolver(Map.of()).encrypt(VALUE)).isInstanceOfSatisfying(VigilException.class, e -> {
      assertThat(e.errorId()).isEqualTo("VGL-RT-022");
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.getMessage()).startsWith("Cannot encrypt the value: VIGIL_ENCRYPTION_KEY is not set");
    });
    String reference = new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, key(32))).encrypt(VALUE);
    assertThatThrownBy(() -> new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, key(16))).resolve(reference, "connector core_db"))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.errorId()).isEqualTo("VGL-RT-023");
          assertThat(e.getMessage()).isEqualTo("Cannot decrypt the secret of connector core_db: VIGIL_ENCRYPTION_KEY must be 32"
              + " bytes, base64 encoded");
        });
    assertThatThrownBy(() -> new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, "%%%")).checkKey())
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.errorId()).isEqualTo("VGL-RT-023"));
  }

  @Test
  void aValueUnderAnotherKeyOrAnInlineSecretIsRefusedWithoutShowingIt() {
    String reference = new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, key(32))).encrypt(VALUE);
    assertThatThrownBy(() -> new SecretResolver(Map.of(SecretResolver.KEY_VARIABLE, key(32))).resolve(reference, "connector core_db"))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.errorId()).isEqualTo("VGL-RT-021");
          assertThat(e.getMessage()).doesNotContain(reference.substring("encrypted:".length()));
        });
    assertThatThrownBy(() -> new SecretResolver(Map.of()).resolve(VALUE, "connector core_db"))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.errorId()).isEqualTo("VGL-RT-020");
          assertThat(e.getMessage()).doesNotContain(VALUE);
        });
  }

  private static String key(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
