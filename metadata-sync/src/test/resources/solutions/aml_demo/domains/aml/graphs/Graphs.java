package domains.aml.graphs;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import java.util.List;

public class Graphs implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Graph.builder("public_graph")
        .addNode(CanonicalGraph.accountNode())
        .addNode(CanonicalGraph.alertNode())
        .addEdge(CanonicalGraph.transactionEdge())
        .addEdge(CanonicalGraph.alertedEdge())
        .dataPermission("dpv:public")
        .build());
  }
}
