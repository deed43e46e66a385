package io.vigil.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.testing.mlflow.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against a real {@code mlflow server} from the build venv. */
class MlflowRestClientTest {
  @TempDir static Path root;
  static MlflowServer server;
  static MlflowRestClient mlflow;
  /** Pages of two, so that every search walks several pages. */
  static MlflowRestClient paged;

  @TempDir Path work;

  @BeforeAll
  static void startMlflow() throws Exception {
    server = MlflowServer.start(MlflowServer.requireVenv(), root.resolve("mlflow"));
    mlflow = MlflowRestClient.anonymous(server.url());
    paged = new MlflowRestClient(server.url(), MlflowCredentials.none(), 2);
  }

  @AfterAll
  static void stopMlflow() {
    if (server != null) {
      server.close();
    }
  }

  private static String unique(String stem) {
    return stem + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void experimentsAreFoundByNameAndCreatedOnce() {
    String name = unique("aml.training");
    assertThat(mlflow.experimentByName(name)).isEmpty();

    String id = mlflow.experimentId(name);

    assertThat(mlflow.experimentId(name)).isEqualTo(id);
    MlflowExperiment e = mlflow.experimentByName(name).orElseThrow();
    assertThat(e.id()).isEqualTo(id);
    assertThat(e.active()).isTrue();
    assertThat(e.artifactLocation()).startsWith("mlflow-artifacts:/");
    assertThat(mlflow.experiment(id).name()).isEqualTo(name);
    assertThatThrownBy(() -> mlflow.createExperiment(name)).isInstanceOfSatisfying(VigilException.class, ex -> {
      assertThat(ex.code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(ex.getMessage()).startsWith("Cannot create experiment " + name + ": MLflow at " + server.url()
          + " answered 400 RESOURCE_ALREADY_EXISTS");
    });
  }

  @Test
  void aRunRecordsParamsMetricsTagsAndItsEnd() {
    String experiment = mlflow.experimentId(unique("runs"));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    MlflowRun run = mlflow.createRun(experiment, "train", start, Map.of("dag", "aml"));
    assertThat(run.status()).isEqualTo(MlflowRunStatus.RUNNING);
    assertThat(run.startTime()).isEqualTo(start);
    assertThat(run.runName()).isEqualTo("train");
    assertThat(run.artifactUri()).isEqualTo("mlflow-artifacts:/" + experiment + "/" + run.runId() + "/artifacts");

    mlflow.logParam(run.runId(), "execution_date", "1995-01-01");
    mlflow.logMetric(run.runId(), "rows", 10, Instant.now(), 0);
    mlflow.logMetric(run.runId(), "rows", 12, Instant.now(), 1);
    mlflow.setTag(run.runId(), "task", "train");
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      params.put("p" + i, Integer.toString(i));
    }
    List<MlflowMetric> metrics = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      metrics.add(new MlflowMetric("m" + (i % 7), i, Instant.now(), i));
    }
    mlflow.logBatch(run.runId(), params, metrics, Map.of("batch", "yes"));
    MlflowRun ended = mlflow.terminateRun(run.runId(), MlflowRunStatus.FINISHED);

    assertThat(ended.status()).isEqualTo(MlflowRunStatus.FINISHED);
    assertThat(ended.endTime()).isNotNull();
    assertThat(ended.params()).hasSize(151).containsEntry("execution_date", "1995-01-01").containsEntry("p149", "149");
    assertThat(ended.metrics()).containsEntry("rows", 12.0).containsEntry("m0", 1099.0).hasSize(8);
    assertThat(ended.tags()).containsEntry("dag", "aml").containsEntry("task", "train").containsEntry("batch", "yes");
    assertThat(mlflow.run(run.runId())).isEqualTo(ended);
  }

  @Test
  void runSearchWalksEveryPageNewestFirst() {
    String experiment = mlflow.experimentId(unique("search"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      MlflowRun run = mlflow.createRun(experiment, "r" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), Map.of());
      mlflow.logParam(run.runId(), "parity", i % 2 == 0 ? "even" : "odd");
      ids.add(0, run.runId());
    }

    assertThat(paged.searchRuns(List.of(experiment), null)).extracting(MlflowRun::runId).containsExactlyElementsOf(ids);
    assertThat(paged.searchRuns(List.of(experiment), "params.parity = 'even'")).extracting(MlflowRun::runName)
        .containsExactly("r4", "r2", "r0");
  }

  @Test
  void registeredModelsAndVersionsAreCreatedSearchedTaggedAndDeleted() throws Exception {
    String name = unique("monthly_ad");
    MlflowRun run = mlflow.createRun(mlflow.experimentId(unique("models")), "train", null, Map.of());
    mlflow.uploadArtifact(run.artifactUri(), "models/" + name + "/model.json", Files.writeString(work.resolve("m.json"), "{}"));

    MlflowRegisteredModel model = mlflow.createRegisteredModel(name, "detector", Map.of("team", "aml"));
    List<MlflowModelVersion> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(mlflow.createModelVersion(name, run.artifactUri() + "/models/" + name, run.runId(),
          Map.of("version", i == 2 ? "release" : "candidate"), "v" + i));
    }
    mlflow.setModelVersionTag(name, 1, "stage", "archived");

