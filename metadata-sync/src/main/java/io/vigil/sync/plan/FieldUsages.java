package io.vigil.sync.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a solution's job classes and risk YAML still name the columns a plan removes, so that the
 * plan says which job or risk the change breaks before it is applied. The sources are scanned as
 * text, not compiled: a whole-word occurrence of the name on a line counts.
 */
public final class FieldUsages {
  private FieldUsages() {}

  /** {@code plan} with, on each change that removes columns, a reason per place that still names one. */
  public static Plan annotate(Plan plan, Path solutionRoot) {
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      Set<String> removed = c.before() == null || c.after() == null ? Set.of()
          : removedColumns(c.before().spec(), c.after().spec());
      List<String> reasons = new ArrayList<>(c.reasons());
      for (String column : removed) {
        for (String place : usages(solutionRoot, column)) {
          reasons.add("column " + column + " is still named in " + place);
        }
      }
      if (reasons.size() == c.reasons().size()) {
        out.add(c);
      } else if (c instanceof Change.Update u) {
        out.add(new Change.Update(u.before(), u.after(), u.diffs(), reasons, u.blocked()));
      } else if (c instanceof Change.Replace r) {
        out.add(new Change.Replace(r.before(), r.after(), r.diffs(), reasons, r.blocked()));
      } else {
        out.add(c);
      }
    }
    return new Plan(plan.solution(), plan.commit(), out);
  }

  /** {@code file:line} of every line of the jobs ({@code domains/<d>/jobs/}) and risks that name {@code column}. */
  static List<String> usages(Path root, String column) {
    Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(column) + "(?![A-Za-z0-9_])");
    List<String> out = new ArrayList<>();
    Path domains = root.resolve("domains");
    if (!Files.isDirectory(domains)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(domains)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(f -> isJobOrRisk(domains.relativize(f))).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (word.matcher(lines.get(i)).find()) {
            out.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot scan " + domains + " for column " + column + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean isJobOrRisk(Path relative) {
    if (relative.getNameCount() < 3) {
      return false;
    }
    String folder = relative.getName(1).toString();
    String name = relative.getFileName().toString();
    return folder.equals("jobs") && name.endsWith(".java")
        || folder.equals("risks") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> removedColumns(Map<String, Object> before, Map<String, Object> after) {
    if (!(before.get("columns") instanceof List<?> was) || !(after.get("columns") instanceof List<?> now)) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (Object c : was) {
      if (c instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        names.add(n);
      }
    }
    for (Object c : now) {
      if (c instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        names.remove(n);
      }
    }
    return names;
  }
}
