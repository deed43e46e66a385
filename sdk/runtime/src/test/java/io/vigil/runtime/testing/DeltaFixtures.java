package io.vigil.runtime.testing;

import io.vigil.api.dataset.DataSet;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** What sync provisions in Delta for runtime tests: each dataset's table and its rejected-rows table. */
public final class DeltaFixtures {
  private DeltaFixtures() {}

  /** Creates, when absent, the Delta and rejected-rows tables of {@code datasets} in each of {@code environments}. */
  public static void ensure(SparkSession spark, Layout layout, List<Environment> environments, DataSet... datasets) {
    for (Environment env : environments) {
      for (DataSet ds : datasets) {
        DeltaTables.ensure(spark, layout.datasetPath(env, ds.identifier()), SparkSchemas.table(ds), SparkSchemas.partitionColumns(ds));
        DeltaTables.ensure(spark, layout.rejectedPath(env, ds.identifier()), SparkSchemas.rejected(), List.of());
      }
    }
  }
}
