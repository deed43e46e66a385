package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataType;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.Graph;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.Severity;
import io.vigil.api.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRulesTest {
  /** The guide's full example: every canonical node and edge. */
  private static Graph.Builder canonical() {
    return Graph.builder("public")
        .addNode(CanonicalGraph.accountNode())
        .addNode(CanonicalGraph.alertNode())
        .addNode(CanonicalGraph.partyNode())
        .addEdge(CanonicalGraph.transactionEdge())
        .addEdge(CanonicalGraph.alertedEdge())
        .addEdge(CanonicalGraph.entityResolutionEdge())
        .addEdge(CanonicalGraph.ownerEdge())
        .dataPermission("dpv:public");
  }

  /** The canonical graph with one node type replaced. */
  private static Graph withNode(NodeType node) {
    Graph g = canonical().build();
    List<NodeType> nodes = new ArrayList<>(g.nodes());
    nodes.replaceAll(n -> n.identifier().equals(node.identifier()) ? node : n);
    return g.toBuilder().nodes(nodes).build();
  }

  /** The canonical graph with one edge type replaced. */
  private static Graph withEdge(EdgeType edge) {
    Graph g = canonical().build();
    List<EdgeType> edges = new ArrayList<>(g.edges());
    edges.replaceAll(e -> e.identifier().equals(edge.identifier()) ? edge : e);
    return g.toBuilder().edges(edges).build();
  }

  @Test
  void theCanonicalGraphHasNoProblems() {
    assertThat(validate(canonical().build()).problems()).isEmpty();
    Graph encrypted = withNode(CanonicalGraph.accountNode().toBuilder().encrypted(true).audited(true).build());
    assertThat(validate(encrypted).problems()).isEmpty();
  }

  @Test
  void nodeEdgeAndPropertyIdentifiersAreUnique() {
    Graph g = canonical()
        .addNode(NodeType.builder("AC").addProperty(Property.builder("AN", DataType.STRING).isKey(true).build()).build())
        .addEdge(EdgeType.builder("OW").build())
        .build();
    Graph props = withNode(CanonicalGraph.alertNode().toBuilder().addProperty("RI", DataType.STRING).build());
    assertThat(paths(validate(g), ProblemCode.IDENTIFIER_DUPLICATE))
        .containsExactlyInAnyOrder("graph[public].nodes[AC]", "graph[public].edges[OW]");
    assertThat(paths(validate(props), ProblemCode.IDENTIFIER_DUPLICATE))
        .containsExactly("graph[public].nodes[AL].properties[RI]");
  }

  @Test
  void atMostOneKeyPropertyPerType() {
    NodeType ac = CanonicalGraph.accountNode().toBuilder()
        .addProperty(Property.builder("EM", DataType.STRING).isKey(true).build())
        .build();
    assertThat(paths(validate(withNode(ac)), ProblemCode.INVALID_VALUE))
        .containsExactly("graph[public].nodes[AC].properties[EM].is_key");
  }

  @Test
  void propertyReferencesResolveWithinTheGraph() {
    NodeType pr = CanonicalGraph.partyNode().toBuilder()
        .properties(List.of(
            Property.builder("PI", DataType.STRING).isKey(true).build(),
            Property.of("NM", DataType.STRING),
            Property.builder("AD", DataType.STRING).reference("AC", "XX").build(),
            Property.builder("CT", DataType.STRING).reference("ZZ", "CT").build(),
            Property.of("CN", DataType.LONG),
            Property.of("UON", DataType.TIMESTAMP),
            Property.of("UBY", DataType.STRING)))
        .build();
    ValidationReport r = validate(withNode(pr));
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactlyInAnyOrder(
        "graph[public].nodes[PR].properties[AD].reference", "graph[public].nodes[PR].properties[CT].reference");
    assertThat(r.withCode(ProblemCode.UNRESOLVED_REFERENCE).get(0).message()).contains("has no property 'XX'");
  }

  @Test
  void edgeEndpointsNameNodeTypesOfTheGraph() {
    EdgeType tx = CanonicalGraph.transactionEdge().toBuilder().sourceNodeTypes("AC", "CU").targetNodeTypes("XX").build();
    assertThat(paths(validate(withEdge(tx)), ProblemCode.UNRESOLVED_REFERENCE)).containsExactlyInAnyOrder(
        "graph[public].edges[TX].source_node_types[1]", "graph[public].edges[TX].target_node_types[0]");
  }

  @Test
  void onlyStringsCanBeEncrypted() {
    EdgeType tx = CanonicalGraph.transactionEdge().toBuilder()
        .properties(List.of(Property.builder("AM", DataType.DOUBLE).encrypted(true).build()))
        .build();
    NodeType custom = NodeType.builder("CU")
        .addProperty(Property.builder("ID", DataType.LONG).isKey(true).build())
        .encrypted(true)
        .build();
    ValidationReport r = validate(canonical().addNode(custom).build().toBuilder().edges(List.of(tx)).build());
    assertThat(paths(r, ProblemCode.ENCRYPTION_REQUIRES_STRING))
        .containsExactlyInAnyOrder("graph[public].nodes[CU].encrypted", "graph[public].edges[TX].properties[AM].encrypted");
  }

  @Test
  void auditedWithoutEncryptionIsAWarning() {
    NodeType al = CanonicalGraph.alertNode().toBuilder()
        .audited(true)
        .addProperty(Property.builder("EX", DataType.STRING).audited(true).build())
        .build();
    EdgeType ow = CanonicalGraph.ownerEdge().toBuilder().audited(true).build();
    ValidationReport r = validate(withEdge(ow).toBuilder().nodes(withNode(al).nodes()).build());
    assertThat(paths(r, ProblemCode.AUDIT_REQUIRES_ENCRYPTION)).containsExactlyInAnyOrder(
        "graph[public].nodes[AL].properties[EX].audited", "graph[public].nodes[AL].audited",
        "graph[public].edges[OW].audited");
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void partyNodeMustBeWriteAllowed() {
    NodeType pr = CanonicalGraph.partyNode().toBuilder().writeAllowed(false).build();
    assertThat(paths(validate(withNode(pr)), ProblemCode.PARTY_MANDATORY_PROPERTIES))
        .containsExactly("graph[public].nodes[PR].write_allowed");
  }

  @Test
  void partyNodeHasTheMandatoryProperties() {
    NodeType pr = CanonicalGraph.partyNode().toBuilder()
        .properties(CanonicalGraph.partyNode().properties().stream()
            .filter(p -> !p.identifier().equals("CN") && !p.identifier().equals("UBY"))
            .toList())
        .build();
    ValidationReport r = validate(withNode(pr));
    assertThat(paths(r, ProblemCode.PARTY_MANDATORY_PROPERTIES)).containsExactly("graph[public].nodes[PR].properties");
    assertThat(r.problems().get(0).message()).contains("missing [CN, UBY]");
  }

  @Test
  void partyNodeHasAtMostThreeAdditionalProperties() {
    NodeType pr = CanonicalGraph.partyNode().toBuilder()
        .addProperty("EM", DataType.STRING)
        .addProperty("PH", DataType.STRING)
        .build();
    ValidationReport r = validate(withNode(pr));
    assertThat(paths(r, ProblemCode.PARTY_MANDATORY_PROPERTIES)).containsExactly("graph[public].nodes[PR].properties");
    assertThat(r.problems().get(0).message()).contains("it has 4: [AD, CT, EM, PH]");
    assertThat(validate(withNode(CanonicalGraph.partyNode().toBuilder().addProperty("EM", DataType.STRING).build()))
        .problems()).isEmpty();
  }

  @Test
  void entityResolutionEdgeMustBeWriteAllowed() {
    EdgeType er = CanonicalGraph.entityResolutionEdge().toBuilder().writeAllowed(false).build();
    assertThat(paths(validate(withEdge(er)), ProblemCode.PARTY_MANDATORY_PROPERTIES))
        .containsExactly("graph[public].edges[ER].write_allowed");
  }

  @Test
  void canonicalNodeTypesKeepTheirKey() {
    NodeType noKey = CanonicalGraph.accountNode().toBuilder()
        .properties(CanonicalGraph.accountNode().properties().stream()
            .map(p -> p.toBuilder().isKey(p.identifier().equals("NM")).build())
            .toList())
        .build();
    NodeType missing = NodeType.builder("AC").addProperty("NM", DataType.STRING).build();
    ValidationReport r = validate(withNode(noKey));
    assertThat(paths(r, ProblemCode.GRAPH_IDENTIFIER_NONCANONICAL))
        .containsExactly("graph[public].nodes[AC].properties[NM].is_key");
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    assertThat(r.problems().get(0).message()).contains("expects AN as its key property, found NM");
    assertThat(paths(validate(withNode(missing)), ProblemCode.GRAPH_IDENTIFIER_NONCANONICAL))
        .containsExactly("graph[public].nodes[AC].properties");
  }

  @Test
  void canonicalPropertiesKeepTheirType() {
    NodeType pr = CanonicalGraph.partyNode().toBuilder()
        .properties(CanonicalGraph.partyNode().properties().stream()
            .map(p -> p.identifier().equals("CN") ? Property.of("CN", DataType.STRING) : p)
            .toList())
        .build();
    EdgeType tx = CanonicalGraph.transactionEdge().toBuilder()
        .properties(List.of(Property.of("AM", DataType.DOUBLE), Property.of("CT", DataType.STRING)))
        .build();
    ValidationReport r = validate(withEdge(tx).toBuilder().nodes(withNode(pr).nodes()).build());
    assertThat(paths(r, ProblemCode.GRAPH_IDENTIFIER_NONCANONICAL)).containsExactlyInAnyOrder(
        "graph[public].nodes[PR].properties[CN].type", "graph[public].edges[TX].properties[CT].type");
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void nodesThatCanEndOneEdgeAgreeOnEncryption() {
    NodeType ac = CanonicalGraph.accountNode().toBuilder().encrypted(true).build();
    EdgeType al = CanonicalGraph.alertedEdge().toBuilder().targetNodeTypes("AC", "PR").build();
    EdgeType tx = CanonicalGraph.transactionEdge().toBuilder().sourceNodeTypes("AC", "AL").build();
    ValidationReport r = validate(withNode(ac).toBuilder().edges(List.of(al, tx)).build());
    assertThat(paths(r, ProblemCode.EDGE_ENCRYPTION_INCONSISTENT)).containsExactlyInAnyOrder(
        "graph[public].edges[AL].target_node_types", "graph[public].edges[TX].source_node_types");
    assertThat(r.withCode(ProblemCode.EDGE_ENCRYPTION_INCONSISTENT).get(0).message())
        .contains("encrypted [AC], not encrypted [PR]");
  }
}
