package io.vigil.cli.secret;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.sync.errors.SyncErrors;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil secret encrypt}: reads a value from standard input and prints its {@code encrypted:…}
 * reference. The value never comes from an argument, so it stays out of shell history and process
 * lists, and it is never printed.
 */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Encrypt a secret for metadata: read the value from standard input and print",
      "its encrypted:… reference, AES-256-GCM under VIGIL_ENCRYPTION_KEY (32 bytes in",
      "base64, e.g. from 'openssl rand -base64 32'). Put the reference where metadata",
      "takes a secret, like a connector's password.",
      "On a terminal it asks for the value without echoing it; otherwise it reads all",
      "of standard input and drops one final line break:",
      "  vigil secret encrypt < password.txt",
      "It never takes the value as an argument, which shell history and process",
      "lists would show."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed the reference", "1:internal error", "2:invalid command line",
        "3:no value on standard input, or VIGIL_ENCRYPTION_KEY is missing or not 32 bytes in base64"})
public final class SecretEncryptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    SecretResolver resolver = new SecretResolver(CliEnvironment.get());
    // Before the value is typed or read: a missing key should not cost the user a secret typed in vain.
    resolver.checkKey();
    String value = readValue();
    if (value.isEmpty()) {
      throw SyncErrors.secretInputEmpty();
    }
    String reference = resolver.encrypt(value);
    PrintWriter out = spec.commandLine().getOut();
    out.println(output.json() ? Json.write(Map.of("reference", reference)) : reference);
    out.flush();
    return ExitCodes.OK;
  }

  private String readValue() {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Value to encrypt (not shown): ");
      return typed == null ? "" : new String(typed);
    }
    try {
      return withoutFinalLineBreak(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw SyncErrors.secretInputUnreadable(e);
    }
  }

  /** {@code echo} and editors end input with a line break that is not part of the secret. */
  static String withoutFinalLineBreak(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
