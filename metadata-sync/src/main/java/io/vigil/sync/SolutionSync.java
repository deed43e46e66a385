package io.vigil.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.solution.LoadOptions;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ValidationReport;
import io.vigil.api.validator.SolutionValidator;
import io.vigil.runtime.bundle.BundleWriter;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.apply.Applier;
import io.vigil.sync.apply.ApplyListener;
import io.vigil.sync.apply.ApplyResult;
import io.vigil.sync.errors.ErrorJson;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.CurrentState;
import io.vigil.sync.plan.FieldUsages;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.plan.Planner;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.registry.SyncLock;
import io.vigil.sync.report.ModelUpdate;
import io.vigil.sync.report.PendingModelReport;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.risk.RiskSqlCheck;
import io.vigil.sync.store.StoreHandles;
import io.vigil.sync.store.SyncInputs;
import io.vigil.sync.store.SyncStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The sync pipeline of one solution directory at one commit (DESIGN §7): load → validate → build
 * the bundle → plan against the registry → check risk SQL → apply under the lock → record history.
 * Planning alone reads the stores and changes nothing.
 */
public final class SolutionSync {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Stores stores;
  private final Registry registry;
  private final SyncOptions options;
  private final ModelRegistry models;
  private final ApplyListener listener;
  private final Progress progress;
  private SparkSession spark;

  private SolutionSync(Stores stores, SyncOptions options, ModelRegistry models, ApplyListener listener, Progress progress) {
    this.stores = stores;
    this.registry = Registry.open(stores.postgres());
    this.options = options;
    this.models = models;
    this.listener = listener;
    this.progress = progress;
  }

  /** A sync that imports models into the local registry under VIGIL_HOME. */
  public static SolutionSync of(Stores stores, SyncOptions options) {
    return of(stores, options, LocalModelRegistry.under(stores.settings().home()));
  }

  /** A sync that imports exported models into {@code models} (MLflow when MLFLOW_TRACKING_URI is set). */
  public static SolutionSync of(Stores stores, SyncOptions options, ModelRegistry models) {
    return new SolutionSync(stores, options, models, ApplyListener.NONE, Progress.NONE);
  }

  /** The same sync, telling {@code listener} about each applied change. */
  public SolutionSync withListener(ApplyListener newListener) {
    SolutionSync s = new SolutionSync(stores, options, models, newListener, progress);
    s.spark = spark;
    return s;
  }

  /** The same sync, reporting its stages and each applied change to {@code newProgress}. */
  public SolutionSync withProgress(Progress newProgress) {
    SolutionSync s = new SolutionSync(stores, options, models, listener, newProgress);
    s.spark = spark;
    return s;
  }

  public Registry registry() {
    return registry;
  }

  /** Plans {@code directory} at {@code commit} without changing anything. */
  public SyncResult plan(Path directory, String commit) {
    return run(directory, commit, false);
  }

  /** Plans and applies {@code directory} at {@code commit}, then unpauses the DAGs it created. */
  public SyncResult apply(Path directory, String commit) {
    return activate(run(directory, commit, true));
  }

  /** Plans and applies, leaving new DAGs paused until {@link #activate} runs after promotion. */
  public SyncResult applyBeforePromotion(Path directory, String commit) {
    return run(directory, commit, true);
  }

  /**
   * Writes the model update report that {@code result} owes, now that its commit is promoted, and
   * tells the solution's notification target; null when it owes none.
   */
  public StoredReport reportModelUpdate(SyncResult result) {
    return result.modelReport() == null ? null : result.modelReport().write(stores.objects(), models, options.secrets());
  }

  /** Unpauses, in the Airflow of the options, the DAGs that {@code result}'s apply created. */
  public SyncResult activate(SyncResult result) {
    return result.withActivation(DagActivation.activate(result, options.activation()));
  }

  /**
   * Plans {@code solution}, which was not loaded from a directory (an import: entities and jobs read
   * from a bundle), against the registry, changing nothing. {@code bundle} is the commit's bundle as
   * it was built, and its models are those of {@code solution.root()}'s {@code models/} folder.
   */
  public SyncResult plan(Solution solution, String commit, byte[] bundle) {
    return run(solution, commit, () -> bundle, "import", false);
  }

  /**
   * Plans and applies {@code solution} as {@link #plan(Solution, String, byte[])} plans it, under the
   * lock and with the same gates, recording {@code import} as the run in the history.
   */
  public SyncResult applyBeforePromotion(Solution solution, String commit, byte[] bundle) {
    return run(solution, commit, () -> bundle, "import", true);
  }

  private SyncResult run(Path directory, String commit, boolean apply) {
    Path classes = tempDir();
    try {
      SolutionValidator.warmUp();
      Solution solution = SolutionLoader.load(directory, LoadOptions.defaults().withClassesDir(classes)
          .withCompileCache(stores.settings().home().resolve("cache").resolve("classes")));
      return run(solution, commit, () -> BundleWriter.write(solution, commit), "sync", apply);
    } finally {
      deleteTree(classes);
    }
  }

