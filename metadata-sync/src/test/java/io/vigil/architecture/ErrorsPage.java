package io.vigil.architecture;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/errors.md} from the {@code Id} enums of the errors classes. metadata-sync's
 * {@code ErrorsTest} writes everything up to the sections of the modules it cannot see, which come
 * last: the testkit's, written by sdk/testkit's {@code TestkitErrorsTest}.
 */
final class ErrorsPage {
  static final Path DOC = ErrorCatalog.ROOT.resolve("docs/errors.md");
  static final String TESTKIT_TITLE = "Solution testkit (`sdk/testkit`)";
  static final String REGENERATE = "mvn -q -B -o test -pl metadata-sync -am -Dtest=ErrorsTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.venv.skip=true -Dvigil.pytest.skip=true -Dvigil.docs.update=true";
  static final String REGENERATE_TESTKIT = "mvn -q -B -o test -pl sdk/testkit -am -Dtest=TestkitErrorsTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.venv.skip=true -Dvigil.pytest.skip=true -Dvigil.docs.update=true";
  private static final String DOWNSTREAM = "\n## " + TESTKIT_TITLE + "\n";

  private ErrorsPage() {}

  /** The page up to the sections of the modules tested downstream: the intro and the modules of {@link ErrorCatalog#MODULES}. */
  static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Errors\n\n");
    out.append("<!-- Generated from the Id enums of ApiErrors, RuntimeErrors, SyncErrors and AirflowErrors by\n")
        .append("     metadata-sync/src/test/java/io/vigil/architecture/ErrorsTest.java, and of TestkitErrors (the last\n")
        .append("     section) by sdk/testkit/src/test/java/io/vigil/architecture/TestkitErrorsTest.java.\n")
        .append("     Do not edit by hand: run `").append(REGENERATE).append("`\n")
        .append("     and `").append(REGENERATE_TESTKIT).append("`. -->\n\n");
    out.append("""
        Every error Vigil reports to a user has a stable id, `VGL-<MODULE>-<NNN>`, and a message of the form
        `Cannot <verb> <object>: <reason>` that names the dataset, connector, file, branch or field involved and
        never a secret. The id comes first wherever the error is shown, in one format:

        ```
        Error: VGL-SYNC-002: Cannot create solution in /work/new: the directory is not empty.
        ```

        - The CLI prints `Error: <id>: <message>.` on standard error, ending the message with a full stop where
          it has none, and exits with the category's exit code.
        - A failed cell of a job is logged and recorded (`vigil_meta.job_runs`) as `<id>: <message>`; the job's
          `JobFailedException` carries the cell's id, with the job and cell in front of its message.
        - JSON records of a failure (the sync history's `problems` column) have an `error_id` next to `error`.
        - When one error wraps another to say what was being done (a failed apply step, a DAG that could not be
          unpaused), it keeps the id and category of the error it wraps.

        In Java, `VigilException.errorId()` returns the id and `code()` its category. The prefix names the module
        that raises it: `API` the SDK's model and loading, `RT` the runtime, `SYNC` metadata-sync and the CLI, `AIR`
        the Airflow client, `TK` the solution testkit.

        **An id is assigned once and never reused or renumbered.** New ids are appended to their module's `Id`
        enum with the next number. An error that goes away keeps its constant, marked `@Deprecated`, and is listed
        here as retired, so its number is never given to another error.

        ## Categories and exit codes

        """);
    List<List<String>> categories = new ArrayList<>();
    for (ErrorCode code : ErrorCode.values()) {
      categories.add(List.of("`" + code.name() + "`", String.valueOf(code.exitCode())));
    }
    table(out, List.of("category", "exit code"), categories);
    for (ErrorCatalog.Module module : ErrorCatalog.MODULES) {
      out.append(section(module));
    }
    return out.toString();
  }

  /** The sections of {@code page} that the modules tested downstream own: from the first of them to the end. */
  static String downstreamSections(String page) {
    int start = page.indexOf(DOWNSTREAM);
    return start < 0 ? "" : page.substring(start);
  }

  /** {@code page} up to the sections that the modules tested downstream own. */
  static String upstreamPart(String page) {
    int start = page.indexOf(DOWNSTREAM);
    return start < 0 ? page : page.substring(0, start);
  }

  /** One module's heading and table of ids. */
  static String section(ErrorCatalog.Module module) {
    StringBuilder out = new StringBuilder();
    out.append("\n## ").append(module.title()).append("\n\n");
    out.append("Raised through `").append(module.errors().getName()).append("`.\n\n");
    Map<Method, Set<ErrorId>> raised = module.raisedIds();
    List<List<String>> rows = new ArrayList<>();
    for (ErrorId id : module.idList()) {
      String by = raised.entrySet().stream().filter(e -> e.getValue().contains(id))
          .map(e -> "`" + ErrorCatalog.signature(e.getKey()) + "`").collect(Collectors.joining("<br>"));
      String summary = module.retired(id) ? "Retired. " + id.summary() : id.summary();
      rows.add(List.of("`" + id.id() + "`", "`" + id.code().name() + "`",
          String.valueOf(id.code().exitCode()), summary, by.isEmpty() ? "—" : by));
    }
    table(out, List.of("id", "category", "exit", "summary", "raised by"), rows);
    return out.toString();
  }

  private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append("\n");
    for (List<String> row : rows) {
      out.append("| ").append(row.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | "))).append(" |\n");
    }
  }
}
