package io.vigil.runtime.dataset;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Routes connector rows to target datasets (S1 §4.1.4): each row goes to the first target whose
 * Spark SQL condition it meets, else to the default target. Conditions see the values typed with the
 * schema dataset. A row that could not be read, or that no target takes, goes to {@code rejectTo}
 * with its reason, so every row lands in exactly one write.
 */
public final class Routing {
  /** A target: a dataset and its condition (null: every row). */
  public record Route(String dataset, String condition) {}

  private static final String TARGET = "_vigil_target";

  private Routing() {}

  /** The rows of each dataset, in the order of {@code routes}, then {@code defaultTarget}, then {@code rejectTo}. */
  public static Map<String, Dataset<Row>> route(Dataset<Row> rows, DataSet schema, List<Route> routes,
      String defaultTarget, String rejectTo, boolean schemaPadding) {
    Dataset<Row> typed = Conformer.conform(rows, schema, schemaPadding);
    Column target = defaultTarget != null ? lit(defaultTarget) : lit(null).cast(DataTypes.StringType);
    for (int i = routes.size() - 1; i >= 0; i--) {
      Route r = routes.get(i);
      Column matches = r.condition() == null || r.condition().isBlank() ? lit(true) : expr(r.condition());
      target = when(matches, lit(r.dataset())).otherwise(target);
    }
    Column bad = col(Internal.REJECT_REASON).isNotNull();
    Dataset<Row> routed = typed
        .withColumn(TARGET, when(bad, lit(rejectTo)).otherwise(org.apache.spark.sql.functions.coalesce(target, lit(rejectTo))))
        .withColumn(Internal.REJECT_REASON, when(bad, col(Internal.REJECT_REASON))
            .when(target.isNull(), lit("no target of the connector matched the record"))
            .otherwise(lit(null).cast(DataTypes.StringType)));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    for (Route r : routes) {
      out.putIfAbsent(r.dataset(), null);
    }
    if (defaultTarget != null) {
      out.putIfAbsent(defaultTarget, null);
    }
    out.putIfAbsent(rejectTo, null);
    out.replaceAll((dataset, ignored) -> routed.where(col(TARGET).equalTo(dataset)).drop(TARGET));
    return out;
  }
}
