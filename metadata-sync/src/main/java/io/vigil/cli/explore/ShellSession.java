package io.vigil.cli.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What {@code vigil shell}'s start-up script defines, inside the shell's JVM: the solution's
 * {@link Workspace} ({@code ws}) and a {@link JobContext} on it ({@code ctx}). The command hands the
 * solution, date, environment and its environment variables over in a file only its user can read,
 * named by the system property {@value #PROPERTY}, so nothing of them is pasted into the script or
 * shows in a process list; the file is deleted once read.
 */
public final class ShellSession {
  /** The system property naming the session file. */
  public static final String PROPERTY = "vigil.shell.session";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The session file's content. */
  record Spec(String solution, String executionDate, String environment, String classpath, Map<String, String> env) {}

  private static Spec spec;
  private static Workspace workspace;
  private static JobContext context;

  private ShellSession() {}

  /** The solution the shell was started on. */
  public static synchronized Workspace workspace() {
    if (workspace == null) {
      Spec s = spec();
      workspace = Vigil.open(Path.of(s.solution()), StoreSettings.fromEnvironment(s.env()));
      Runtime.getRuntime().addShutdownHook(new Thread(ShellSession::close, "vigil-shell-close"));
    }
    return workspace;
  }

  /** A context on the solution for the shell's execution date and environment, as a job gets it. */
  public static synchronized JobContext context() {
    if (context == null) {
      Spec s = spec();
      StoreSettings settings = StoreSettings.fromEnvironment(s.env());
      Environment environment = s.environment().equals("public") ? Environment.PUBLIC : Environment.privateOf(settings.user());
      context = WorkspaceOptions.open(Path.of(s.solution()), environment, "shell", Progress.NONE,
          LocalDateTime.parse(s.executionDate()), s.env());
    }
    return context;
  }

  /** Two lines that say what {@code ctx} and {@code ws} are. */
  public static void banner() {
    JobContext c = context();
    System.out.println("ctx: the JobContext of solution " + c.catalog().solution() + " for execution date " + c.executionDate()
        + " in " + c.environment() + " (ctx.read(\"dataset\"), Datasets.write(ctx, df, \"dataset\"), ...)");
    System.out.println("ws:  its Workspace (ws.catalog() lists the entities and jobs; ws.context(date, env) opens another context)");
  }

  /** Closes the context and the workspace; the shell calls it at its end. */
  public static synchronized void close() {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      context = null;
      if (workspace != null) {
        workspace.close();
      }
      workspace = null;
    }
  }

  private static Spec spec() {
    if (spec == null) {
      String file = System.getProperty(PROPERTY);
      if (file == null) {
        throw new IllegalStateException("Cannot open the shell's session: no -D" + PROPERTY + "; start it with vigil shell");
      }
      Path path = Path.of(file);
      try {
        spec = JSON.readValue(path.toFile(), Spec.class);
        Files.deleteIfExists(path);
        // JShell's agent starts with its own class path and loads the SDK from added URLs; solution
        // sources are compiled against java.class.path, so it must name the SDK as in the CLI.
        System.setProperty("java.class.path", spec.classpath());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the shell's session " + path + ": " + e.getMessage(), e);
      }
    }
    return spec;
  }

  /** Writes the session file, readable by its owner only. */
  static Path write(Spec s) throws IOException {
    Path file = Files.createTempFile("vigil-shell-", ".json",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    JSON.writeValue(file.toFile(), s);
    return file;
  }
}
