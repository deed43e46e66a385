package io.vigil.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every problem found in a solution, in a stable order (file, line, path, code). */
public record ValidationReport(List<Problem> problems) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ValidationReport {
    problems = problems.stream().distinct().sorted(Problem.ORDER).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** The problems with this code. */
  public List<Problem> withCode(ProblemCode code) {
    return problems.stream().filter(p -> p.code() == code).toList();
  }

  /** One line per problem, then a summary line. */
  public String renderText() {
    StringBuilder out = new StringBuilder();
    for (Problem p : problems) {
      out.append(p.render()).append('\n');
    }
    long errors = errors().size();
    long warnings = problems.size() - errors;
    if (problems.isEmpty()) {
      out.append("Solution is valid.\n");
    } else {
      out.append(errors).append(errors == 1 ? " error" : " errors").append(", ")
          .append(warnings).append(warnings == 1 ? " warning" : " warnings").append(".\n");
    }
    return out.toString();
  }

  /** Each problem's JSON form, in report order. */
  public List<Map<String, Object>> problemTrees() {
    return problems.stream().map(Problem::toTree).toList();
  }

  /** {@code {"valid": …, "errors": n, "warnings": n, "problems": [{code, severity, path, file, line, message}]}}. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("valid", !hasErrors());
    root.put("errors", errors().size());
    root.put("warnings", warnings().size());
    root.put("problems", problemTrees());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
