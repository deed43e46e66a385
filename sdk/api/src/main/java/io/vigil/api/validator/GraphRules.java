package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.Graph;
import io.vigil.api.graph.NodePropertyReference;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The graph rules of S1 §19.1 and §15.2.1 (V-05, V-06 for graph elements, V-33, V-34, V-35). */
final class GraphRules implements RuleSet {
  @Override
  public void check(Solution solution, Problems problems) {
    for (LoadedEntity loaded : solution.loaded(EntityKind.GRAPH)) {
      Graph graph = (Graph) loaded.entity();
      new Check(graph, loaded, problems).run();
    }
  }

  /** The checks of one graph. */
  private record Check(Graph graph, LoadedEntity loaded, Problems problems) {
    void run() {
      Set<String> nodeIds = new HashSet<>();
      for (NodeType node : graph.nodes()) {
        String path = item("nodes", node.identifier());
        String what = "node type " + node.identifier();
        if (!nodeIds.add(node.identifier())) {
          duplicate(path, what);
        }
        properties(node.properties(), path, what);
        nodeEncryption(node, path);
        canonicalNode(node, path);
        if (node.identifier().equals(CanonicalGraph.PARTY)) {
          party(node, path);
        }
      }
      Set<String> edgeIds = new HashSet<>();
      for (EdgeType edge : graph.edges()) {
        String path = item("edges", edge.identifier());
        String what = "edge type " + edge.identifier();
        if (!edgeIds.add(edge.identifier())) {
          duplicate(path, what);
        }
        properties(edge.properties(), path, what);
        if (edge.audited() && !edge.encrypted()) {
          auditWithoutEncryption(path, what);
        }
        canonicalEdge(edge, path);
        if (edge.identifier().equals(CanonicalGraph.ENTITY_RESOLUTION) && !edge.writeAllowed()) {
          problems.add(ProblemCode.PARTY_MANDATORY_PROPERTIES, loaded, path + ".write_allowed",
              "Cannot declare ER edge type of graph " + graph.identifier()
                  + ": entity resolution writes its matches, so it must be write_allowed; set write_allowed: true");
        }
        endpoints(edge, path, "source_node_types", edge.sourceNodeTypes(), "source");
        endpoints(edge, path, "target_node_types", edge.targetNodeTypes(), "target");
      }
    }

    /** Property identifiers, keys, references and encryption of one node or edge type. */
    private void properties(List<Property> properties, String owner, String ownerWhat) {
      Set<String> seen = new HashSet<>();
      Property key = null;
      for (Property p : properties) {
        String path = item(owner + ".properties", p.identifier());
        String what = "property " + p.identifier() + " of " + ownerWhat;
        if (!seen.add(p.identifier())) {
          duplicate(path, what);
        }
        if (p.isKey()) {
          if (key != null) {
            problems.add(ProblemCode.INVALID_VALUE, loaded, path + ".is_key",
                "Cannot make " + what + " of graph " + graph.identifier() + " a key: " + key.identifier()
                    + " is already the key, and a type has at most one key property");
          } else {
            key = p;
          }
        }
        if (p.reference() != null) {
          reference(p.reference(), path + ".reference", what);
        }
        if (p.encrypted() && p.type() != DataType.STRING) {
          problems.add(ProblemCode.ENCRYPTION_REQUIRES_STRING, loaded, path + ".encrypted",
              "Cannot encrypt " + what + " of graph " + graph.identifier()
                  + ": only STRING properties can be encrypted, this one is " + p.type());
        }
        if (p.audited() && !p.encrypted()) {
          auditWithoutEncryption(path, what);
        }
      }
    }