  /** Validates, plans and, when {@code apply}, applies; {@code action} names the run in the history. */
  private SyncResult run(Solution solution, String commit, Supplier<byte[]> bundle, String action, boolean apply) {
    ValidationReport report = SolutionValidator.validate(solution);
    String name = solution.name();
    if (report.hasErrors()) {
      if (apply) {
        registry.appendHistory(HistoryEntry.of(name, commit, null, "validate", null, user(), 0, false, problems(report.problems())));
      }
      return new SyncResult(SyncStatus.INVALID, name, commit, report, null, null);
    }
    Layout layout = new Layout(name, stores.settings().warehouseRoot());
    SyncInputs inputs = new SyncInputs(solution, layout, stores.settings().warehouseRoot(), environments(), commit,
        bundle.get(), ModelExport.scan(solution.root()), options.airflowDagsDir(), models);
    List<Resource> desired = SyncStores.desired(inputs);
    if (!apply) {
      Plan plan = FieldUsages.annotate(Planner.plan(name, commit, desired, registry.load(name), options.planOptions()),
          solution.root());
      return checked(solution, plan, report, layout, false);
    }
    try (SyncLock ignored = registry.lock(name, user(), options.waitForLock())) {
      CurrentState current = registry.load(name);
      Plan plan = FieldUsages.annotate(Planner.plan(name, commit, desired, current, options.planOptions()), solution.root());
      SyncResult checked = checked(solution, plan, report, layout, true);
      if (checked.status() != SyncStatus.PLANNED) {
        return checked;
      }
      if (plan.isEmpty()) {
        registry.putState(name, Registry.STATE_APPLIED, commit);
        return new SyncResult(SyncStatus.NO_CHANGES, name, commit, report, plan, null);
      }
      long start = System.nanoTime();
      ApplyResult result;
      progress.stage("apply " + plan.changes().size() + " changes");
      int total = plan.changes().size();
      ApplyListener reporting = (change, done) -> {
        listener.applied(change, done);
        progress.advance("changes", done, total);
      };
      // Resolved before the apply, which may import new versions and move the references.
      ModelUpdate modelsBefore = ModelUpdate.planned(plan, models);
      try {
        result = Applier.of(registry, handles(name), user(), reporting).apply(plan);
        progress.done(result.applied() + " applied");
      } catch (RuntimeException e) {
        registry.appendHistory(HistoryEntry.of(name, commit, null, action, null, user(),
            (System.nanoTime() - start) / 1_000_000, false, error(e)));
        throw e;
      }
      registry.postgres().inTransaction(c -> {
        registry.appendHistory(c, HistoryEntry.of(name, commit, null, action, null, user(), result.millis(), true, null));
        registry.putState(c, name, Registry.STATE_APPLIED, commit);
        return null;
      });
      return new SyncResult(SyncStatus.APPLIED, name, commit, report, plan, result)
          .withModelReport(PendingModelReport.of(SolutionCatalog.of(solution), layout, commit, modelsBefore.applied(models)));
    }
  }

  /** Runs the risk SQL check and the gates; PLANNED when the plan may be applied. */
  private SyncResult checked(Solution solution, Plan plan, ValidationReport report, Layout layout, boolean record) {
    String name = solution.name();
    List<Problem> risk = RiskSqlCheck.check(solution, plan, stores.postgres(), layout.cddSchema(Environment.PUBLIC));
    List<Problem> unregistered = ModelReferences.unregistered(solution, models);
    if (!unregistered.isEmpty()) {
      List<Problem> all = new ArrayList<>(report.problems());
      all.addAll(unregistered);
      report = new ValidationReport(all);
    }
    if (!risk.isEmpty()) {
      List<Problem> all = new ArrayList<>(report.problems());
      all.addAll(risk);
      ValidationReport full = new ValidationReport(all);
      if (record) {
        registry.appendHistory(HistoryEntry.of(name, plan.commit(), null, "validate", null, user(), 0, false, problems(full.problems())));
      }
      return new SyncResult(SyncStatus.INVALID, name, plan.commit(), full, plan, null);
    }
    if (plan.isBlocked()) {
      if (record) {
        List<Map<String, Object>> blocked = new ArrayList<>();
        for (Change c : plan.blockedChanges()) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("address", c.address().toString());
          item.put("action", c.action().key());
          item.put("reasons", c.reasons());
          blocked.add(item);
        }
        registry.appendHistory(HistoryEntry.of(name, plan.commit(), null, "plan", null, user(), 0, false, json(blocked)));
      }
      return new SyncResult(SyncStatus.BLOCKED, name, plan.commit(), report, plan, null);
    }
    return new SyncResult(SyncStatus.PLANNED, name, plan.commit(), report, plan, null);
  }

  /** What the stores act on for {@code solution}: this sync's stores, Spark on first use, and the registry's pinned commits. */
  public StoreHandles handles(String solution) {
    return new StoreHandles(stores.postgres(), stores.objects(), this::spark, models, () -> registry.pinnedCommits(solution));
  }

  /** PUBLIC, then the PRIVATE environment of the syncing user and of every other private user. */
  List<Environment> environments() {
    Set<String> users = new LinkedHashSet<>();
    users.add(Environment.normalizeUser(user()));
    for (String u : options.privateUsers()) {
      if (!u.isBlank()) {
        users.add(Environment.normalizeUser(u.trim()));
      }
    }
    List<Environment> out = new ArrayList<>();
    out.add(Environment.PUBLIC);
    users.stream().sorted().forEach(u -> out.add(Environment.privateOf(u)));
    return out;
  }

  /** VIGIL_USER: recorded as who applied. */
  public String user() {
    return stores.settings().user();
  }

  /** The in-process Spark session, started on first use: local[2], Delta, and s3a for an object-store warehouse. */
  private synchronized SparkSession spark() {
    if (spark == null) {
      StoreSettings settings = stores.settings();
      String master = settings.sparkMaster().equals("local[*]") ? "local[2]" : settings.sparkMaster();
      spark = SparkSessions.forWarehouse(settings, master, Map.of());
    }
    return spark;
  }

  static String problems(List<Problem> problems) {
    return json(problems.stream().map(Problem::toTree).toList());
  }

  static String error(Throwable e) {
    return json(ErrorJson.of(e));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("vigil-sync-classes-");
    } catch (IOException e) {
      throw SyncErrors.tempDirectoryUncreatable(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}
