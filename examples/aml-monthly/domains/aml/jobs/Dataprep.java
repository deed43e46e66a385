package domains.aml.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Builds one row per account and month from the month's transactions, with the account's region and age. */
public class Dataprep implements Job {
  Dataset<Row> transactions;
  Dataset<Row> accounts;
  Dataset<Row> districts;
  Dataset<Row> monthly;

  @Cell(value = 1, title = "Read the month and the reference data")
  public void load(JobContext context) {
    transactions = context.read("transaction");
    accounts = context.read("account").select("account_id", "district_id", "opened");
    districts = context.read("district").select("district_id", "region");
  }

  @Cell(value = 2, title = "Aggregate per account")
  public void aggregate() {
    Column cash = col("operation").equalTo("VYBER");
    monthly = transactions.groupBy("account_id").agg(
            date_trunc("month", max(col("date"))).as("month"),
            count(lit(1)).as("tx_count"),
            sum(when(col("type").equalTo("PRIJEM"), col("amount")).otherwise(0.0)).as("credit_total"),
            sum(when(col("type").equalTo("VYDAJ"), col("amount")).otherwise(0.0)).as("debit_total"),
            sum(when(cash, 1L).otherwise(0L)).as("cash_withdrawals"),
            sum(when(cash, col("amount")).otherwise(0.0)).as("cash_total"))
        .join(accounts, "account_id", "left")
        .join(districts, "district_id", "left")
        .withColumn("account_age_months", months_between(col("month"), col("opened")).cast("long"))
        .select("account_id", "month", "region", "tx_count", "credit_total", "debit_total", "cash_withdrawals",
            "cash_total", "account_age_months");
  }

  @Cell(value = 3, title = "Write the monthly features")
  public void write(JobContext context) {
    context.write(monthly, "account_monthly");
  }
}
