package io.vigil.cli.graph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil graph}: the pictures and exports of a solution's graphs. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draw or export a graph whose nodes and edges jobs published.",
      "",
      "'vigil graph show' writes the ego graph around a node as a self-contained HTML page;"
          + " 'vigil graph export' writes a graph, or the ego graph of a node, as GraphML or JSON."
    },
    subcommands = {GraphShowCommand.class, GraphExportCommand.class, CommandLine.HelpCommand.class})
public final class GraphCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
