package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/cli.md is the CLI's own help, so it cannot drift: regenerate with -Dvigil.docs.update=true. */
class CliDocsTest {
  private static final Path DOC = Path.of("../docs/cli.md");

  @Test
  void cliReferenceMatchesTheCommands() throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# CLI reference\n\n")
        .append("<!-- Generated from the commands' help by metadata-sync/src/test/java/io/vigil/cli/CliDocsTest.java.\n")
        .append("     Regenerate: mvn -q -B test -pl metadata-sync -Dtest=CliDocsTest -Dvigil.docs.update=true -->\n\n")
        .append("`./vigil <command> --help` prints the same text. Exit codes are part of the contract: 0 success or\n")
        .append("no changes, 1 internal error or failed job, 2 invalid command line, 3 invalid solution or input,\n")
        .append("4 the plan has changes (`plan --detailed-exitcode`), 5 conflict (lock held, or a diverged branch),\n")
        .append("6 drift detected by a drift check in block mode (`run` of a drift task, `drift`; see [drift](drift.md)).\n")
        .append("A failure prints one line on standard error, `Error: <id>: Cannot <verb> <object>: <reason>`, like\n")
        .append("`Error: VGL-SYNC-002: Cannot create solution in new: the directory is not empty.`; [errors](errors.md) lists\n")
        .append("every id with its exit code.\n");
    append(md, VigilCommand.commandLine(), "vigil");
    String generated = md.toString();
    if (Boolean.getBoolean("vigil.docs.update")) {
      Files.writeString(DOC, generated);
    }
    assertThat(Files.exists(DOC)).as("docs/cli.md exists; regenerate with -Dvigil.docs.update=true").isTrue();
    assertThat(Files.readString(DOC)).as("docs/cli.md is out of date; regenerate with -Dvigil.docs.update=true")
        .isEqualTo(generated);
  }

  private static void append(StringBuilder md, CommandLine cli, String name) {
    if (!name.endsWith(" help")) {
      md.append("\n## `").append(name).append("`\n\n```\n")
          .append(cli.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
    }
    cli.getSubcommands().forEach((sub, child) -> {
      if (!sub.equals("help")) {
        append(md, child, name + " " + sub);
      }
    });
  }
}
