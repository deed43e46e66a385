package io.vigil.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReceiverTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> post(LocalReceiver cm, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(cm.url()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void itKeepsEachAlertOnceAndJournalsIt(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("received.jsonl");
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").journal(journal).start()) {
      assertThat(post(cm, "[{\"alert_id\":\"a\",\"n\":1},{\"alert_id\":\"b\",\"n\":2}]").body())
          .isEqualTo("{\"received\":2,\"duplicates\":0}");
      assertThat(post(cm, "[{\"alert_id\":\"b\",\"n\":2},{\"alert_id\":\"c\",\"n\":3}]").body())
          .isEqualTo("{\"received\":2,\"duplicates\":1}");

      assertThat(cm.stats()).isEqualTo(new ReceiverStats(2, 2, 4, 3, 1));
      assertThat(cm.received()).extracting(a -> a.get("alert_id")).containsExactly("a", "b", "c");
    }
    List<String> lines = Files.readAllLines(journal);
    assertThat(lines).hasSize(3);
    assertThat(new ObjectMapper().readValue(lines.get(2), Map.class)).isEqualTo(Map.of("alert_id", "c", "n", 3));
  }

  @Test
  void itRefusesWhatIsNoArrayOfAlertsWithIds() throws Exception {
    try (LocalReceiver cm = LocalReceiver.builder().start()) {
      assertThat(post(cm, "{\"id\":\"a\"}").statusCode()).isEqualTo(400);
      assertThat(post(cm, "[{\"risk\":\"r\"}]").statusCode()).isEqualTo(400);
      assertThat(post(cm, "not json").statusCode()).isEqualTo(400);
      HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(cm.url()).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(cm.stats().requests()).isEqualTo(4);
      assertThat(cm.stats().distinctItems()).isZero();
    }
  }

  @Test
  void aFailFractionFailsThatShareOfRequestsEvenly() throws Exception {
    try (LocalReceiver cm = LocalReceiver.builder().failFraction(0.2).start()) {
      for (int i = 0; i < 10; i++) {
        post(cm, "[{\"id\":\"a" + i + "\"}]");
      }
      assertThat(cm.requests()).extracting(ReceivedRequest::status)
          .containsExactly(200, 200, 200, 200, 503, 200, 200, 200, 200, 503);
    }
  }
}
