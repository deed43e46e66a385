package io.vigil.api.validation;

import io.vigil.api.source.SourceLocation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem found in a solution.
 *
 * @param code stable code
 * @param severity error or warning
 * @param path where in the metadata, e.g. {@code dataset[account].field_list[date].date_format}
 * @param location file and line
 * @param message "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;"
 */
public record Problem(ProblemCode code, Severity severity, String path, SourceLocation location, String message) {
  public static final Comparator<Problem> ORDER =
      Comparator.comparing((Problem p) -> p.location().file())
          .thenComparingInt(p -> p.location().line())
          .thenComparing(Problem::path)
          .thenComparing(p -> p.code().name())
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public static Problem of(ProblemCode code, String path, SourceLocation location, String message) {
    return new Problem(code, code.severity(), path, location, message);
  }

  /** The JSON form every tool prints: {@code {code, severity, path, file, line, message}}. */
  public Map<String, Object> toTree() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("code", code.name());
    item.put("severity", severity.name());
    item.put("path", path);
    item.put("file", location.file());
    item.put("line", location.line());
    item.put("message", message);
    return item;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: ERROR CODE path: message}. */
  public String render() {
    String where = location.isKnown() ? location + ": " : "";
    return where + severity + " " + code + " " + path + ": " + message;
  }
}
