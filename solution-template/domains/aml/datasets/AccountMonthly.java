package domains.aml.datasets;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import java.util.List;

/** Monthly behaviour of each account: what the evaluation flow scores. */
public class AccountMonthly implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(DataSet.builder("account_monthly")
        .displayName("Account month")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.builder("account_id", DataType.STRING).displayName("Account").indexed(true).build())
        .addField(Field.builder("month", DataType.TIMESTAMP).displayName("Month").build())
        .addField(Field.builder("tx_count", DataType.LONG).displayName("Transactions").category("activity").build())
        .addField(Field.builder("sum_amount", DataType.DOUBLE).displayName("Total amount").category("activity").build())
        .addField(Field.builder("max_amount", DataType.DOUBLE).displayName("Largest amount").category("activity").build())
        .addField(Field.builder("cash_withdrawals", DataType.LONG).displayName("Cash withdrawals").category("cash").build())
        .occurredOnField("month")
        .dataPermission("dpv:public")
        .publish(true)
        .build());
  }
}
