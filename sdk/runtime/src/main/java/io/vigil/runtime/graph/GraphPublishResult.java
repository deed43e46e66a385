package io.vigil.runtime.graph;

/**
 * What publishing nodes or edges of one type did.
 *
 * @param graph the graph identifier
 * @param type the node or edge type
 * @param table the schema-qualified nodes or edges table
 * @param rows the rows copied in (staged)
 * @param inserted new versions written: new nodes or edges, or changed ones at a new effective date
 * @param updated versions changed in place, at the effective date they already had
 * @param createdNodes nodes an edge reached that the graph did not have, added by publishing edges; 0 for nodes
 * @param partitions the Spark partitions that copied the rows in parallel
 */
public record GraphPublishResult(String graph, String type, String table, long rows, long inserted, long updated,
    long createdNodes, int partitions) {

  /** True when the publish changed nothing (a rerun). */
  public boolean unchanged() {
    return inserted == 0 && updated == 0 && createdNodes == 0;
  }
}
