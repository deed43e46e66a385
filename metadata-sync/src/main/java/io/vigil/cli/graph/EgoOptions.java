package io.vigil.cli.graph;

import picocli.CommandLine.Option;

/** The neighbourhood options that {@code graph show} and {@code graph export} share. */
public final class EgoOptions {
  @Option(names = "--hops", defaultValue = "2", paramLabel = "<n>", description = "How many edges away from the node (default: ${DEFAULT-VALUE}).")
  int hops;

  @Option(names = "--limit", defaultValue = "200", paramLabel = "<n>",
      description = "At most this many nodes, nearest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--node-type", paramLabel = "<type>",
      description = "The node's type, e.g. AC; needed only when nodes of several types share the id.")
  String type;

  int hops() {
    return hops;
  }

  int limit() {
    return limit;
  }

  String type() {
    return type;
  }
}
