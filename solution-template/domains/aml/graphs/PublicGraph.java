package domains.aml.graphs;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import java.util.List;

/** Accounts, the transactions between them and the alerts raised on them, for network visualisation (S1 §8, §19). */
public class PublicGraph implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Graph.builder("public")
        .displayName("Accounts and transfers")
        .addNode(CanonicalGraph.accountNode())
        .addNode(CanonicalGraph.alertNode())
        .addEdge(CanonicalGraph.transactionEdge())
        .addEdge(CanonicalGraph.alertedEdge())
        .dataPermission("dpv:public")
        .build());
  }
}
