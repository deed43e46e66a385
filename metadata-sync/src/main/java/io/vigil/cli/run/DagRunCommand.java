package io.vigil.cli.run;

import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.ExecutionDateMode;
import io.vigil.api.entity.EntityKind;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.Subcommands;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.bundle.Bundle;
import io.vigil.runtime.run.Bundles;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.errors.SyncErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil dag run}: the embedded orchestrator. It runs one DAG run's tasks in dependency order,
 * each as the same {@code vigil run} command line the Airflow operator builds, in its own JVM. It is
 * not a scheduler: it runs the dates it is given.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the tasks of a DAG of the promoted bundle for one logical date, in dependency order.",
      "Each task runs as 'vigil run --bundle promoted --run-key <dag>/<run id> …' in its own process, with the DAG's",
      "retries; a failed task stops the run and skips what depends on it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every task succeeded", "1:a task failed", "2:invalid command line", "3:unknown DAG or solution"})
public final class DagRunCommand implements Callable<Integer> {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<dag>", description = "DAG identifier.")
  String dagId;

  @Option(names = "--solution", required = true, paramLabel = "<name>", description = "Solution name.")
  String solution;

  /** Runs each task's command line through this JVM's CLI instead of a new process (the demo's shortcut). */
  @Option(names = "--in-process", hidden = true)
  boolean inProcess;

  @Option(names = "--logical-date", required = true, paramLabel = "<date>",
      description = {"The run's logical date, as Airflow names it (ISO-8601). Its tasks run with the execution date the DAG's",
          "execution_date_mode gives: the logical date itself, or with PERIOD_END the end of the schedule interval",
          "that starts there. Both are printed."})
  String logicalDate;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> env = CliEnvironment.get();
    StoreSettings settings = StoreSettings.fromEnvironment(env);
    LocalDateTime logical = Vigil.parseDate(logicalDate);
    Dag dag = promoted(settings, solution, dagId);
    LocalDateTime executionDate = dag.executionDate(logical);
    String runKey = dag.identifier() + "/manual__" + ISO.format(logical);
    int retries = dag.defaultArgs() != null && dag.defaultArgs().retries() != null ? dag.defaultArgs().retries() : 0;
    out.printf("DAG %s, logical date %s: its tasks run with execution date %s (%s): %s%n", dagId, logical, executionDate,
        why(dag, logical, executionDate), dag.topologicalOrder());
    out.flush();
    for (String taskId : dag.topologicalOrder()) {
      DagTask task = dag.findTask(taskId);
      int attempts = 1 + (task.retries() != null ? task.retries() : retries);
      int exit = -1;
      for (int attempt = 1; attempt <= attempts && exit != 0; attempt++) {
        out.printf("Task %s (%s), attempt %d of %d%n", taskId, task.job(), attempt, attempts);
        out.flush();
        List<String> command = command(dag, task, executionDate, runKey);
        exit = inProcess ? runInProcess(command) : runTask(command, env, out);
        if (exit == ExitCodes.INVALID || exit == ExitCodes.DRIFT) {
          break; // bad input does not get better on retry, nor does drifted data
        }
      }
      if (exit != 0) {
        out.printf("Task %s failed (exit %d); the rest of the run is skipped.%n", taskId, exit);
        out.flush();
        return ExitCodes.INTERNAL;
      }
    }
    out.printf("DAG %s succeeded for %s.%n", dagId, executionDate);
    out.flush();
    return ExitCodes.OK;
  }

  /** DAG {@code dagId} as the promoted bundle of {@code solution} declares it. */
  static Dag promoted(StoreSettings settings, String solution, String dagId) throws IOException {
    try (Stores stores = Stores.open(settings)) {
      Path jar = Bundles.resolve(stores, settings, solution, Bundles.PROMOTED, null);
      try (Bundle bundle = Bundle.open(jar, DagRunCommand.class.getClassLoader())) {
        return bundle.entities().stream().map(Bundle.BundledEntity::entity)
            .filter(e -> e.kind() == EntityKind.DAG && e.identifier().equals(dagId)).map(Dag.class::cast).findFirst()
            .orElseThrow(() -> SyncErrors.dagNotInBundle(dagId, bundle.commit(), solution));
      }
    }
  }

  /** Why the tasks get {@code executionDate} for {@code logical}, in the words of the DAG's mode. */
  static String why(Dag dag, LocalDateTime logical, LocalDateTime executionDate) {
    ExecutionDateMode mode = dag.defaultArgs() == null ? ExecutionDateMode.LOGICAL_DATE : dag.defaultArgs().executionDateMode();
    if (mode != ExecutionDateMode.PERIOD_END) {
      return "LOGICAL_DATE: the logical date itself";
    }
    return executionDate.equals(logical) && dag.schedule() == null
        ? "PERIOD_END, but the DAG has no schedule, so the logical date itself"
        : "PERIOD_END: the end of the schedule interval " + dag.schedule() + " that starts at the logical date";
  }

  /** The command line of a task: what {@code vigil_airflow.RunJobOperator} runs, through this JVM's launcher. */
  List<String> command(Dag dag, DagTask task, LocalDateTime executionDate, String runKey) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Subcommands.MAIN_CLASS);
    cmd.addAll(List.of("run", "--solution", solution, "--bundle", Bundles.PROMOTED, "--run-key", runKey,
        "--job", task.job(), "--execution-date", ISO.format(executionDate), "--dag", dag.identifier(), "--task", task.taskId()));
    task.parameters().forEach((k, v) -> cmd.addAll(List.of("--param", k + "=" + (v instanceof String s ? s : Json.compact(v)))));
    task.sparkConf().forEach((k, v) -> cmd.addAll(List.of("--spark-conf", k + "=" + v)));
    return cmd;
  }

  /** The same arguments as {@link #runTask}, executed by this JVM's CLI. */
  private int runInProcess(List<String> command) {
    List<String> args = command.subList(command.indexOf(Subcommands.MAIN_CLASS) + 1, command.size());
    picocli.CommandLine cli = Subcommands.freshRoot(spec);
    cli.setOut(spec.commandLine().getOut());
    cli.setErr(spec.commandLine().getErr());
    return cli.execute(args.toArray(String[]::new));
  }

  private static int runTask(List<String> command, Map<String, String> env, PrintWriter out) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.println("    " + line);
        out.flush();
      }
    }
    return p.waitFor();
  }
}
