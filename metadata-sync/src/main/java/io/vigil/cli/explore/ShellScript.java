package io.vigil.cli.explore;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * A JShell script run to its end or its first failure, for {@code vigil shell} without a terminal:
 * snippets are evaluated in order in the shell's JVM, values are printed as JShell prints them, and the
 * first snippet that does not compile or that throws stops the script with a failure, which the
 * interactive tool would only print.
 */
final class ShellScript {
  /** How a script ended. */
  record Outcome(boolean ok, int exitCode) {}

  private final JShell shell;
  private final PrintStream out;
  private final PrintStream err;

  ShellScript(JShell shell, PrintStream out, PrintStream err) {
    this.shell = shell;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs {@code source}; {@code name} names it in errors. {@code echo} prints expression and variable
   * values. A line {@code /exit [code]} ends the script there.
   */
  Outcome run(String name, String source, boolean echo) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    // As the JShell tool reads: line by line, a snippet complete at the end of a line runs then.
    String[] lines = source.split("\n", -1);
    StringBuilder pending = new StringBuilder();
    int firstLine = 1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (pending.toString().isBlank()) {
        pending.setLength(0);
        firstLine = i + 1;
        if (line.strip().startsWith("/")) {
          String[] words = line.strip().split("\\s+");
          if (!words[0].equals("/exit")) {
            err.println("Cannot run " + name + " line " + (i + 1) + ": " + words[0] + " is a command of the interactive shell;"
                + " a script takes Java snippets and /exit.");
            return new Outcome(false, 3);
          }
          return new Outcome(true, words.length > 1 ? Integer.parseInt(words[1]) : 0);
        }
      }
      pending.append(line).append('\n');
      while (true) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending.toString());
        SourceCodeAnalysis.Completeness c = info.completeness();
        if (c == SourceCodeAnalysis.Completeness.EMPTY || c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
            || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
          break;
        }
        Outcome failed = eval(name, firstLine, info.source(), echo);
        if (failed != null) {
          return failed;
        }
        firstLine += countLines(info.source());
        pending = new StringBuilder(info.remaining());
        if (info.remaining().isBlank()) {
          break;
        }
      }
    }
    if (!pending.toString().isBlank()) {
      err.println("Cannot run " + name + " line " + firstLine + ": the snippet is incomplete at the end of the script.");
      return new Outcome(false, 3);
    }
    return new Outcome(true, 0);
  }

  /** Evaluates one snippet; null when it ran, else how the script ends. */
  private Outcome eval(String name, int line, String snippet, boolean echo) {
    for (SnippetEvent e : shell.eval(snippet)) {
      if (e.causeSnippet() != null) {
        continue;
      }
      if (e.status() == Snippet.Status.REJECTED) {
        String diagnostics = shell.diagnostics(e.snippet()).map(d -> describe(d, snippet)).collect(Collectors.joining("; "));
        err.println("Cannot run " + name + " line " + line + ": " + diagnostics + ".");
        return new Outcome(false, 3);
      }
      if (e.exception() != null) {
        err.println("Cannot run " + name + " line " + line + ": " + describe(e.exception()));
        return new Outcome(false, 1);
      }
      if (echo && e.value() != null && (e.snippet() instanceof ExpressionSnippet || e.snippet() instanceof VarSnippet)) {
        String variable = e.snippet() instanceof VarSnippet v ? v.name() : ((ExpressionSnippet) e.snippet()).name();
        out.println(variable + " ==> " + e.value());
      }
    }
    return null;
  }

  private static String describe(Diag d, String snippet) {
    return d.getMessage(null) + (d.getPosition() >= 0 && d.getPosition() <= snippet.length()
        ? " (at '" + snippet.substring((int) Math.max(0, d.getStartPosition()), (int) Math.min(snippet.length(),
            Math.max(d.getEndPosition(), d.getStartPosition()))) + "')" : "");
  }

  private static String describe(JShellException e) {
    String type = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getSimpleName();
    StringBuilder text = new StringBuilder(type + ": " + e.getMessage());
    List<StackTraceElement> frames = List.of(e.getStackTrace());
    for (StackTraceElement f : frames.subList(0, Math.min(5, frames.size()))) {
      text.append("\n    at ").append(f);
    }
    return text.toString();
  }

  private static int countLines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }
}
