package io.vigil.cli.secret;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil secret}: secret references for metadata. */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = "Make secret references for metadata: encrypted:… values that only VIGIL_ENCRYPTION_KEY opens.",
    subcommands = {SecretEncryptCommand.class, CommandLine.HelpCommand.class})
public final class SecretCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
