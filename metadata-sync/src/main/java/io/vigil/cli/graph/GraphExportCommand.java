package io.vigil.cli.graph;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.graph.GraphContents;
import io.vigil.runtime.graph.Graphs;
import io.vigil.runtime.graph.view.GraphExport;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil graph export}: a graph, or a node's ego graph, as GraphML or JSON. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a graph (the latest version of every node, at most --limit of them, and the edges between them),"
          + " or with --node the ego graph around a node, as GraphML (Gephi, yEd, Cytoscape) or JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown graph or node type, or no node with that id"})
public final class GraphExportCommand implements Callable<Integer> {
  /** The export formats. */
  public enum Format {
    graphml,
    json
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin EgoOptions ego;

  @Parameters(index = "0", paramLabel = "<graph>", description = "Graph identifier.")
  String graph;

  @Option(names = "--format", required = true, paramLabel = "<format>", description = "${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = "--node", paramLabel = "<id>", description = "Export only the ego graph around this node (see --hops).")
  String node;

  @Option(names = "--out", required = true, paramLabel = "<file>", description = "The file to write.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (node == null) {
      for (String egoOnly : new String[] {"--hops", "--node-type"}) {
        if (spec.commandLine().getParseResult().hasMatchedOption(egoOnly)) {
          throw new ParameterException(spec.commandLine(), egoOnly + " applies to an ego graph and needs --node.");
        }
      }
    }
    GraphContents contents;
    try (JobContext context = workspace.open("cli:graph", Progress.NONE, LocalDate.now(ZoneOffset.UTC).atStartOfDay())) {
      contents = node == null ? Graphs.readGraph(context, graph, ego.limit())
          : Graphs.egoGraph(context, graph, ego.type(), node, ego.hops(), ego.limit()).contents();
    }
    String text = format == Format.graphml ? GraphExport.graphml(contents) : GraphExport.json(contents);
    Files.writeString(out, text, StandardCharsets.UTF_8);
    PrintWriter w = spec.commandLine().getOut();
    w.println("Wrote " + out + " (" + format + "): " + contents.nodes().size() + " nodes and " + contents.edges().size() + " edges"
        + (contents.truncated() ? ", cut at --limit " + ego.limit() : "") + ".");
    w.flush();
    return ExitCodes.OK;
  }
}
