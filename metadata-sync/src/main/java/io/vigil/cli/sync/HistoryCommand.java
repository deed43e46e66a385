package io.vigil.cli.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil history}: the sync history, Flyway-style. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Show the sync history of a solution: every applied change and every sync, validation, promotion and repair.",
      "A failed row that a later 'vigil repair' covered shows as 'Repaired'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:internal error", "2:invalid command line"})
public final class HistoryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--name", paramLabel = "<solution>", description = "Solution name (default: the name in <dir>/solution.yaml).")
  String name;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory whose name to use (default: current directory).")
  Path solution;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "<n>", description = "Newest rows to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    try (Stores stores = Stores.open(StoreSettings.fromEnvironment(CliEnvironment.get()))) {
      Registry registry = Registry.open(stores.postgres());
      List<String> names = new ArrayList<>();
      String resolved = solutionName(name, solution);
      if (resolved != null) {
        names.add(resolved);
      } else {
        names.addAll(registry.solutions());
      }
      PrintWriter out = spec.commandLine().getOut();
      List<Map<String, Object>> json = new ArrayList<>();
      for (String n : names) {
        List<HistoryEntry> rows = registry.history(n, limit);
        if (output.json()) {
          rows.forEach(r -> json.add(row(r, repairedStates(rows))));
        } else {
          out.println("Solution " + n + ":");
          out.print(table(rows));
        }
      }
      if (output.json()) {
        out.println(SyncOutput.json(json));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The solution named by --name, or in the directory's solution.yaml, or null. */
  static String solutionName(String name, Path dir) {
    if (name != null) {
      return name;
    }
    if (dir != null && Files.isRegularFile(dir.resolve(SolutionLoader.MANIFEST))) {
      try {
        for (String line : Files.readAllLines(dir.resolve(SolutionLoader.MANIFEST))) {
          if (line.startsWith("name:")) {
            return line.substring(5).trim().replaceAll("^['\"]|['\"]$", "");
          }
        }
      } catch (java.io.IOException e) {
        return null;
      }
    }
    return null;
  }

  /** Rank → state: Success, Failed, or Repaired when a later repair row covers the failure. */
  static Map<Long, String> repairedStates(List<HistoryEntry> rows) {
    Map<Long, String> states = new LinkedHashMap<>();
    List<Long> pending = new ArrayList<>();
    for (HistoryEntry e : rows) {
      if (e.action().equals("repair")) {
        pending.forEach(r -> states.put(r, "Repaired"));
        pending.clear();
      }
      if (e.success()) {
        states.put(e.rank(), "Success");
      } else {
        states.put(e.rank(), "Failed");
        pending.add(e.rank());
      }
    }
    return states;
  }

  private static Map<String, Object> row(HistoryEntry e, Map<Long, String> states) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", e.rank());
    m.put("solution", e.solution());
    m.put("commit", e.commit());
    m.put("address", e.address());
    m.put("action", e.action());
    m.put("checksum", e.checksum());
    m.put("applied_by", e.appliedBy());
    m.put("applied_on", e.appliedOn() == null ? null : e.appliedOn().toString());
    m.put("execution_ms", e.executionMs());
    m.put("state", states.get(e.rank()));
    m.put("problems", problemsTree(e.problems()));
    return m;
  }

  /** The recorded problems as JSON itself (a list of problems, or an error object), not as a string of JSON. */
  static JsonNode problemsTree(String problems) {
    if (problems == null || problems.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(problems);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(problems);
    }
  }

  /**
   * Why a failed row failed, in one line: the error and its id, or the first problems (file, line,
   * message) with how many more there are.
   */
  static String reason(String problems) {
    JsonNode tree = problemsTree(problems);
    if (tree == null) {
      return "no reason was recorded";
    }
    if (tree.isObject() && tree.hasNonNull("error")) {
      return (tree.hasNonNull("error_id") ? tree.get("error_id").asText() + ": " : "") + tree.get("error").asText();
    }
    if (tree.isArray()) {
      List<String> shown = new ArrayList<>();
      for (JsonNode p : tree) {
        if (shown.size() == 2) {
          break;
        }
        String where = p.hasNonNull("file") ? p.get("file").asText() + (p.hasNonNull("line") ? ":" + p.get("line").asText() : "") + ": " : "";
        shown.add(where + p.path("message").asText());
      }
      int more = tree.size() - shown.size();
      return String.join("; ", shown) + (more > 0 ? " (and " + more + " more)" : "");
    }
    return tree.asText();
  }

  static String table(List<HistoryEntry> rows) {
    if (rows.isEmpty()) {
      return "No history found.\n";
    }
    Map<Long, String> states = repairedStates(rows);
    String[] head = {"Rank", "Commit", "Action", "Address", "Applied by", "Applied on", "Time", "State"};
    List<String[]> lines = new ArrayList<>();
    for (HistoryEntry e : rows) {
      lines.add(new String[] {
          Long.toString(e.rank()),
          e.commit() == null ? "" : e.commit().length() > 12 ? e.commit().substring(0, 12) : e.commit(),
          e.action(),
          e.address() == null ? "" : e.address(),
          e.appliedBy(),
          e.appliedOn() == null ? "" : e.appliedOn().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
          e.executionMs() == null ? "" : e.executionMs() + " ms",
          states.get(e.rank())});
    }
    int[] width = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      width[i] = head[i].length();
      for (String[] l : lines) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    String rule = rule(width);
    out.append(rule).append(line(head, width)).append(rule);
    lines.forEach(l -> out.append(line(l, width)));
    out.append(rule);
    for (HistoryEntry e : rows) {
      if (!e.success()) {
        out.append("Rank ").append(e.rank()).append(' ').append(e.action()).append(e.address() == null ? "" : " " + e.address())
            .append(" failed: ").append(reason(e.problems())).append('\n');
      }
    }
    return out.toString();
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder("+");
    for (int w : width) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.append('\n').toString();
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      b.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    return b.append('\n').toString();
  }
}
