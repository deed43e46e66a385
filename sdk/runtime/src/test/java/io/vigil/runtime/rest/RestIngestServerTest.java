package io.vigil.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.VigilException;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.connector.Connectors;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.TestSpark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST ingestion over real HTTP into the embedded object store, and from there through the real upload. */
class RestIngestServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Flat records: every type, an array, and a text field for awkward characters. */
  private static final DataSet PAYMENT = DataSet.builder("payment").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE))
      .addField(Field.of("items", DataType.INT))
      .addField(Field.of("ref", DataType.LONG))
      .addField(Field.of("urgent", DataType.BOOLEAN))
      .addField(Field.builder("paid_on", DataType.TIMESTAMP).dateFormat("%Y-%m-%d %H:%M:%S").build())
      .addField(Field.builder("tags", DataType.STRING).arrayIndicator(true).build())
      .addField(Field.of("note", DataType.STRING))
      .occurredOnField("paid_on").build();
  private static final FlatFileConnector PAYMENTS = FlatFileConnector.builder("payments")
      .source(Source.builder("payments", "payment").delimiter(";").escape("\\").build())
      .defaultTargetDatasetName("payment")
      .restConfig(RestConfig.builder().enable(true).maxBufferedRecords(3).flushIntervalMinutes(5).build())
      .build();
  /** Nested messages mapped through field_mapping (the guide's instructing agent example). */
  private static final DataSet AGENT = DataSet.builder("agent").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("agent_id", DataType.STRING))
      .addField(Field.of("agent1_address_street", DataType.STRING))
      .addField(Field.of("agent1_address_city", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE))
      .build();
  private static final FlatFileConnector AGENTS = FlatFileConnector.builder("agents")
      .source(Source.builder("agents", "agent").build())
      .defaultTargetDatasetName("agent")
      .restConfig(RestConfig.builder().enable(true).maxBufferedRecords(1000).flushIntervalMinutes(5).nested(true)
          .addFieldMapping("instructing_agent1.id", "agent_id")
          .addFieldMapping("instructing_agent1.address.street", "agent1_address_street")
          .addFieldMapping("instructing_agent1.address.city", "agent1_address_city")
          .build())
      .build();
  /** A timestamp column checked against the connector's pattern, ISO timestamps, and an array of dates. */
  private static final DataSet EVENT = DataSet.builder("event").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("day", DataType.STRING))
      .addField(Field.of("at", DataType.TIMESTAMP))
      .addField(Field.builder("dates", DataType.TIMESTAMP).dateFormat("%d/%m/%Y").arrayIndicator(true).build())
      .build();
  private static final FlatFileConnector EVENTS = FlatFileConnector.builder("events")
      .source(Source.builder("events", "event").timestampConf(TimestampConf.column("day", "%Y%m%d")).build())
      .defaultTargetDatasetName("event")
      .restConfig(RestConfig.builder().enable(true).build())
      .build();
  private static final FlatFileConnector FILES_ONLY = FlatFileConnector.builder("files_only")
      .source(Source.builder("files_only", "agent").build())
      .defaultTargetDatasetName("agent").build();

  @TempDir static Path home;
  static Stores stores;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    stores = Stores.open(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops",
        "VIGIL_ROLES", "manager")));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    stores.close();
  }

  /** A solution of its own per test: its own bucket, so tests never see each other's files. */
  private static SolutionCatalog solution(String name) {
    Entity[] entities = {PAYMENT, PAYMENTS, AGENT, AGENTS, EVENT, EVENTS, FILES_ONLY};
    SolutionCatalog catalog = Catalogs.of(name, entities);
    stores.objects().ensureBucket(layout(catalog).bucket());
    return catalog;
  }

  private static Layout layout(SolutionCatalog catalog) {
    return new Layout(catalog.solution(), stores.settings().warehouseRoot());
  }

  private static RestIngestServer server(SolutionCatalog catalog, Path buffer, Clock clock) {
    RestIngestOptions.Builder options = RestIngestOptions.builder().bufferDir(buffer).checkInterval(Duration.ofMillis(20));
    if (clock != null) {
      options.clock(clock);
    }
    return RestIngestServer.start(catalog, stores, options.build());
  }

  private static HttpResponse<String> post(RestIngestServer server, String solution, String connector, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/ingest/v1/" + solution + "/" + connector))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static List<ObjectInfo> landed(SolutionCatalog catalog, String folder) {
    return stores.objects().list(layout(catalog).bucket(), "datasources/" + folder + "/");
  }

  private static String read(SolutionCatalog catalog, String key) {
    return new String(stores.objects().read(layout(catalog).bucket(), key), StandardCharsets.UTF_8);
  }

  /** The data lines of all landed files of a folder (headers dropped). */
  private static List<String> landedLines(SolutionCatalog catalog, String folder) {
    List<String> lines = new ArrayList<>();
    for (ObjectInfo o : landed(catalog, folder)) {
      List<String> file = read(catalog, o.key()).lines().toList();
      lines.addAll(file.subList(1, file.size()));
    }
    return lines;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private static final String P1 = "{\"id\":\"p1\",\"amount\":10.5,\"items\":2,\"ref\":9007199254740993,\"urgent\":true,"
      + "\"paid_on\":\"2024-01-31 10:15:00\",\"tags\":[\"a\",\"b;c\"],\"note\":\"semi;colon \\\"quoted\\\" back\\\\slash\"}";
  private static final String P2 = "{\"id\":\"p2\",\"amount\":7,\"items\":3.0,\"urgent\":false,\"paid_on\":\"2024-02-01 00:00:00\",\"note\":\"\"}";
  private static final String P3 = "{\"id\":\"p3\",\"amount\":-1e3,\"paid_on\":\"2024-02-29 23:59:59\",\"note\":\"ünïcode\"}";

  @Test
  void flatRecordsLandAtMaxBufferedRecordsAsTheCsvUploadReads(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_flat");
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(server.connectors()).containsExactly("payments", "agents", "events");
      HttpResponse<String> first = post(server, "rest_flat", "payments", "[" + P1 + "," + P2 + "]");
      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(json(first).get("accepted").asInt()).isEqualTo(2);
      assertThat(json(first).get("buffered").asInt()).isEqualTo(2);
      assertThat(landed(catalog, "payments")).as("below max_buffered_records nothing lands").isEmpty();

      assertThat(post(server, "rest_flat", "payments", P3).statusCode()).isEqualTo(202);
      await("the third record fills the buffer and it lands", () -> landed(catalog, "payments").size() == 1);
      String key = landed(catalog, "payments").get(0).key();
      assertThat(key).matches("datasources/payments/rest_payments_\\d{17}_1\\.csv");
      assertThat(read(catalog, key)).isEqualTo("""
          id;amount;items;ref;urgent;paid_on;tags;note
          p1;10.5;2;9007199254740993;true;2024-01-31 10:15:00;"[""a"",""b;c""]";"semi;colon ""quoted"" back\\\\slash"
          p2;7.0;3;;false;2024-02-01 00:00:00;;""
          p3;-1000.0;;;;2024-02-29 23:59:59;;ünïcode
          """);
      await("the buffer is empty", () -> server.buffered("payments") == 0 && server.buffer("payments").pending() == 0);
    }

    // The normal upload takes the landed file: every record typed, nothing rejected.
    spark = TestSpark.start();
    Layout layout = layout(catalog);
    DeltaTables.ensure(spark, layout.datasetPath(Environment.PUBLIC, "payment"), SparkSchemas.table(PAYMENT), SparkSchemas.partitionColumns(PAYMENT));
    DeltaTables.ensure(spark, layout.rejectedPath(Environment.PUBLIC, "payment"), SparkSchemas.rejected(), List.of());
    try (JobContext ctx = JobContext.builder(catalog).settings(stores.settings()).executionDate(LocalDateTime.of(2024, 3, 1, 0, 0))
        .environment(Environment.PUBLIC).spark(spark).open()) {
      UploadResult result = Connectors.upload(ctx, "payments");
      assertThat(result.rowsIn()).isEqualTo(3);
      assertThat(result.rowsRejected()).isZero();
    }
    List<Row> rows = spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "payment"))
        .selectExpr("id", "amount", "items", "ref", "urgent", "cast(paid_on as string)", "tags", "note").orderBy("id").collectAsList();
    assertThat(rows).hasSize(3);
    Row p1 = rows.get(0);
    assertThat(p1.getString(0)).isEqualTo("p1");
    assertThat(p1.getDouble(1)).isEqualTo(10.5);
    assertThat(p1.getInt(2)).isEqualTo(2);
    assertThat(p1.getLong(3)).isEqualTo(9007199254740993L);
    assertThat(p1.getBoolean(4)).isTrue();
    assertThat(p1.getString(5)).isEqualTo("2024-01-31 10:15:00");
    assertThat(p1.getList(6)).containsExactly("a", "b;c");
    assertThat(p1.getString(7)).isEqualTo("semi;colon \"quoted\" back\\slash");
    assertThat(rows.get(1).isNullAt(3)).isTrue();
    assertThat(rows.get(1).getInt(2)).isEqualTo(3);
    assertThat(rows.get(2).getDouble(1)).isEqualTo(-1000.0);
    assertThat(rows.get(2).getString(7)).isEqualTo("ünïcode");
    // Arrays are read with from_json, which ignores date_format: the landed form of timestamp elements.
    Row dates = spark.sql("SELECT cast(from_json('[\"2024-01-31 00:00:00.000000\",\"2024-01-31T10:00:00.000000+00:00\"]',"
        + " 'array<timestamp>') AS array<string>)").first();
    assertThat(dates.getList(0)).doesNotContainNull().hasSize(2);
  }

  @Test
  void nestedRecordsAreMappedThroughFieldMapping(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_nested");
    try (RestIngestServer server = server(catalog, buffer, null)) {
      String nested = "[{\"instructing_agent1\":{\"id\":\"ag1\",\"address\":{\"street\":\"Main St 1\",\"city\":\"Oslo\"}},\"amount\":5},"
          + "{\"instructing_agent1\":{\"id\":\"ag2\",\"address\":null},\"amount\":null},"
          + "{\"amount\":1.25}]";
      HttpResponse<String> ok = post(server, "rest_nested", "agents", nested);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      assertThat(json(ok).get("accepted").asInt()).isEqualTo(3);

      HttpResponse<String> bad = post(server, "rest_nested", "agents",
          "{\"instructing_agent1\":{\"id\":\"ag3\",\"address\":{\"street\":\"x\",\"zip\":\"0150\"}},"
              + "\"agent_id\":\"flat\",\"instructing_agent1.id\":\"dotted key\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(problems(bad)).containsExactlyInAnyOrder(
          "0 instructing_agent1.address.zip: is not a field of dataset agent nor a mapped path",
          "0 agent_id: is not a field of dataset agent nor a mapped path",
          "0 instructing_agent1.id: is not a field of dataset agent nor a mapped path");
      HttpResponse<String> notObject = post(server, "rest_nested", "agents", "{\"instructing_agent1\":\"ag4\"}");
      assertThat(problems(notObject)).containsExactly(
          "0 instructing_agent1: expected an object (field_mapping reads paths below it), got a string");

      FlushResult flushed = server.flush("agents");
      assertThat(flushed.records()).isEqualTo(3);
      assertThat(flushed.keys()).singleElement().asString().matches("datasources/agents/rest_agents_\\d{17}_1\\.csv");
      assertThat(read(catalog, flushed.keys().get(0))).isEqualTo("""
          agent_id,agent1_address_street,agent1_address_city,amount
          ag1,Main St 1,Oslo,5.0
          ag2,,,
          ,,,1.25
          """);
      assertThat(server.flush("agents").keys()).as("an empty buffer lands nothing").isEmpty();
    }
  }

  private static List<String> problems(HttpResponse<String> r) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode p : json(r).get("problems")) {
      out.add(p.get("record").asInt() + " " + (p.get("field").isNull() ? "-" : p.get("field").asText()) + ": " + p.get("reason").asText());
    }
    return out;
  }

  @Test
  void aRequestWithAnyInvalidRecordIsRefusedWholeWithEveryProblem(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_types");
    try (RestIngestServer server = server(catalog, buffer, null)) {
      String body = "[" + P1 + ","
          + "{\"id\":\"x1\",\"paid_on\":\"31/01/2024\",\"amount\":\"SECRET-4111111111111111\"},"
          + "{\"id\":7,\"items\":2.5,\"ref\":1e30,\"urgent\":\"yes\",\"paid_on\":\"2024-02-30 00:00:00\"},"
          + "{\"id\":\"x3\",\"iban\":\"NO9386011117947\",\"tags\":\"a\",\"note\":\"two\\nlines\"},"
          + "{\"id\":\"x4\",\"tags\":[\"ok\",5]},"
          + "42]";
      HttpResponse<String> r = post(server, "rest_types", "payments", body);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("invalid records; none of this request was accepted");
      assertThat(json(r).get("problem_count").asInt()).isEqualTo(12);
      assertThat(problems(r)).containsExactly(
          "1 amount: expected a number for DOUBLE, got a string",
          "1 paid_on: does not match date format %Y-%m-%d %H:%M:%S",
          "2 id: expected a string for STRING, got a number",
          "2 items: expected a whole number for INT, got a fraction",
          "2 ref: is out of range for LONG",
          "2 urgent: expected true or false for BOOLEAN, got a string",
          "2 paid_on: does not match date format %Y-%m-%d %H:%M:%S",
          "3 iban: is not a field of dataset payment",
          "3 tags: expected an array of STRING, got a string",
          "3 note: the value contains a line break, which a CSV landing file cannot carry",
          "4 tags: element 1: expected a string for STRING, got a number",
          "5 -: expected a JSON object, got a number");
      assertThat(r.body()).as("payload values are never echoed").doesNotContain("SECRET", "4111", "NO93", "31/01");
      assertThat(server.buffered("payments")).as("the valid record of the refused request is not kept").isZero();

      HttpResponse<String> events = post(server, "rest_types", "events", "[{\"day\":\"2024-01-31\"},"
          + "{\"at\":\"31.01.2024\",\"dates\":[\"31/01/2024\",\"2024-01-31\"]},{\"at\":\"2024-02-30\"}]");
      assertThat(problems(events)).containsExactly(
          "0 day: does not match the connector's timestamp column pattern %Y%m%d",
          "1 at: is not an ISO date-time (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss); the field has no date_format",
          "1 dates: element 1: does not match date format %d/%m/%Y",
          "2 at: is not an ISO date-time (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss); the field has no date_format");
      HttpResponse<String> good = post(server, "rest_types", "events", "[{\"day\":\"20240131\",\"at\":\"2024-01-31 10:00:00.5\","
          + "\"dates\":[\"31/01/2024\",null]},{\"at\":\"2024-01-31T10:00:00Z\"},{\"at\":\"2024-01-31\"}]");
      assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
      FlushResult flushed = server.flush("events");
      assertThat(read(catalog, flushed.keys().get(0))).isEqualTo("""
          day,at,dates
          20240131,2024-01-31 10:00:00.5,"[""2024-01-31 00:00:00.000000"",null]"
          ,2024-01-31T10:00:00Z,
          ,2024-01-31,
          """);
    }
    assertThat(landed(catalog, "payments")).isEmpty();
  }

  @Test
  void malformedBodiesUnknownTargetsAndLimitsAreAnsweredWithJsonErrors(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_errors");
    RestIngestOptions options = RestIngestOptions.builder().bufferDir(buffer).maxBodyBytes(1000).maxRecordsPerRequest(5).build();
    try (RestIngestServer server = RestIngestServer.start(catalog, stores, options)) {
      HttpResponse<String> notJson = post(server, "rest_errors", "payments", "{\"id\": \"p1\", oops SECRET");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(json(notJson).get("error").asText()).startsWith("not valid JSON at line 1, column").doesNotContain("SECRET");
      assertThat(post(server, "rest_errors", "payments", "{\"id\":\"a\"} {\"id\":\"b\"}").statusCode()).isEqualTo(400);
      assertThat(post(server, "rest_errors", "payments", "{\"id\":\"a\",\"id\":\"b\"}").statusCode()).as("duplicate keys").isEqualTo(400);
      assertThat(post(server, "rest_errors", "payments", "\"just a string\"").statusCode()).isEqualTo(400);
      assertThat(post(server, "rest_errors", "payments", "").statusCode()).isEqualTo(400);
      String deep = "[".repeat(500) + "]".repeat(500);
      assertThat(post(server, "rest_errors", "payments", deep).statusCode()).as("nesting is bounded").isEqualTo(400);

      HttpResponse<String> big = post(server, "rest_errors", "payments", "[" + ",{}".repeat(400).substring(1) + "]");
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(json(big).get("error").asText()).contains("limit of 1000 bytes");
      HttpResponse<String> many = post(server, "rest_errors", "agents", "[{},{},{},{},{},{}]");
      assertThat(many.statusCode()).isEqualTo(413);
      assertThat(json(many).get("error").asText()).contains("more than 5 records");

      HttpResponse<String> unknown = post(server, "rest_errors", "no_such_connector", "{}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(json(unknown).get("error").asText()).isEqualTo("unknown connector");
      HttpResponse<String> notRest = post(server, "rest_errors", "files_only", "{}");
      assertThat(notRest.statusCode()).isEqualTo(404);
      assertThat(json(notRest).get("error").asText()).contains("rest_config.enable is off");
      assertThat(post(server, "other_solution", "payments", "{}").statusCode()).isEqualTo(404);

      HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/ingest/v1/rest_errors/payments")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).hasValue("POST");

      assertThat(post(server, "rest_errors", "payments", "[]").statusCode()).isEqualTo(202);
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/health")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(json(health).get("status").asText()).isEqualTo("ok");
      assertThat(json(health).at("/connectors/payments/buffered").asInt()).isZero();
      assertThatThrownBy(() -> server.flush("files_only")).isInstanceOf(VigilException.class).hasMessageContaining("serves only");
    }
  }

  @Test
  void aSecondServerOnTheSameBufferIsRefused(@TempDir Path buffer) {
    SolutionCatalog catalog = solution("rest_lock");
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThatThrownBy(() -> server(catalog, buffer, null)).isInstanceOf(VigilException.class)
          .hasMessageContaining("another server uses the buffer");
    }
    server(catalog, buffer, null).close();
  }

  @Test
  void acknowledgedRecordsSurviveARestartAndLandExactlyOnce(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_durable");
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(post(server, "rest_durable", "agents", "{\"amount\":1}").statusCode()).isEqualTo(202);
      assertThat(post(server, "rest_durable", "agents", "[{\"amount\":2},{\"amount\":3}]").statusCode()).isEqualTo(202);
    } // closed without flushing, as a crash would leave it
    assertThat(landed(catalog, "agents")).isEmpty();

    // A crash in the middle of a write leaves a torn, never acknowledged line behind.
    Path journal;
    try (Stream<Path> files = Files.list(buffer.resolve("agents"))) {
      journal = files.filter(p -> p.getFileName().toString().startsWith("active-")).findFirst().orElseThrow();
    }
    long intact = Files.size(journal);
    Files.writeString(journal, "0badc0de 1 1700000000000 [{\"amount\":\"99", StandardOpenOption.APPEND);

    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(server.buffered("agents")).isEqualTo(3);
      assertThat(Files.size(journal)).as("the torn tail is cut").isEqualTo(intact);
      assertThat(post(server, "rest_durable", "agents", "{\"amount\":4}").statusCode()).isEqualTo(202);
      FlushResult flushed = server.flush("agents");
      assertThat(flushed.records()).isEqualTo(4);
    }
    assertThat(landedLines(catalog, "agents")).containsExactly(",,,1.0", ",,,2.0", ",,,3.0", ",,,4.0");
  }

  @Test
  void aCrashBetweenSealUploadAndTruncateNeverLosesNorDuplicates(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_crash");
    Layout layout = layout(catalog);
    // Crash after sealing, before the upload: the next server lands the segment.
    try (RestIngestServer server = server(catalog, buffer, null)) {
      post(server, "rest_crash", "agents", "[{\"amount\":1},{\"amount\":2}]");
      server.buffer("agents").flush(ConnectorBuffer.CrashPoint.AFTER_SEAL);
      post(server, "rest_crash", "agents", "{\"amount\":3}");
    }
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(server.buffered("agents")).isEqualTo(1);
      // The scheduler delivers recovered segments at once; flush delivers whatever it has not yet.
      server.flush("agents");
      assertThat(server.buffer("agents").pending()).isZero();
    }
    assertThat(landed(catalog, "agents")).hasSize(2);
    assertThat(landedLines(catalog, "agents")).containsExactly(",,,1.0", ",,,2.0", ",,,3.0");
    for (ObjectInfo o : landed(catalog, "agents")) {
      stores.objects().delete(layout.bucket(), o.key());
    }

    // Crash after the upload, before the segment is deleted: the same key is found, not written twice.
    String key;
    try (RestIngestServer server = server(catalog, buffer, null)) {
      post(server, "rest_crash", "agents", "[{\"amount\":4},{\"amount\":5}]");
      key = server.buffer("agents").flush(ConnectorBuffer.CrashPoint.AFTER_UPLOAD).keys().get(0);
    }
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(server.flush("agents").keys()).as("already landed").isEmpty();
      assertThat(server.buffer("agents").pending()).isZero();
    }
    assertThat(landed(catalog, "agents")).extracting(ObjectInfo::key).containsExactly(key);
    assertThat(landedLines(catalog, "agents")).containsExactly(",,,4.0", ",,,5.0");

    // The same crash, but upload archived the file meanwhile: it must not land again.
    try (RestIngestServer server = server(catalog, buffer, null)) {
      post(server, "rest_crash", "agents", "{\"amount\":6}");
      key = server.buffer("agents").flush(ConnectorBuffer.CrashPoint.AFTER_UPLOAD).keys().get(0);
    }
    String name = key.substring(key.lastIndexOf('/') + 1);
    stores.objects().move(layout.bucket(), key, "upload/agents/2024/03/01/2024_03_01_00_00_00/" + name);
    try (RestIngestServer server = server(catalog, buffer, null)) {
      assertThat(server.flush("agents").keys()).isEmpty();
      assertThat(server.buffer("agents").pending()).isZero();
    }
    assertThat(landed(catalog, "agents")).extracting(ObjectInfo::key).doesNotContain(key);
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void recordsLandWhenFlushIntervalMinutesHavePassedSinceTheOldest(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_timer");
    ManualClock clock = new ManualClock(Instant.parse("2024-03-01T08:00:00Z"));
    try (RestIngestServer server = server(catalog, buffer, clock)) {
      post(server, "rest_timer", "agents", "{\"amount\":1}");
      clock.advance(Duration.ofMinutes(3));
      post(server, "rest_timer", "agents", "{\"amount\":2}");
      clock.advance(Duration.ofMinutes(1).plusSeconds(59));
      Thread.sleep(300); // many scheduler checks
      assertThat(landed(catalog, "agents")).as("4m59s after the oldest record").isEmpty();

      clock.advance(Duration.ofSeconds(1));
      await("5 minutes after the oldest record the buffer lands", () -> landed(catalog, "agents").size() == 1);
      assertThat(landed(catalog, "agents").get(0).key())
          .isEqualTo("datasources/agents/rest_agents_20240301080500000_1.csv");
      assertThat(landedLines(catalog, "agents")).containsExactly(",,,1.0", ",,,2.0");

      post(server, "rest_timer", "agents", "{\"amount\":3}");
      clock.advance(Duration.ofMinutes(4));
      Thread.sleep(200);
      assertThat(landed(catalog, "agents")).as("the interval restarts with the next oldest record").hasSize(1);
      clock.advance(Duration.ofMinutes(1));
      await("the second interval passes", () -> landed(catalog, "agents").size() == 2);
    }
  }

  @Test
  void concurrentRequestsAreEachLandedExactlyOnce(@TempDir Path buffer) throws Exception {
    SolutionCatalog catalog = solution("rest_concurrent");
    int threads = 8;
    int requests = 25;
    try (RestIngestServer server = server(catalog, buffer, null)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int accepted = 0;
          for (int i = 0; i < requests; i++) {
            String body = "[{\"id\":\"t" + thread + "-" + i + "-a\"},{\"id\":\"t" + thread + "-" + i + "-b\"}]";
            HttpResponse<String> r = post(server, "rest_concurrent", "payments", body);
            if (r.statusCode() == 202) {
              accepted += json(r).get("accepted").asInt();
            }
          }
          return accepted;
        }));
      }
      int accepted = 0;
      for (Future<Integer> f : results) {
        accepted += f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(accepted).isEqualTo(threads * requests * 2);
      server.flushAll();
      assertThat(server.buffered("payments")).isZero();
    }
    List<String> ids = landedLines(catalog, "payments").stream().map(l -> l.substring(0, l.indexOf(';'))).toList();
    assertThat(ids).hasSize(threads * requests * 2);
    Set<String> unique = new HashSet<>(ids);
    assertThat(unique).hasSize(ids.size());
    assertThat(landed(catalog, "payments")).as("flushed at max_buffered_records=3 along the way").hasSizeGreaterThan(1);
  }

  @Test
  void misconfiguredConnectorsStopTheServerFromStarting(@TempDir Path buffer) {
    FlatFileConnector badMapping = FlatFileConnector.builder("bad_mapping")
        .source(Source.builder("bad", "agent").build())
        .restConfig(RestConfig.builder().enable(true).nested(true).addFieldMapping("a.b", "no_such_field").build()).build();
    FlatFileConnector parquet = FlatFileConnector.builder("parquet_rest")
        .source(Source.builder("pq", "agent").fileFormat(io.vigil.api.connector.FileFormat.PARQUET).build())
        .restConfig(RestConfig.builder().enable(true).build()).build();
    SolutionCatalog catalog = Catalogs.of("rest_bad", AGENT, badMapping, parquet);
    assertThatThrownBy(() -> RestIngestServer.start(catalog, stores, RestIngestOptions.builder().bufferDir(buffer).build()))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("connector bad_mapping: its field_mapping maps a.b to no_such_field")
        .hasMessageContaining("connector parquet_rest: its source reads PARQUET files");
  }
}