    private void reference(NodePropertyReference ref, String path, String what) {
      NodeType target = graph.findNode(ref.nodeIdentifier());
      if (target == null) {
        problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path,
            "Cannot resolve the reference of " + what + " of graph " + graph.identifier() + ": no node type '"
                + ref.nodeIdentifier() + "'");
      } else if (target.findProperty(ref.propertyIdentifier()) == null) {
        problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path,
            "Cannot resolve the reference of " + what + " of graph " + graph.identifier() + ": node type "
                + ref.nodeIdentifier() + " has no property '" + ref.propertyIdentifier() + "'");
      }
    }

    private void nodeEncryption(NodeType node, String path) {
      Property key = node.keyProperty();
      if (node.encrypted() && key != null && key.type() != DataType.STRING) {
        problems.add(ProblemCode.ENCRYPTION_REQUIRES_STRING, loaded, path + ".encrypted",
            "Cannot encrypt node type " + node.identifier() + " of graph " + graph.identifier()
                + ": node identifiers come from the key property " + key.identifier()
                + ", and only STRING values can be encrypted; it is " + key.type());
      }
      if (node.audited() && !node.encrypted()) {
        auditWithoutEncryption(path, "node type " + node.identifier());
      }
    }

    /** V-33: the party node is write-allowed and has PI, NM, CN, UON, UBY and at most 3 more properties. */
    private void party(NodeType node, String path) {
      if (!node.writeAllowed()) {
        problems.add(ProblemCode.PARTY_MANDATORY_PROPERTIES, loaded, path + ".write_allowed",
            "Cannot declare party node type PR of graph " + graph.identifier()
                + ": entity resolution writes parties, so it must be write_allowed; set write_allowed: true");
      }
      List<String> missing = new ArrayList<>();
      for (String mandatory : CanonicalGraph.PARTY_MANDATORY_PROPERTIES) {
        if (node.findProperty(mandatory) == null) {
          missing.add(mandatory);
        }
      }
      if (!missing.isEmpty()) {
        problems.add(ProblemCode.PARTY_MANDATORY_PROPERTIES, loaded, path + ".properties",
            "Cannot declare party node type PR of graph " + graph.identifier() + ": the mandatory properties "
                + CanonicalGraph.PARTY_MANDATORY_PROPERTIES + " must all be present; missing " + missing);
      }
      List<String> additional = node.properties().stream()
          .map(Property::identifier)
          .filter(id -> !CanonicalGraph.PARTY_MANDATORY_PROPERTIES.contains(id))
          .distinct()
          .toList();
      if (additional.size() > CanonicalGraph.PARTY_MAX_ADDITIONAL_PROPERTIES) {
        problems.add(ProblemCode.PARTY_MANDATORY_PROPERTIES, loaded, path + ".properties",
            "Cannot declare party node type PR of graph " + graph.identifier() + ": it may have at most "
                + CanonicalGraph.PARTY_MAX_ADDITIONAL_PROPERTIES + " properties besides the mandatory ones; it has "
                + additional.size() + ": " + additional);
      }
    }

    /** V-34: a canonical node type keeps its canonical key, and canonical properties keep their types. */
    private void canonicalNode(NodeType node, String path) {
      NodeType canonical = CanonicalGraph.node(node.identifier());
      if (canonical == null) {
        return;
      }
      Property canonicalKey = canonical.keyProperty();
      Property key = node.keyProperty();
      if (canonicalKey != null && (key == null || !key.identifier().equals(canonicalKey.identifier()))) {
        String at = key != null ? item(path + ".properties", key.identifier()) + ".is_key"
            : node.findProperty(canonicalKey.identifier()) != null
                ? item(path + ".properties", canonicalKey.identifier()) + ".is_key"
                : path + ".properties";
        problems.add(ProblemCode.GRAPH_IDENTIFIER_NONCANONICAL, loaded, at,
            "Cannot recognise node type " + node.identifier() + " of graph " + graph.identifier()
                + " as the canonical one: Network Visualizations expects " + canonicalKey.identifier()
                + " as its key property, found " + (key == null ? "none" : key.identifier()));
      }
      canonicalTypes(node.properties(), canonical.properties(), path, "node type " + node.identifier());
    }

    private void canonicalEdge(EdgeType edge, String path) {
      EdgeType canonical = CanonicalGraph.edge(edge.identifier());
      if (canonical != null) {
        canonicalTypes(edge.properties(), canonical.properties(), path, "edge type " + edge.identifier());
      }
    }

    private void canonicalTypes(List<Property> properties, List<Property> canonical, String owner, String ownerWhat) {
      for (Property p : properties) {
        for (Property c : canonical) {
          if (c.identifier().equals(p.identifier()) && c.type() != p.type()) {
            problems.add(ProblemCode.GRAPH_IDENTIFIER_NONCANONICAL, loaded,
                item(owner + ".properties", p.identifier()) + ".type",
                "Cannot recognise property " + p.identifier() + " of " + ownerWhat + " of graph " + graph.identifier()
                    + " as the canonical one: Network Visualizations expects type " + c.type() + ", found " + p.type()
                    + "; use another identifier for a different property");
          }
        }
      }
    }

    /** Edge endpoints exist (references) and, when several are possible, agree on encryption (V-35). */
    private void endpoints(EdgeType edge, String path, String key, List<String> nodeTypes, String side) {
      List<NodeType> resolved = new ArrayList<>();
      for (int i = 0; i < nodeTypes.size(); i++) {
        NodeType node = graph.findNode(nodeTypes.get(i));
        if (node == null) {
          problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path + "." + key + "[" + i + "]",
              "Cannot resolve " + side + " of edge type " + edge.identifier() + " of graph " + graph.identifier()
                  + ": no node type '" + nodeTypes.get(i) + "'");
        } else {
          resolved.add(node);
        }
      }
      List<String> encrypted = resolved.stream().filter(NodeType::encrypted).map(NodeType::identifier).distinct().toList();
      List<String> clear = resolved.stream().filter(n -> !n.encrypted()).map(NodeType::identifier).distinct().toList();
      if (!encrypted.isEmpty() && !clear.isEmpty()) {
        problems.add(ProblemCode.EDGE_ENCRYPTION_INCONSISTENT, loaded, path + "." + key,
            "Cannot store " + side + " identifiers of edge type " + edge.identifier() + " of graph " + graph.identifier()
                + " consistently: the " + side + " node types must all be encrypted or all not; encrypted "
                + encrypted + ", not encrypted " + clear);
      }
    }

    private void duplicate(String path, String what) {
      problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
          "Cannot declare " + what + " of graph " + graph.identifier() + ": the identifier is used twice");
    }

    private void auditWithoutEncryption(String path, String what) {
      problems.add(ProblemCode.AUDIT_REQUIRES_ENCRYPTION, loaded, path + ".audited",
          "Cannot audit " + what + " of graph " + graph.identifier()
              + ": audited applies only to encrypted elements; set encrypted or drop audited");
    }
  }
}
