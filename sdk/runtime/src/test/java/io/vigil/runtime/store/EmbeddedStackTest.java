package io.vigil.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackTest {
  @TempDir Path home;

  @Test
  void storesDataThatSurvivesARestart() {
    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ana"));
    try (Stores stores = Stores.open(settings)) {
      assertThat(stores.embedded()).isNotNull();
      stores.postgres().withConnection(c -> c.createStatement().execute("create table kept (x int); insert into kept values (42)"));
      stores.objects().ensureBucket("vigil-demo");
      stores.objects().put("vigil-demo", "datasources/tx/a.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
      assertThat(stores.objects().list("vigil-demo", "datasources/")).extracting(ObjectInfo::key)
          .containsExactly("datasources/tx/a.csv");
    }
    try (Stores stores = Stores.open(settings)) {
      int value = stores.postgres().withConnection(c -> {
        ResultSet rs = c.createStatement().executeQuery("select x from kept");
        rs.next();
        return rs.getInt(1);
      });
      assertThat(value).isEqualTo(42);
      assertThat(new String(stores.objects().read("vigil-demo", "datasources/tx/a.csv"), StandardCharsets.UTF_8))
          .isEqualTo("a,b\n1,2\n");
      assertThat(stores.objects().stat("vigil-demo", "nope.csv")).isNull();
    }
  }

  @Test
  void secondStackOnTheSameHomeIsRefusedAndNoSecretIsPrinted() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(home)) {
      assertThatThrownBy(() -> EmbeddedStack.start(home)).isInstanceOf(VigilException.class)
          .hasMessageContaining("another process runs it");
      String secret = Files.readString(stack.s3SecretFile()).strip();
      StoreSettings settings = stack.settings(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString())));
      assertThat(settings.toString()).doesNotContain(secret);
      assertThat(Files.readString(home.resolve("stack.json"))).doesNotContain(secret);
    }
  }
}
