package io.vigil.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.api.ErrorCode;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing cell: its error keeps its id in the cell's record and in the JobFailedException. */
class JobRunnerTest {
  private static final DataSet ACCOUNT = DataSet.builder("account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING)).primaryKey("account_id").build();

  @TempDir static Path home;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Reads a dataset whose table sync never created. */
  public static final class ReadsAMissingTable implements Job {
    @Cell(1)
    public void read(JobContext context) {
      context.read("account");
    }
  }

  /** A bug in the job's own code. */
  public static final class HasABug implements Job {
    @Cell(1)
    public void fine() {}

    @Cell(2)
    public void broken() {
      throw new IllegalStateException("no such state");
    }
  }

  @Test
  void aVigilErrorInACellKeepsItsIdAndCategory() {
    List<JobRun> recorded = new ArrayList<>();
    try (JobContext context = context()) {
      JobFailedException e = catchThrowableOfType(
          () -> JobRunner.run(new ReadsAMissingTable(), "aml.ReadsAMissingTable", context, JobRunner.Listener.NONE, recorded::add),
          JobFailedException.class);
      assertThat(e.errorId()).isEqualTo("VGL-RT-029");
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.getMessage()).startsWith("Cannot finish job aml.ReadsAMissingTable: cell read failed: VGL-RT-029: "
          + "Cannot read dataset account: its table does not exist at ");
      assertThat(e.run().failedCell().error()).startsWith("VGL-RT-029: Cannot read dataset account");
      assertThat(recorded).singleElement().satisfies(r -> assertThat(r.failedCell().name()).isEqualTo("read"));
    }
  }

  @Test
  void anyOtherExceptionIsACellFailureWithItsType() {
    try (JobContext context = context()) {
      JobFailedException e = catchThrowableOfType(
          () -> JobRunner.run(new HasABug(), "aml.HasABug", context, JobRunner.Listener.NONE, r -> {}), JobFailedException.class);
      assertThat(e.errorId()).isEqualTo("VGL-RT-010");
      assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
      assertThat(e.getMessage()).isEqualTo("Cannot finish job aml.HasABug: cell broken failed: IllegalStateException: no such state");
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
      assertThat(e.run().cells()).hasSize(2);
    }
  }

  private static JobContext context() {
    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops",
        "VIGIL_ROLES", "manager"));
    return JobContext.builder(Catalogs.of("runs", ACCOUNT)).settings(settings).executionDate(LocalDateTime.of(2024, 1, 31, 0, 0))
        .environment(Environment.PUBLIC).spark(spark).writer("aml.Test").open();
  }
}
