package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.dataset.PublishResult;

/** Loads the month's landing files into the datasets and publishes them to the CDD. */
public class Ingest implements Job {
  UploadResult transactions;
  UploadResult accounts;
  PublishResult publishedTransactions;
  PublishResult publishedAccounts;

  @Cell(value = 1, title = "Upload transaction files")
  public void uploadTransactions(JobContext context) {
    transactions = context.upload("transactions");
  }

  @Cell(value = 2, title = "Upload account snapshot")
  public void uploadAccounts(JobContext context) {
    accounts = context.upload("accounts");
  }

  @Cell(value = 3, title = "Publish to the CDD")
  public void publish(JobContext context) {
    publishedTransactions = context.publish("transaction");
    publishedAccounts = context.publish("account");
  }
}
