package io.vigil.runtime.graph;

/**
 * A node of an ego graph.
 *
 * @param node the node
 * @param hops how many edges away from the centre it is (0 for the centre)
 * @param alerted an alerted-activity (AL) edge reaches it: an alert was raised on it
 */
public record EgoNode(GraphNode node, int hops, boolean alerted) {}
