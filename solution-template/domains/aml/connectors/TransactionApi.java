package domains.aml.connectors;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import java.util.List;

/** Transactions posted one at a time by the payment system; vigil serve validates them against the dataset. */
public class TransactionApi implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(FlatFileConnector.builder("transaction_api")
        .displayName("Transaction API")
        .source(Source.builder("transaction_api", "transaction").build())
        .defaultTargetDatasetName("transaction")
        .restConfig(RestConfig.builder().enable(true).build())
        .build());
  }
}