    assertThat(model.tags()).containsEntry("team", "aml");
    assertThat(mlflow.registeredModel(name).orElseThrow().description()).isEqualTo("detector");
    assertThat(paged.searchRegisteredModels("name = '" + name + "'")).extracting(MlflowRegisteredModel::name)
        .containsExactly(name);
    assertThat(created).extracting(MlflowModelVersion::version).containsExactly(1, 2, 3);
    assertThat(created.get(0).source()).isEqualTo(run.artifactUri() + "/models/" + name);
    assertThat(created.get(0).status()).isEqualTo("READY");
    List<MlflowModelVersion> versions = paged.searchModelVersions(name);
    assertThat(versions).extracting(MlflowModelVersion::version).containsExactly(1, 2, 3);
    assertThat(versions.get(0).tags()).containsEntry("stage", "archived").containsEntry("version", "candidate");
    assertThat(versions.get(2).runId()).isEqualTo(run.runId());
    assertThat(mlflow.modelVersion(name, 3).orElseThrow().description()).isEqualTo("v2");
    assertThat(mlflow.modelVersion(name, 4)).isEmpty();

    mlflow.deleteModelVersion(name, 2);
    assertThat(mlflow.searchModelVersions(name)).extracting(MlflowModelVersion::version).containsExactly(1, 3);
    mlflow.deleteRegisteredModel(name);
    assertThat(mlflow.registeredModel(name)).isEmpty();
    assertThat(mlflow.searchModelVersions(name)).isEmpty();
    assertThatThrownBy(() -> mlflow.deleteRegisteredModel(name)).isInstanceOfSatisfying(VigilException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.getMessage()).startsWith("Cannot delete registered model " + name + ": ")
          .contains("RESOURCE_DOES_NOT_EXIST");
    });
    assertThatThrownBy(() -> mlflow.searchModelVersions("it's")).isInstanceOfSatisfying(VigilException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void artifactsGoUpAndComeBackThroughTheProxy() throws Exception {
    MlflowRun run = mlflow.createRun(mlflow.experimentId(unique("artifacts")), "files", null, Map.of());
    Path dir = Files.createDirectories(work.resolve("model/nested deeper"));
    Files.writeString(work.resolve("model/model.json"), "{\"a\": 1}");
    Files.write(dir.resolve("weights +1%.bin"), new byte[] {0, 1, 2, (byte) 255});
    byte[] large = new byte[3 * 1024 * 1024 + 7];
    new java.util.Random(7).nextBytes(large);
    Files.write(work.resolve("model/large.bin"), large);

    mlflow.uploadArtifacts(run.artifactUri(), "models/ad", work.resolve("model"));
    mlflow.uploadArtifacts(run.artifactUri(), "reference/reference_dft.csv", Files.writeString(work.resolve("r.csv"), "a\n"));

    assertThat(mlflow.listArtifacts(run.artifactUri(), "")).extracting(MlflowArtifact::path)
        .containsExactly("models", "reference");
    assertThat(mlflow.listArtifacts(run.artifactUri(), "models/ad")).extracting(MlflowArtifact::path, MlflowArtifact::directory)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("models/ad/large.bin", false),
            org.assertj.core.groups.Tuple.tuple("models/ad/model.json", false),
            org.assertj.core.groups.Tuple.tuple("models/ad/nested deeper", true));
    assertThat(mlflow.listArtifacts(run.artifactUri(), "models/ad").get(0).size()).isEqualTo(large.length);
    assertThat(mlflow.listArtifacts(run.artifactUri(), "nothing")).isEmpty();

    Path back = work.resolve("back");
    List<String> files = mlflow.downloadArtifacts(run.artifactUri(), "models/ad", back);
    assertThat(files).containsExactly("large.bin", "model.json", "nested deeper/weights +1%.bin");
    assertThat(Files.readAllBytes(back.resolve("large.bin"))).isEqualTo(large);
    assertThat(Files.readAllBytes(back.resolve("nested deeper/weights +1%.bin"))).containsExactly(0, 1, 2, 255);
    mlflow.downloadArtifact(run.artifactUri(), "reference/reference_dft.csv", work.resolve("one.csv"));
    assertThat(Files.readString(work.resolve("one.csv"))).isEqualTo("a\n");
    assertThatThrownBy(() -> mlflow.downloadArtifacts(run.artifactUri(), "nothing", work.resolve("none")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> mlflow.uploadArtifacts(run.artifactUri(), "a#b.csv", work.resolve("r.csv")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.getMessage()).contains("no '#'"));
    assertThatThrownBy(() -> mlflow.uploadArtifacts(run.artifactUri(), "../escape", work.resolve("r.csv")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> mlflow.uploadArtifacts("s3://bucket/runs/1", "x", work.resolve("r.csv")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.getMessage()).contains("--serve-artifacts"));
  }

  @Test
  void anUnknownRunIsNotFoundWithMlflowsErrorCode() {
    assertThatThrownBy(() -> mlflow.run("0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).startsWith("Cannot read run 0123456789abcdef0123456789abcdef: MLflow at "
              + server.url() + " answered 404 RESOURCE_DOES_NOT_EXIST");
        });
  }

  @Test
  void aServerThatIsNotThereIsUnreachable() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    MlflowRestClient nowhere = MlflowRestClient.withToken(java.net.URI.create("http://127.0.0.1:" + port), "tok-secret-1");
    assertThatThrownBy(() -> nowhere.experimentByName("x")).isInstanceOfSatisfying(VigilException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE);
      assertThat(e.getMessage()).startsWith("Cannot read experiment x: MLflow at http://127.0.0.1:" + port
          + " is not reachable").doesNotContain("tok-secret-1");
    });
    assertThat(nowhere.toString()).doesNotContain("tok-secret-1");
  }
}
