package io.vigil.runtime.graph;

/**
 * What publishing a flow's alerts to its related graph did.
 *
 * @param flow the evaluation flow
 * @param graph its related graph
 * @param alerts the alerts read
 * @param nodes the AL nodes published
 * @param edges the AL edges published, alert to account
 * @param unresolved alerts whose entity matched no node through the flow's node mappings, so that no edge was made
 */
public record AlertFeedbackResult(String flow, String graph, long alerts, GraphPublishResult nodes, GraphPublishResult edges,
    long unresolved) {}
