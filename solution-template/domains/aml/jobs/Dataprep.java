package domains.aml.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Aggregates the month's transactions per account into the features the evaluation flow scores. */
public class Dataprep implements Job {
  Dataset<Row> transactions;
  Dataset<Row> monthly;

  @Cell(value = 1, title = "Read the month's transactions")
  public void load(JobContext context) {
    transactions = context.read("transaction");
  }

  @Cell(value = 2, title = "Aggregate per account")
  public void aggregate(JobContext context) {
    monthly = transactions.groupBy("account_id").agg(
            date_trunc("month", max(col("date"))).as("month"),
            count(lit(1)).as("tx_count"),
            sum("amount").as("sum_amount"),
            max("amount").as("max_amount"),
            sum(when(col("operation").equalTo("VYBER"), 1L).otherwise(0L)).as("cash_withdrawals"));
  }

  @Cell(value = 3, title = "Write and publish the monthly features")
  public void write(JobContext context) {
    context.write(monthly, "account_monthly");
    context.publish("account_monthly");
  }
}
