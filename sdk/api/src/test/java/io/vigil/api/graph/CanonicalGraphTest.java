package io.vigil.api.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataType;
import org.junit.jupiter.api.Test;

class CanonicalGraphTest {
  @Test
  void accountIsKeyedByIban() {
    NodeType ac = CanonicalGraph.accountNode();
    assertThat(ac.identifier()).isEqualTo("AC");
    assertThat(ac.properties()).extracting(Property::identifier).containsExactly("AN", "NM", "CT", "AD");
    assertThat(ac.keyProperty().identifier()).isEqualTo("AN");
    assertThat(ac.writeAllowed()).isFalse();
  }

  @Test
  void alertHasABooleanSuppressedFlag() {
    NodeType al = CanonicalGraph.alertNode();
    assertThat(al.properties()).extracting(Property::identifier).containsExactly("AI", "RI", "SP");
    assertThat(al.findProperty("SP").type()).isEqualTo(DataType.BOOLEAN);
    assertThat(al.keyProperty()).isNull();
  }

  @Test
  void partyIsWriteAllowedAndReferencesAccountProperties() {
    NodeType pr = CanonicalGraph.partyNode();
    assertThat(pr.writeAllowed()).isTrue();
    assertThat(pr.keyProperty().identifier()).isEqualTo("PI");
    assertThat(pr.properties()).extracting(Property::identifier)
        .containsAll(CanonicalGraph.PARTY_MANDATORY_PROPERTIES)
        .containsExactly("PI", "NM", "AD", "CT", "CN", "UON", "UBY");
    assertThat(pr.findProperty("AD").reference()).isEqualTo(NodePropertyReference.of("AC", "AD"));
    assertThat(pr.findProperty("CT").reference()).isEqualTo(NodePropertyReference.of("AC", "CT"));
    assertThat(pr.findProperty("CN").type()).isEqualTo(DataType.LONG);
    assertThat(pr.findProperty("UON").type()).isEqualTo(DataType.TIMESTAMP);
  }

  @Test
  void edgesCarryTheirPropertiesAndEndpoints() {
    EdgeType tx = CanonicalGraph.transactionEdge();
    assertThat(tx.properties()).extracting(Property::identifier, Property::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("AM", DataType.DOUBLE),
        org.assertj.core.groups.Tuple.tuple("CR", DataType.STRING),
        org.assertj.core.groups.Tuple.tuple("CT", DataType.LONG));
    assertThat(tx.sourceNodeTypes()).containsExactly("AC");
    assertThat(CanonicalGraph.alertedEdge().sourceNodeTypes()).containsExactly("AL");
    EdgeType er = CanonicalGraph.entityResolutionEdge();
    assertThat(er.writeAllowed()).isTrue();
    assertThat(er.properties()).extracting(Property::identifier).containsExactly("ST", "SC");
    assertThat(er.sourceNodeTypes()).containsExactly("PR");
    assertThat(CanonicalGraph.ownerEdge().properties()).isEmpty();
    assertThat(CanonicalGraph.ownerEdge().targetNodeTypes()).containsExactly("AC");
  }

  @Test
  void lookupByIdentifier() {
    assertThat(CanonicalGraph.node("PR")).isEqualTo(CanonicalGraph.partyNode());
    assertThat(CanonicalGraph.node("AL")).isEqualTo(CanonicalGraph.alertNode());
    assertThat(CanonicalGraph.edge("AL")).isEqualTo(CanonicalGraph.alertedEdge());
    assertThat(CanonicalGraph.edge("OW")).isEqualTo(CanonicalGraph.ownerEdge());
    assertThat(CanonicalGraph.node("TX")).isNull();
    assertThat(CanonicalGraph.edge("PR")).isNull();
  }
}
