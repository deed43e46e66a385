package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.secret.SecretResolver;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCommandTest {
  private static final String VALUE = "s3cr3t-Pa55word!";

  @Test
  void encryptsStandardInputSoThatTheResolverOpensIt() {
    Map<String, String> env = withKey(key(32));
    Cli.Result r = Cli.runWithInput(env, VALUE + "\n", "secret", "encrypt");
    assertThat(r.code()).as(r.err()).isZero();
    String reference = r.out().strip();
    assertThat(reference).startsWith("encrypted:").doesNotContain("\n");
    assertThat(new SecretResolver(env).resolve(reference, "connector core_db").reveal()).isEqualTo(VALUE);
    assertThat(r.all()).doesNotContain(VALUE);

    Cli.Result again = Cli.runWithInput(env, VALUE, "secret", "encrypt", "--output", "json");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("\"reference\" : \"encrypted:").doesNotContain(reference).doesNotContain(VALUE);
  }

  @Test
  void failsClearlyWithoutAKeyOrWithAMalformedOne() {
    Map<String, String> noKey = new HashMap<>(System.getenv());
    noKey.remove(SecretResolver.KEY_VARIABLE);
    Cli.Result missing = Cli.runWithInput(noKey, VALUE, "secret", "encrypt");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).startsWith("Error: VGL-RT-022: Cannot encrypt the value: VIGIL_ENCRYPTION_KEY is not set");
    assertThat(missing.out()).isEmpty();

    Cli.Result shortKey = Cli.runWithInput(withKey(key(16)), VALUE, "secret", "encrypt");
    assertThat(shortKey.code()).isEqualTo(3);
    assertThat(shortKey.err()).startsWith("Error: VGL-RT-023: Cannot encrypt the value: VIGIL_ENCRYPTION_KEY must be 32 bytes");

    Cli.Result notBase64 = Cli.runWithInput(withKey("not base64 at all!"), VALUE, "secret", "encrypt");
    assertThat(notBase64.code()).isEqualTo(3);
    assertThat(notBase64.err()).startsWith("Error: VGL-RT-023: ");
    assertThat(missing.all() + shortKey.all() + notBase64.all()).doesNotContain(VALUE);
  }

  @Test
  void refusesEmptyInputAndTakesNoValueAsAnArgument() {
    Cli.Result empty = Cli.runWithInput(withKey(key(32)), "\n", "secret", "encrypt");
    assertThat(empty.code()).isEqualTo(3);
    assertThat(empty.err()).startsWith("Error: VGL-SYNC-032: Cannot encrypt the value: standard input is empty");

    Cli.Result argument = Cli.runWithInput(withKey(key(32)), "", "secret", "encrypt", VALUE);
    assertThat(argument.code()).isEqualTo(2);
    assertThat(argument.out()).isEmpty();
  }

  private static Map<String, String> withKey(String key) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(SecretResolver.KEY_VARIABLE, key);
    return env;
  }

  private static String key(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
