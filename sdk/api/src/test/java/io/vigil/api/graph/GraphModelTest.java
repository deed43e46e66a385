package io.vigil.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.dataset.DataType;
import io.vigil.api.serde.Canonical;
import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphModelTest {
  /** Every component of every graph record set to a non-default value. */
  private static final Graph FULL = Graph.builder("public")
      .displayName("Public graph")
      .description("Accounts and parties")
      .addNode(NodeType.builder("AC")
          .displayName("Account")
          .description("Bank Account")
          .addProperty(Property.builder("AN", DataType.STRING)
              .displayName("IBAN").description("The account IBAN").isKey(true).encrypted(true).audited(true).build())
          .addProperty(Property.builder("AD", DataType.STRING)
              .displayName("Address").description("The address").reference("PR", "AD").encrypted(true).build())
          .writeAllowed(true)
          .encrypted(true)
          .audited(true)
          .build())
      .addNode(CanonicalGraph.partyNode())
      .addEdge(EdgeType.builder("TX")
          .displayName("Transaction")
          .description("The transaction from one account to another")
          .addProperty("AM", DataType.DOUBLE)
          .writeAllowed(true)
          .encrypted(true)
          .audited(true)
          .sourceNodeTypes("AC", "PR")
          .targetNodeTypes("AC")
          .build())
      .dataPermission("dpv:public")
      .build();

  @Test
  void jsonAndYamlRoundTripWithoutLoss() {
    assertThat(Canonical.fromJson(Canonical.toJson(FULL), Graph.class)).isEqualTo(FULL);
    assertThat(Canonical.fromYaml(Canonical.toYaml(FULL), Graph.class)).isEqualTo(FULL);
    NodePropertyReference ref = NodePropertyReference.of("AC", "CT");
    assertThat(Canonical.fromJson(Canonical.toJson(ref), NodePropertyReference.class)).isEqualTo(ref);
  }

  @Test
  void jsonUsesTheGuidesKeys() {
    String json = Canonical.toJson(FULL);
    assertThat(json).startsWith("{\"identifier\":\"public\",\"display_name\":\"Public graph\"");
    assertThat(json).contains("\"nodes\":[", "\"edges\":[", "\"data_permission\":\"dpv:public\"",
        "\"type\":\"STRING\"", "\"is_key\":true", "\"write_allowed\":true",
        "\"reference\":{\"node_identifier\":\"PR\",\"property_identifier\":\"AD\"}",
        "\"source_node_types\":[\"AC\",\"PR\"]", "\"target_node_types\":[\"AC\"]");
    assertThat(Canonical.toJson(CanonicalGraph.alertedEdge())).doesNotContain("properties", "write_allowed");
  }

  @Test
  void decodesAGraphWrittenTheWayTheGuideDoes() {
    String yaml = """
        identifier: public
        nodes:
          - identifier: AC
            display_name: Account
            description: Bank Account
            encrypted: true
            audited: true
            properties:
              - identifier: AN
                display_name: IBAN
                type: STRING
                is_key: true
                encrypted: true
              - identifier: NM
                display_name: Full name
                type: STRING
          - identifier: PR
            display_name: Party of accounts
            write_allowed: true
            properties:
              - identifier: PI
                type: STRING
                is_key: true
              - identifier: AD
                type: STRING
                reference:
                  node_identifier: AC
                  property_identifier: AD
              - identifier: UON
                type: TIMESTAMP
        edges:
          - identifier: ER
            display_name: EMP Match
            write_allowed: true
            properties:
              - identifier: SC
                type: DOUBLE
        data_permission: dpv:public
        """;
    Graph graph = Canonical.fromYaml(yaml, Graph.class);
    assertThat(graph.kind()).isEqualTo(io.vigil.api.entity.EntityKind.GRAPH);
    assertThat(graph.dataPermission()).isEqualTo("dpv:public");
    NodeType account = graph.findNode("AC");
    assertThat(account.encrypted()).isTrue();
    assertThat(account.audited()).isTrue();
    assertThat(account.writeAllowed()).isFalse();
    assertThat(account.keyProperty().identifier()).isEqualTo("AN");
    assertThat(account.findProperty("AN").encrypted()).isTrue();
    NodeType party = graph.findNode("PR");
    assertThat(party.writeAllowed()).isTrue();
    assertThat(party.findProperty("AD").reference()).isEqualTo(NodePropertyReference.of("AC", "AD"));
    assertThat(party.findProperty("UON").type()).isEqualTo(DataType.TIMESTAMP);
    EdgeType er = graph.findEdge("ER");
    assertThat(er.writeAllowed()).isTrue();
    assertThat(er.findProperty("SC").type()).isEqualTo(DataType.DOUBLE);
    assertThat(er.sourceNodeTypes()).isEmpty();
    assertThat(graph.findNode("AL")).isNull();
    assertThat(account.findProperty("XX")).isNull();
  }

  @Test
  void toBuilderCopiesEverything() {
    assertThat(FULL.toBuilder().build()).isEqualTo(FULL);
    NodeType ac = FULL.findNode("AC");
    assertThat(ac.toBuilder().build()).isEqualTo(ac);
    assertThat(ac.findProperty("AD").toBuilder().build()).isEqualTo(ac.findProperty("AD"));
    EdgeType tx = FULL.findEdge("TX");
    assertThat(tx.toBuilder().build()).isEqualTo(tx);
    assertThat(FULL.toBuilder().nodes(List.of()).edges(List.of()).build().nodes()).isEmpty();
  }

  @Test
  void graphIdentifierIsAnEntityIdentifier() {
    assertThatThrownBy(() -> Graph.builder("Public").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build graph: identifier must match");
  }

  @Test
  void graphElementIdentifiersAreAcronymShaped() {
    assertThatThrownBy(() -> NodeType.builder("A C").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("node type: identifier must match");
    assertThatThrownBy(() -> EdgeType.builder("1TX").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("edge type: identifier must match");
    assertThatThrownBy(() -> Property.of("U-ON", DataType.STRING))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("graph property: identifier must match");
  }

  @Test
  void propertyNeedsAType() {
    assertThatThrownBy(() -> Property.of("NM", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build graph property NM: type is required")
        .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ProblemCode.MISSING_REQUIRED));
  }

  @Test
  void referenceNeedsBothIdentifiers() {
    assertThatThrownBy(() -> NodePropertyReference.of("AC", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("property_identifier is required");
    assertThatThrownBy(() -> NodePropertyReference.of("", "AD"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("node_identifier is required");
  }

  @Test
  void edgeEndpointsAreNodeTypeIdentifiers() {
    assertThatThrownBy(() -> EdgeType.builder("TX").sourceNodeTypes("AC", "a c").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build edge type TX: source_node_types[1] must match")
        .satisfies(e -> assertThat(((InvalidValueException) e).path()).isEqualTo("source_node_types[1]"));
  }
}
