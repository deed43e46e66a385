package io.vigil.cli.data;

import io.vigil.api.connector.Connector;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.connector.Landing;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil landing}: the landing area of connectors, as ThetaRay users reach it in the MinIO console. */
@Command(
    name = "landing",
    mixinStandardHelpOptions = true,
    description = "Put files into a connector's landing folder (datasources/<folder>/ of the solution bucket).",
    subcommands = {LandingCommand.Put.class, CommandLine.HelpCommand.class})
public final class LandingCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description = "Copy local files into the landing folder of a connector, ready for 'vigil upload'.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:copied", "1:internal error", "2:invalid command line",
          "3:unknown connector, a connector without landing folder, a missing file, or no bucket (run vigil sync)"})
  public static final class Put implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
    Path solution;

    @Option(names = "--execution-date-folder", paramLabel = "<YYYY_MM_DD_HH_MM_SS>",
        description = "Put the files in this sub-folder, for uploads by execution date.")
    String subFolder;

    @Parameters(index = "0", paramLabel = "<connector>", description = "Connector identifier.")
    String connector;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file>", description = "Files to copy.")
    List<Path> files;

    @Override
    public Integer call() {
      StoreSettings settings = StoreSettings.fromEnvironment(CliEnvironment.get());
      try (Workspace workspace = Vigil.open(solution, settings)) {
        Connector c = workspace.catalog().connector(connector);
        Layout layout = new Layout(workspace.catalog().solution(), settings.warehouseRoot());
        PrintWriter out = spec.commandLine().getOut();
        try (Stores stores = Stores.open(settings)) {
          Landing.put(stores.objects(), layout, c, subFolder, files).forEach(out::println);
        }
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
