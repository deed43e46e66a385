package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.histogram.CategoricalHistogram;
import io.vigil.runtime.histogram.FeatureHistogram;
import io.vigil.runtime.histogram.HistogramArtifacts;
import io.vigil.runtime.histogram.NumericHistogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantics every {@link ModelRegistry} has; run against the local registry and a real MLflow server. */
abstract class ModelRegistryContract {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir Path work;

  /** The registry under test; it may hold models of other tests. */
  abstract ModelRegistry registry();

  /** A model name no other test uses. */
  static String uniqueName(String stem) {
    return stem + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
  }

  Path modelFolder(String name, String content) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name + "-" + NAMES.incrementAndGet()));
    Files.writeString(dir.resolve("model.json"), "{\"content\": \"" + content + "\"}");
    Files.createDirectories(dir.resolve("weights"));
    Files.writeString(dir.resolve("weights/tree 1.bin"), content + "-weights");
    return dir;
  }

  @Test
  void everyRegistrationIsTheNextVersionAndTheNewestMatchingTagsWins() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("monthly_ad");
    ModelVersion v1 = registry.register(name, modelFolder(name, "a"), Map.of("version", "release"), null, "first");
    ModelVersion v2 = registry.register(name, modelFolder(name, "b"), Map.of("version", "candidate"), null, null);
    ModelVersion v3 = registry.register(name, modelFolder(name, "c"), Map.of("version", "release", "owner", "aml"), null, null);

    assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1, 2, 3);
    assertThat(v1.description()).isEqualTo("first");
    assertThat(v1.source()).isEqualTo("models/" + name);
    assertThat(registry.versions(name)).extracting(ModelVersion::version).containsExactly(1, 2, 3);
    assertThat(registry.versions(name).get(0)).isEqualTo(v1);
    assertThat(registry.names()).contains(name);
    assertThat(registry.find(name, Map.of("version", "release"))).isEqualTo(v3);
    assertThat(registry.find(name, Map.of("version", "candidate"))).isEqualTo(v2);
    assertThat(registry.find(name, Map.of())).isEqualTo(v3);
    assertThat(registry.find(name, Map.of("version", "archived"))).isNull();
    assertThat(registry.find(uniqueName("unknown"), Map.of())).isNull();
    assertThat(registry.versions(uniqueName("unknown"))).isEmpty();
  }

  @Test
  void aVersionsFilesComeBackAsTheyWereRegistered() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("fe");
    ModelVersion v1 = registry.register(name, modelFolder(name, "one"), Map.of(), null, null);
    ModelVersion v2 = registry.register(name, modelFolder(name, "two"), Map.of(), null, null);

    Path files = registry.artifacts(v1);
    assertThat(Files.readString(files.resolve("model.json"))).isEqualTo("{\"content\": \"one\"}");
    assertThat(Files.readString(files.resolve("weights/tree 1.bin"))).isEqualTo("one-weights");
    try (var list = Files.list(files)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.json", "weights");
    }
    assertThat(Files.readString(registry.artifacts(v2).resolve("model.json"))).contains("two");
    assertThat(registry.artifacts(v1)).isEqualTo(files);
  }

  @Test
  void aTagSetLaterFindsTheVersion() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("ad");
    ModelVersion v1 = registry.register(name, modelFolder(name, "x"), Map.of("version", "release"), null, null);
    registry.register(name, modelFolder(name, "y"), Map.of("version", "release"), null, null);

    ModelVersion tagged = registry.setTag(name, 1, "stage", "archived");

    assertThat(tagged.tags()).containsEntry("stage", "archived").containsEntry("version", "release");
    assertThat(tagged.version()).isEqualTo(1);
    assertThat(tagged.runId()).isEqualTo(v1.runId());
    assertThat(registry.find(name, Map.of("stage", "archived"))).isEqualTo(tagged);
    assertThatThrownBy(() -> registry.setTag(name, 9, "stage", "x"))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void deletingAModelDeletesItsVersionsButNotTheirRuns() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("gone");
    ModelVersion v1 = registry.register(name, modelFolder(name, "1"), Map.of(), null, null);
    registry.register(name, modelFolder(name, "2"), Map.of(), null, null);

    assertThat(registry.deleteVersion(name, 2)).isTrue();
    assertThat(registry.deleteVersion(name, 2)).isFalse();
    assertThat(registry.versions(name)).containsExactly(v1);
    assertThat(registry.delete(name)).isTrue();
    assertThat(registry.delete(name)).isFalse();
    assertThat(registry.names()).doesNotContain(name);
    assertThat(registry.versions(name)).isEmpty();
    assertThat(registry.run(v1.runId()).status()).isEqualTo(ModelRun.Status.FINISHED);
    assertThat(registry.hasArtifacts(v1.runId(), "models/" + name)).isTrue();
  }

  @Test
  void aRegistrationWithoutRunRecordsIntoAFinishedRunOfItsOwn() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("own");
    ModelVersion v = registry.register(ModelRegistration.of(name, modelFolder(name, "o")).param("rows", "10")
        .metric("auc", 0.9).build());

    ModelRun run = registry.run(v.runId());
    assertThat(run.experiment()).isEqualTo(ModelRegistry.EXPERIMENT);
    assertThat(run.name()).isEqualTo("register " + name);
    assertThat(run.status()).isEqualTo(ModelRun.Status.FINISHED);
    assertThat(run.endedAt()).isNotNull();
    assertThat(run.params()).containsEntry("rows", "10");
    assertThat(run.metrics()).containsEntry("auc", 0.9);
  }

  @Test
  void aRegistrationIntoAGivenRunKeepsItOpenWithParamsMetricsTagsAndArtifacts() throws Exception {
    ModelRegistry registry = registry();
    String experiment = uniqueName("aml.training");
    ModelRun started = registry.startRun(experiment, "train monthly", Map.of("dag", "aml_monthly"));
    Path csv = Files.writeString(work.resolve("reference.csv"), "id,score\n1,0.9\n");
    Path page = Files.writeString(work.resolve("page.html"), "<html></html>");
    String fe = uniqueName("fe");
    String ad = uniqueName("ad");

    ModelVersion feVersion = registry.register(ModelRegistration.of(fe, modelFolder(fe, "fe")).run(started.runId())
        .param("training_rows", "2").build());
    ModelVersion adVersion = registry.register(ModelRegistration.of(ad, modelFolder(ad, "ad")).run(started.runId())
        .param("training_rows", "2").metric("threshold", 0.5).runTag("step", "ad")
        .artifact("reference/reference_dft.csv", csv).artifact("anomalies.html", page).build());
    registry.log(started.runId(), Map.of(), Map.of("threshold", 0.7), Map.of());

    ModelRun run = registry.run(started.runId());
    assertThat(feVersion.runId()).isEqualTo(started.runId());
    assertThat(adVersion.runId()).isEqualTo(started.runId());
    assertThat(run.status()).isEqualTo(ModelRun.Status.RUNNING);
    assertThat(run.endedAt()).isNull();
    assertThat(run.experiment()).isEqualTo(experiment);
    assertThat(run.name()).isEqualTo("train monthly");
    assertThat(run.params()).containsEntry("training_rows", "2");
    assertThat(run.metrics()).containsEntry("threshold", 0.7);
    assertThat(run.tags()).containsEntry("dag", "aml_monthly").containsEntry("step", "ad");
    assertThat(run.tags().keySet()).noneMatch(k -> k.startsWith("mlflow."));
    assertThat(Files.readString(registry.runArtifacts(run.runId(), "reference/reference_dft.csv")))
        .isEqualTo("id,score\n1,0.9\n");
    assertThat(Files.readString(registry.runArtifacts(run.runId(), "reference").resolve("reference_dft.csv")))
        .isEqualTo("id,score\n1,0.9\n");
    assertThat(registry.hasArtifacts(run.runId(), "anomalies.html")).isTrue();
    assertThat(registry.hasArtifacts(run.runId(), "models/" + fe)).isTrue();
    assertThat(registry.hasArtifacts(run.runId(), "models/nothing")).isFalse();
    assertThatThrownBy(() -> registry.runArtifacts(run.runId(), "nothing/here"))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

    ModelRun ended = registry.endRun(run.runId(), ModelRun.Status.FAILED);
    assertThat(ended.status()).isEqualTo(ModelRun.Status.FAILED);
    assertThat(ended.endedAt()).isNotNull();
  }

  @Test
  void oneRunHoldsOneVersionOfAName() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("twice");
    ModelRun run = registry.startRun(uniqueName("exp"), "twice", Map.of());
    registry.register(name, modelFolder(name, "1"), Map.of(), run.runId(), null);

    assertThatThrownBy(() -> registry.register(name, modelFolder(name, "2"), Map.of(), run.runId(), null))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
          assertThat(e.getMessage()).contains("Cannot register model " + name).contains(run.runId());
        });
    assertThat(registry.versions(name)).hasSize(1);
  }

  @Test
  void badRegistrationsAreRefusedWithTheirReason() throws Exception {
    ModelRegistry registry = registry();
    Path empty = Files.createDirectories(work.resolve("empty"));
    String name = uniqueName("bad");

    assertThatThrownBy(() -> registry.register("bad name", modelFolder("x", "x"), Map.of(), null, null))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("'bad name'");
        });
    assertThatThrownBy(() -> registry.register(name, empty, Map.of(), null, null))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains(name).contains("holds no file");
        });
    assertThatThrownBy(() -> registry.register(name, modelFolder(name, "x"), Map.of(), "0123456789abcdef0123456789abcdef", null))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("0123456789abcdef0123456789abcdef");
        });
    assertThat(registry.versions(name)).isEmpty();
  }

  @Test
  void aParamKeepsItsFirstValue() {
    ModelRegistry registry = registry();
    ModelRun run = registry.startRun(uniqueName("exp"), "params", Map.of());
    registry.log(run.runId(), Map.of("rows", "10"), Map.of(), Map.of());
    registry.log(run.runId(), Map.of("rows", "10"), Map.of(), Map.of());

    assertThatThrownBy(() -> registry.log(run.runId(), Map.of("rows", "11"), Map.of(), Map.of()))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("rows");
        });
    assertThat(registry.run(run.runId()).params()).containsEntry("rows", "10");
  }

  @Test
  void anExportIsImportedOnceAndAChangedExportAsTheNextVersion() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("exported");
    Path solution = work.resolve("solution");
    Path export = Files.createDirectories(solution.resolve("models").resolve(name).resolve("hist"));
    Files.writeString(export.getParent().resolve("model.json"), "{\"tags\": {\"version\": \"release\"}, \"run_id\": \"run-7\"}");
    Files.writeString(export.resolve("amount.csv"), "0,1,2\n");

    ModelVersion first = ModelExport.scan(solution).get(0).importInto(registry);
    ModelVersion again = ModelExport.scan(solution).get(0).importInto(registry);
    Files.writeString(export.resolve("amount.csv"), "0,1,2,3\n");
    ModelVersion changed = ModelExport.scan(solution).get(0).importInto(registry);

    assertThat(first.version()).isEqualTo(1);
    assertThat(again).isEqualTo(first);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(first.tags()).containsEntry("version", "release").containsKey(ModelExport.CHECKSUM_TAG);
    assertThat(registry.run(first.runId()).tags()).containsEntry(ModelExport.EXPORTED_RUN_TAG, "run-7");
    assertThat(registry.find(name, Map.of("version", "release"))).isEqualTo(changed);
    assertThat(Files.readString(registry.artifacts(first).resolve("hist/amount.csv"))).isEqualTo("0,1,2\n");
    assertThat(Files.readString(registry.artifacts(changed).resolve("hist/amount.csv"))).isEqualTo("0,1,2,3\n");
  }

  @Test
  void aSavedModelCarriesItsCommitTrainingDataAndReviewArtifacts() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("monthly_account_ad");
    ModelRun run = registry.startRun(uniqueName("aml.training"), "train", Map.of());
    Path csv = Files.writeString(work.resolve("ref.csv"), "id,score\n");
    Path png = Files.write(work.resolve("scores.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Path html = Files.writeString(work.resolve("anomalies.html"), "<table></table>");
    String commit = CommitId.dirty(java.time.Instant.parse("2021-08-25T12:13:16Z"), "b4b622a0008293b35f399b739563878c596708fd7");

    ModelVersion v = TrainedModels.save(registry, ModelSave.of(name, modelFolder(name, "m"), commit)
        .tags(Map.of("version", "release")).run(run.runId())
        .training(new TrainingData(1200, "occurred_on", "1995-01-01", "1995-06-30"))
        .reference(csv).chart("anomaly scores.png", png).anomaliesPage(html).build());

    assertThat(v.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "release",
        "_commit_id", "dirty_2021-08-25T12:13:16_b4b622a0008293b35f399b739563878c596708fd7"));
    ModelRun recorded = registry.run(run.runId());
    assertThat(recorded.params()).containsEntry(name + ".training_rows", "1200")
        .containsEntry(name + ".training_range_column", "occurred_on")
        .containsEntry(name + ".training_from", "1995-01-01").containsEntry(name + ".training_to", "1995-06-30");
    assertThat(recorded.metrics()).containsEntry(name + ".training_rows", 1200.0);
    assertThat(Files.readString(registry.runArtifacts(run.runId(), TrainedModels.REFERENCE))).isEqualTo("id,score\n");
    assertThat(Files.readAllBytes(registry.runArtifacts(run.runId(), "anomaly scores.png"))).hasSize(4);
    assertThat(Files.readString(registry.runArtifacts(run.runId(), TrainedModels.ANOMALIES_PAGE))).contains("<table>");

    assertThat(TrainedModels.resolve(registry, name, Map.of("version", "release"))).isEqualTo(v);
    assertThat(TrainedModels.load(registry, name, Map.of("_commit_id", commit)).resolve("model.json")).exists();
  }

  @Test
  void aReferenceThatNoVersionMatchesNamesTheModelAndTheTags() throws Exception {
    ModelRegistry registry = registry();
    String name = uniqueName("monthly_account_fe");
    registry.register(name, modelFolder(name, "m"), Map.of("version", "candidate"), null, null);

    assertThatThrownBy(() -> TrainedModels.resolve(registry, name, Map.of("version", "release")))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).startsWith("Cannot find model " + name + " with tags {version=release}: ")
              .contains("version 1").contains("candidate");
        });
    String missing = uniqueName("nowhere");
    assertThatThrownBy(() -> TrainedModels.load(registry, missing, Map.of("version", "release")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.getMessage())
            .isEqualTo("Cannot find model " + missing + " with tags {version=release}: no model of that name is registered"));
  }

  @Test
  void histogramsRoundTripThroughTheRun() {
    ModelRegistry registry = registry();
    ModelRun run = registry.startRun(uniqueName("aml.training"), "histograms", Map.of());
    Map<String, Long> countries = new LinkedHashMap<>();
    countries.put("FR", 7L);
    countries.put("DE", 2L);
    List<FeatureHistogram> histograms = List.of(
        new NumericHistogram("amount", 12, 1, 0.5, 10.5, List.of(4L, 0L, 7L)),
        new CategoricalHistogram("country", 12, 0, countries, 3),
        new NumericHistogram("empty", 12, 12, Double.NaN, Double.NaN, List.of()));

    HistogramArtifacts.save(registry, run.runId(), histograms);
    Map<String, FeatureHistogram> back = HistogramArtifacts.load(registry, run.runId());

    assertThat(back).containsOnlyKeys("amount", "country", "empty");
    assertThat(back.get("amount")).isEqualTo(histograms.get(0));
    assertThat(back.get("country")).isEqualTo(histograms.get(1));
    assertThat(((CategoricalHistogram) back.get("country")).counts().keySet()).containsExactly("FR", "DE");
    assertThat(((NumericHistogram) back.get("empty")).counts()).isEmpty();
    assertThat(((NumericHistogram) back.get("empty")).min()).isNaN();
  }
}
