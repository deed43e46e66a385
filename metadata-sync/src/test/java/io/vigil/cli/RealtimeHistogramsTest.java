package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.evaluation.FlowTraining;
import io.vigil.runtime.evaluation.TrainingOptions;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.realtime.RealtimeOptions;
import io.vigil.runtime.realtime.RealtimeServer;
import io.vigil.runtime.realtime.RecordScorers;
import io.vigil.runtime.realtime.client.RealtimeAnswer;
import io.vigil.runtime.realtime.client.RealtimeClient;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.Secret;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The histograms of a real-time flow's model (S1 §10.3, MS-3/MS-4) through the CLI on one embedded
 * stack: sync plans them with the flow, publishes nothing while no model carries the reference's tags,
 * publishes the trained version's histograms once it exists, does nothing when nothing changed,
 * publishes the new version's after the reference's tags change; and the real-time server puts each
 * top feature of an answer in the context of its training histogram.
 */
class RealtimeHistogramsTest {
  static final Path FIXTURE = Path.of("src/test/resources/solutions/rt_histograms");
  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 30, 0, 0);
  static final String SCHEMA = "rt_histograms_public";

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    stack = new TestStack(home);
    spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2")));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stack.close();
  }

  @Test
  void syncPublishesTheHistogramsOfTheVersionARealtimeReferenceResolvesToAndServeAnswersWithThem() throws Exception {
    Path dir = work.resolve("rt_histograms");
    Cli.copy(FIXTURE, dir);
    Map<String, String> env = stack.env();

    Cli.Result first = Cli.run(env, "apply", "--solution", dir.toString());
    assertThat(first.code()).as(first.all()).isZero();
    assertThat(first.out()).contains("+ models.histograms.card_rt.tx will be created");
    assertThat(published()).as("no version carries the tags yet").isEmpty();

    train(dir, "v1");
    Cli.Result second = Cli.run(env, "apply", "--solution", dir.toString());
    assertThat(second.code()).as(second.all()).isZero();
    assertThat(second.out()).contains("~ models.histograms.card_rt.tx will be updated");
    assertThat(published()).containsExactly("tx|amount|card_ad|1", "tx|channel|card_ad|1");

    Cli.Result again = Cli.run(env, "plan", "--solution", dir.toString(), "--detailed-exitcode");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).isEqualTo("No changes. Solution is up to date.\n");

    assertAnswersCarryTrainingContext(dir);

    // MS-4: a new version under new tags, and the flow's reference updated to them.
    Path flow = dir.resolve("domains/aml/evaluation_flows/CardPayments.java");
    Files.writeString(flow, Files.readString(flow).replace("Map.of(\"version\", \"v1\")", "Map.of(\"version\", \"v2\")"));
    train(dir, "v2");
    Cli.Result third = Cli.run(env, "apply", "--solution", dir.toString());
    assertThat(third.code()).as(third.all()).isZero();
    assertThat(third.out()).contains("~ models.histograms.card_rt.tx will be updated");
    assertThat(published()).containsExactly("tx|amount|card_ad|2", "tx|channel|card_ad|2");
    assertThat(LocalModelRegistry.under(home).versions("card_ad")).hasSize(2);
  }

  /** Trains the flow's step on a day of payments written to its input dataset, as {@code vigil train} does. */
  private static void train(Path dir, String version) {
    Map<String, String> manager = new java.util.HashMap<>(stack.env());
    manager.put("VIGIL_ROLES", "manager");
    StoreSettings settings = StoreSettings.fromEnvironment(manager);
    try (Workspace workspace = Vigil.open(dir, settings); JobContext context = context(workspace, settings, "aml.Train")) {
      Random random = new Random(version.hashCode());
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        boolean planted = i % 100 == 7;
        rows.add(RowFactory.create(version + "-t" + i, "acc" + (i % 40), planted ? 50_000 + random.nextInt(5_000)
            : Math.exp(4 + random.nextGaussian()), planted ? "ATM" : i % 3 == 0 ? "ECOM" : "POS", Timestamp.valueOf(DAY.plusMinutes(i))));
      }
      StructType type = new StructType().add("trans_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType).add("channel", DataTypes.StringType).add("paid_at", DataTypes.TimestampType);
      Datasets.write(context, spark.createDataFrame(rows, type), "card_tx");
      FlowTraining.train(context, "card_rt", TrainingOptions.DEFAULTS);
    }
  }

  private static void assertAnswersCarryTrainingContext(Path dir) throws Exception {
    StoreSettings settings = StoreSettings.fromEnvironment(stack.env());
    try (Workspace workspace = Vigil.open(dir, settings); JobContext context = context(workspace, settings, "vigil-serve")) {
      RealtimeServer server = RealtimeServer.start(context, RealtimeOptions.builder().port(0).workers(2)
          .distributeEvery(Duration.ofHours(1)).build(), Secret.of("histogram-secret"), f -> RecordScorers.of(context, f));
      try {
        RealtimeClient client = RealtimeClient.builder(server.uri(), "rt_histograms", "histogram-secret").build();
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("trans_id", "odd");
        odd.put("account_id", "acc1");
        odd.put("amount", 80_000.0);
        odd.put("channel", "ATM");
        odd.put("paid_at", "2026-12-01T10:00:00");
        RealtimeAnswer answer = client.evaluate("card_rt", odd);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        JsonNode top = answer.body().at("/steps/tx/top_features");
        assertThat(top.size()).as(top.toString()).isPositive();
        JsonNode amount = null;
        for (JsonNode f : top) {
          if (f.path("feature").asText().equals("amount")) {
            amount = f;
          }
        }
        assertThat(amount).as(top.toString()).isNotNull();
        JsonNode training = amount.path("training");
        assertThat(training.path("training_rows").asLong()).isEqualTo(2_000);
        assertThat(training.path("in_training_range").asBoolean()).as("80,000 is above every trained amount").isFalse();
        assertThat(training.path("below").asDouble()).isEqualTo(1.0);
        assertThat(training.path("share").asDouble()).isZero();
      } finally {
        server.close();
      }
    }
  }

  private static JobContext context(Workspace workspace, StoreSettings settings, String writer) {
    return JobContext.builder(workspace.catalog()).settings(settings).executionDate(DAY).environment(Environment.PUBLIC)
        .writer(writer).spark(spark).models(LocalModelRegistry.under(home)).open();
  }

  /** step|feature|model|version of every published histogram of flow card_rt. */
  private static List<String> published() {
    StoreSettings settings = StoreSettings.fromEnvironment(stack.env());
    Postgres postgres = new Postgres(settings.pgUrl(), settings.pgUser(), settings.pgPassword());
    return postgres.withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet exists = c.createStatement().executeQuery("select to_regclass('" + SCHEMA + ".rt_histograms') is not null")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return out;
        }
      }
      try (ResultSet rs = c.createStatement().executeQuery("select step || '|' || feature || '|' || model || '|' || model_version"
          + " from " + SCHEMA + ".rt_histograms where flow = 'card_rt' order by 1")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
