package io.vigil.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.distribution.RetryPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify: false against a receiver with a self-signed certificate made by the JDK's keytool. */
class TlsDeliveryTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final RetryPolicy FAST = RetryPolicy.builder()
      .maxAttempts(3).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20)).build();

  @TempDir
  static Path dir;
  private static SSLContext selfSigned;

  @BeforeAll
  static void makeACertificate() throws Exception {
    Path store = dir.resolve("receiver.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=vigil-test-receiver", "-ext", "SAN=dns:vigil-test-receiver",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    selfSigned = SSLContext.getInstance("TLS");
    selfSigned.init(kmf.getKeyManagers(), null, null);
  }

  @Test
  void withoutVerificationASelfSignedCertificateWithAnotherHostNameIsAccepted() {
    try (LocalReceiver cm = LocalReceiver.builder().tls(selfSigned).start()) {
      BatchOutcome outcome = HttpDelivery.builder(cm.url()).verifyTls(false).retryPolicy(FAST).build()
          .deliver(HttpDeliveryTest.alerts(0, 3));

      assertThat(cm.url().getScheme()).isEqualTo("https");
      assertThat(outcome.delivered()).isTrue();
      assertThat(cm.stats().distinctItems()).isEqualTo(3);
    }
  }

  @Test
  void withVerificationTheHandshakeFailsAtOnce() {
    try (LocalReceiver cm = LocalReceiver.builder().tls(selfSigned).start()) {
      BatchOutcome outcome = HttpDelivery.builder(cm.url()).retryPolicy(FAST).build()
          .deliver(HttpDeliveryTest.alerts(0, 1));

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.error()).contains("TLS handshake failed");
      assertThat(cm.stats().distinctItems()).isZero();
      assertThat(cm.stats().accepted()).isZero();
    }
  }
}
