package domains.aml.datasets;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.dataset.Validator;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import java.util.List;

/** Every bank transaction, appended month by month as the core system releases them. */
public class Transactions implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(DataSet.builder("transaction")
        .displayName("Transactions")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.builder("trans_id", DataType.STRING).displayName("Transaction").build())
        .addField(Field.builder("account_id", DataType.STRING).displayName("Account").indexed(true).build())
        .addField(Field.builder("date", DataType.TIMESTAMP).displayName("Date").dateFormat("%y%m%d").build())
        .addField(Field.builder("type", DataType.STRING).displayName("Credit or debit").validValues("PRIJEM", "VYDAJ", "VYBER").build())
        .addField(Field.builder("operation", DataType.STRING).displayName("Operation").build())
        .addField(Field.builder("amount", DataType.DOUBLE).displayName("Amount")
            .addValidator(Validator.reject("amount_not_negative", "amount >= 0")).build())
        .addField(Field.builder("balance", DataType.DOUBLE).displayName("Balance after").build())
        .occurredOnField("date")
        .addValidator(Validator.warn("known_account", "account_id IS NOT NULL AND length(account_id) > 0"))
        .retentionPolicy(RetentionPolicy.months(24))
        .dataPermission("dpv:public")
        .publish(true)
        // Real-time: the transaction_realtime flow answers single payments as they arrive.
        .realtime(true)
        .numOfPartitions(4)
        .build());
  }
}
