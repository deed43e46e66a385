package io.vigil.cli.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A notebook as {@code nbconvert --execute --allow-errors} wrote it: every cell ran and kept its
 * outputs, so the first cell with an error output is the one that failed.
 */
record ExecutedNotebook(int codeCells, Optional<FailedCell> failed) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The failing cell: its number among the code cells (from 1), its first source line and its error. */
  record FailedCell(int number, String firstLine, String error) {}

  static ExecutedNotebook read(Path file) throws IOException {
    JsonNode notebook = JSON.readTree(file.toFile());
    int number = 0;
    for (JsonNode cell : notebook.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      number++;
      for (JsonNode out : cell.path("outputs")) {
        if ("error".equals(out.path("output_type").asText())) {
          String error = out.path("ename").asText() + ": " + out.path("evalue").asText().strip();
          return new ExecutedNotebook(countCode(notebook), Optional.of(new FailedCell(number, firstLine(cell.path("source")), error)));
        }
      }
    }
    return new ExecutedNotebook(number, Optional.empty());
  }

  private static int countCode(JsonNode notebook) {
    int n = 0;
    for (JsonNode cell : notebook.path("cells")) {
      n += "code".equals(cell.path("cell_type").asText()) ? 1 : 0;
    }
    return n;
  }

  /** The first non-blank line of a cell's source (a string or a list of lines in nbformat 4). */
  private static String firstLine(JsonNode source) {
    StringBuilder text = new StringBuilder();
    if (source.isArray()) {
      source.forEach(line -> text.append(line.asText()));
    } else {
      text.append(source.asText(""));
    }
    return text.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
