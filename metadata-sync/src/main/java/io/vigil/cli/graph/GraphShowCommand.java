package io.vigil.cli.graph;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.graph.EgoGraph;
import io.vigil.runtime.graph.Graphs;
import io.vigil.runtime.graph.view.EgoPage;
import io.vigil.runtime.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil graph show}: the ego graph around a node as an HTML page. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Write the ego graph around a node as a self-contained HTML page (inline SVG, nothing loaded from the network):"
          + " the nodes within --hops edges either way, nearest first, coloured by type, alerted nodes ringed in red,"
          + " edge widths by amount (AM)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown graph or node type, or no node with that id"})
public final class GraphShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin EgoOptions ego;

  @Parameters(index = "0", paramLabel = "<graph>", description = "Graph identifier.")
  String graph;

  @Option(names = "--node", required = true, paramLabel = "<id>", description = "Id of the node at the centre.")
  String node;

  @Option(names = "--out", required = true, paramLabel = "<file>", description = "The HTML file to write, e.g. ego.html.")
  Path out;

  @Override
  public Integer call() throws IOException {
    EgoGraph around;
    try (JobContext context = workspace.open("cli:graph", Progress.NONE, LocalDate.now(ZoneOffset.UTC).atStartOfDay())) {
      around = Graphs.egoGraph(context, graph, ego.type(), node, ego.hops(), ego.limit());
    }
    Files.writeString(out, EgoPage.html(around), StandardCharsets.UTF_8);
    PrintWriter w = spec.commandLine().getOut();
    w.println("Wrote " + out + ": " + around.nodes().size() + " nodes and " + around.edges().size() + " edges within "
        + around.hops() + " hops of " + around.center().type() + " " + around.center().id()
        + (around.truncated() ? " (cut at --limit " + around.limit() + ")" : "") + ".");
    w.flush();
    return ExitCodes.OK;
  }
}
