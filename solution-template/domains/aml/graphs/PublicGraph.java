package domains.aml.graphs;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import java.util.List;

/** Accounts and the transactions between them, for network visualisation (S1 §19). */
public class PublicGraph implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Graph.builder("public")
        .displayName("Accounts and transfers")
        .addNode(CanonicalGraph.accountNode())
        .addEdge(CanonicalGraph.transactionEdge())
        .dataPermission("dpv:public")
        .build());
  }
}
