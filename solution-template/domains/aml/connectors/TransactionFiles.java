package domains.aml.connectors;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import java.util.List;

/** Semicolon-separated transaction files dropped in datasources/transactions/. */
public class TransactionFiles implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(FlatFileConnector.builder("transactions")
        .displayName("Transaction files")
        .source(Source.builder("transactions", "transaction")
            .delimiter(";")
            .timestampConf(TimestampConf.column("date", "%y%m%d"))
            .build())
        .defaultTargetDatasetName("transaction")
        .build());
  }
}
