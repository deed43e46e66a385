package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Secret;
import io.vigil.sync.transfer.ExportArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.SparkSession;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil export} on one environment and {@code vigil import} on another (S1 §17): two embedded
 * stacks with their own homes, Postgres, S3 and model registries. The solution is synced and promoted
 * on A from git, exported, imported into B, and B must hold the same registry entities, the same
 * bundle and the models, plan nothing on a second import, and apply a breaking change only with the flag.
 */
class ExportImportTest {
  static final Path FIXTURE = Path.of("src/test/resources/solutions/aml_demo");

  @TempDir static Path homeA;
  @TempDir static Path homeB;
  static TestStack a;
  static TestStack b;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    a = new TestStack(homeA);
    b = new TestStack(homeB);
  }

  @AfterAll
  static void stop() {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    a.close();
    b.close();
  }

  @Test
  void anExportImportedIntoAnotherEnvironmentGivesTheSameRegistryAndASecondImportChangesNothing() throws Exception {
    Path clone = work.resolve("moved");
    Cli.copy(FIXTURE, clone);
    SyncApplyTest.replace(clone.resolve("solution.yaml"), "name: aml_demo", "name: moved");
    Path remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    String url = remote.toUri().toString();
    try (Git git = Git.init().setDirectory(clone.toFile()).setInitialBranch("staging").call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
      RevCommit first = commitAndPush(git, "first version");
      Cli.Result synced = Cli.run(a.env(), "sync", "--repo", url, "--once");
      assertThat(synced.code()).as(synced.all()).isZero();
      assertThat(synced.out()).contains("Promoted " + first.name());

      // A version registered on A after the sync, as training registers one: the flows' reference now resolves to it.
      Path trained = Files.createDirectories(work.resolve("trained"));
      Files.writeString(trained.resolve("model.bin"), "trained on A");
      LocalModelRegistry.under(homeA).register("monthly_ad", trained, Map.of("version", "release", "trained", "on_a"), null,
          "trained on A");

      Path zip = work.resolve("out/moved.zip");
      Cli.Result exported = Cli.run(a.env(), "export", "--solution", "moved", "--out", zip.toString());
      Cli.Result again = Cli.run(a.env(), "export", "--solution", "moved", "--out", work.resolve("again.zip").toString());

      assertThat(exported.code()).as(exported.all()).isZero();
      assertThat(exported.out()).contains("Exported moved at " + first.name(), "model monthly_ad version 2 {trained=on_a, version=release}",
          "model monthly_fe version 1 {version=release}");
      assertThat(Files.readAllBytes(work.resolve("again.zip"))).as("the same state gives the same bytes")
          .isEqualTo(Files.readAllBytes(zip));
      assertThat(again.code()).isZero();
      assertThat(entryNames(zip)).containsExactly("vigil-export.json", "bundle.jar", "models/monthly_ad/model.bin",
          "models/monthly_ad/model.json", "models/monthly_fe/histograms.csv", "models/monthly_fe/model.json");

      Cli.Result dryRun = Cli.run(b.env(), "import", zip.toString(), "--dry-run", "--detailed-exitcode");

      assertThat(dryRun.code()).as(dryRun.all()).isEqualTo(ExitCodes.CHANGES);
      assertThat(changeLines(dryRun.out())).as("the import plans what the sync planned on A")
          .isEqualTo(changeLines(synced.out())).contains("+ registry.risk.high_amount will be created",
              "+ postgres.table.moved_public.account will be created", "+ models.model.monthly_ad will be created");
      assertThat(b.query("select count(*) from information_schema.schemata where schema_name = 'moved_public'")).containsExactly("0");

      Cli.Result imported = Cli.run(b.env(), "import", zip.toString());

      assertThat(imported.code()).as(imported.all()).isZero();
      assertThat(imported.out()).contains("Apply complete:", "Promoted " + first.name() + " of moved in this environment.");
      assertThat(entities(b)).isNotEmpty().isEqualTo(entities(a));
      assertThat(b.query(addresses())).isEqualTo(a.query(addresses()));
      assertThat(b.query(promoted())).containsExactly(first.name());
      assertThat(b.tables("moved_public")).contains("account", "transaction", "tr_ef", "activity_tr_ef");
      String key = "bundles/moved/" + first.name() + ".jar";
      assertThat(objects(b).read("vigil-moved", key)).isEqualTo(objects(a).read("vigil-moved", key));
      List<ModelVersion> models = LocalModelRegistry.under(homeB).versions("monthly_ad");
      assertThat(models).hasSize(1);
      assertThat(models.get(0).tags()).containsEntry("version", "release").containsEntry("trained", "on_a");
      assertThat(LocalModelRegistry.under(homeB).artifacts(models.get(0)).resolve("model.bin")).hasContent("trained on A");
      List<String> history = b.query(historyRows());
      assertThat(history).contains("import:true", "promote:true");
      Map<String, String> manager = new java.util.HashMap<>(b.env());
      manager.put("VIGIL_ROLES", "manager");
      Cli.Result run = Cli.run(manager, "run", "--solution", "moved", "--bundle", "promoted", "--job", "aml.MonthlyJob",
          "--execution-date", "2024-01-31");
      assertThat(run.code()).as(run.all()).isZero();
      assertThat(b.query("select bundle_commit from vigil_meta.job_runs where solution = 'moved'")).containsExactly(first.name());

      Cli.Result second = Cli.run(b.env(), "import", zip.toString());
      Cli.Result plan = Cli.run(b.env(), "import", zip.toString(), "--dry-run", "--detailed-exitcode");

      assertThat(second.code()).as(second.all()).isZero();
      assertThat(second.out()).isEqualTo("No changes. Solution is up to date.\n");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).isEqualTo("No changes. Solution is up to date.\n");
      assertThat(LocalModelRegistry.under(homeB).versions("monthly_ad")).hasSize(1);
      assertThat(LocalModelRegistry.under(homeB).versions("monthly_fe")).hasSize(1);
      assertThat(b.query(historyRows())).isEqualTo(history);

      // A breaking change travels with its gate: refused without --allow-breaking, applied with it.
      SyncApplyTest.replace(clone.resolve("domains/aml/datasets/transaction.yaml"), "  - identifier: amount\n    data_type: DOUBLE",
          "  - identifier: amount\n    data_type: INT");
      RevCommit narrowed = commitAndPush(git, "amount is an int");
      Cli.Result syncedAgain = Cli.run(a.env(), "sync", "--repo", url, "--once", "--allow-breaking");
      assertThat(syncedAgain.code()).as(syncedAgain.all()).isZero();
      Path zip2 = work.resolve("narrowed.zip");
      assertThat(Cli.run(a.env(), "export", "--solution", "moved", "--out", zip2.toString()).code()).isZero();

      Cli.Result refused = Cli.run(b.env(), "import", zip2.toString());

      assertThat(refused.code()).isEqualTo(ExitCodes.INVALID);
      assertThat(refused.out()).contains("field_list[amount].data_type: \"DOUBLE\" -> \"INT\"", "# blocked: needs --allow-breaking");
      assertThat(refused.err()).contains("--allow-breaking", "Nothing was applied");
      assertThat(b.query(promoted())).containsExactly(first.name());

      Cli.Result applied = Cli.run(b.env(), "import", zip2.toString(), "--allow-breaking");

      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out()).contains("Promoted " + narrowed.name());
      assertThat(entities(b)).isEqualTo(entities(a));
      assertThat(Cli.run(b.env(), "import", zip2.toString(), "--dry-run").out()).isEqualTo("No changes. Solution is up to date.\n");
    }
  }

  @Test
  void anExportThatIsDamagedUnsafeNewerOrNoExportAtAllIsRefusedBeforeAnythingIsPlanned() throws Exception {
    Path good = work.resolve("good.zip");
    writeZip(good, Map.of("vigil-export.json", manifest(1, "bundle.jar", "x".getBytes(StandardCharsets.UTF_8)),
        "bundle.jar", "x".getBytes(StandardCharsets.UTF_8)));
    Path slip = work.resolve("slip.zip");
    writeZip(slip, Map.of("models/../../escaped.txt", new byte[] {1}));
    Path absolute = work.resolve("absolute.zip");
    writeZip(absolute, Map.of("/tmp/absolute.txt", new byte[] {1}));
    Path damaged = rewrite(good, work.resolve("damaged.zip"), "bundle.jar", bytes -> "y".getBytes(StandardCharsets.UTF_8));
    Path unlisted = rewrite(good, work.resolve("unlisted.zip"), null, null);
    Path newer = work.resolve("newer.zip");
    writeZip(newer, Map.of("vigil-export.json", manifest(99, "bundle.jar", new byte[0])));
    Path other = work.resolve("other.zip");
    writeZip(other, Map.of("README.md", "# hello".getBytes(StandardCharsets.UTF_8)));
    Path text = work.resolve("text.zip");
    Files.writeString(text, "not a zip");

    assertThat(refusal(slip)).contains("VGL-SYNC-044", "models/../../escaped.txt");
    assertThat(work.resolve("escaped.txt")).doesNotExist();
    assertThat(refusal(absolute)).contains("VGL-SYNC-044", "/tmp/absolute.txt");
    assertThat(refusal(damaged)).contains("VGL-SYNC-046", "entry 'bundle.jar' has SHA-256");
    assertThat(refusal(unlisted)).contains("VGL-SYNC-046", "entry 'models/extra/model.json' is not listed in the manifest");
    assertThat(refusal(newer)).contains("VGL-SYNC-043", "export format 99", "reads up to format 1");
    assertThat(refusal(other)).contains("VGL-SYNC-042", "it has no vigil-export.json");
    assertThat(refusal(text)).contains("VGL-SYNC-042", "not a Vigil export");

    Path work2 = Files.createDirectory(work.resolve("extract"));
    assertThatThrownBy(() -> ExportArchive.open(good, work2, new ExportArchive.Limits(1, 1_000)))
        .isInstanceOf(VigilException.class).hasMessageContaining("exceeds 1 entries");
    assertThatThrownBy(() -> ExportArchive.open(good, work2, new ExportArchive.Limits(10, 100)))
        .isInstanceOf(VigilException.class).hasMessageContaining("exceeds 100 uncompressed bytes");
    // A bundle that is no jar passes the checksums and fails when it is opened.
    assertThat(refusal(good)).contains("VGL-SYNC-042", "its bundle.jar is not a readable bundle");
  }

  private String refusal(Path zip) {
    Cli.Result r = Cli.run(b.env(), "import", zip.toString(), "--dry-run");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.INVALID);
    return r.err();
  }

  private static RevCommit commitAndPush(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    RevCommit c = git.commit().setMessage(message).setAuthor("dev", "dev@example.test").setCommitter("dev", "dev@example.test").call();
    git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    return c;
  }

  /** The lines of a plan that name a change, in order. */
  private static List<String> changeLines(String out) {
    return out.lines().map(String::strip).filter(l -> l.matches("^(\\+|~|-|-/\\+) [a-z0-9_]+\\..*")).toList();
  }

  private static List<String> entities(TestStack s) throws Exception {
    return s.query("select kind || ':' || identifier || ':' || canonical::text from vigil_meta.entities where solution = 'moved' order by 1");
  }

  private static String addresses() {
    return "select address from vigil_meta.resources where solution = 'moved' order by 1";
  }

  private static String promoted() {
    return "select value from vigil_meta.state where solution = 'moved' and key = 'promoted_commit'";
  }

  private static String historyRows() {
    return "select action || ':' || success from vigil_meta.sync_history where solution = 'moved' and address is null order by rank";
  }

  private static ObjectStore objects(TestStack s) throws IOException {
    return new ObjectStore(s.stack.s3Endpoint(), "vigil", Secret.of(s.s3Secret()), "us-east-1");
  }

  private static List<String> entryNames(Path zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      List<String> names = new java.util.ArrayList<>();
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
      return names;
    }
  }

  private static byte[] manifest(int format, String file, byte[] content) throws Exception {
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    return ("{\"kind\":\"vigil-solution-export\",\"format\":" + format + ",\"solution\":\"moved\",\"commit\":\"abc\",\"models\":[],"
        + "\"files\":{\"" + file + "\":{\"size\":" + content.length + ",\"sha256\":\"" + sha + "\"}}}").getBytes(StandardCharsets.UTF_8);
  }

  private static void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).descendingMap().entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
  }

  /** {@code from} with entry {@code name} changed by {@code change}; with no name, an extra model entry. */
  private static Path rewrite(Path from, Path to, String name, UnaryOperator<byte[]> change) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = readAll(in);
        entries.put(e.getName(), e.getName().equals(name) ? change.apply(bytes) : bytes);
      }
    }
    if (name == null) {
      entries.put("models/extra/model.json", "{}".getBytes(StandardCharsets.UTF_8));
    }
    writeZip(to, entries);
    return to;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
