package io.vigil.runtime.dataset;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.Validator;
import io.vigil.api.dataset.ValidatorAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs a dataset's validators (S1 §3.1.4) on conformed rows. A row passes a validator only when its
 * expression is true (false and null fail). The first failing REJECT validator rejects the row;
 * failing WARN validators are recorded and the row is kept.
 */
final class RowValidation {
  /** A validator with where it was declared, for messages. */
  record Check(Validator validator, String scope) {}

  private RowValidation() {}

  /** The enabled validators in evaluation order: field validators in field order, then record validators. */
  static List<Check> checks(DataSet dataset) {
    List<Check> out = new ArrayList<>();
    if (!dataset.validateEnable()) {
      return out;
    }
    for (Field f : dataset.fieldList()) {
      for (Validator v : f.validators()) {
        if (v.enable()) {
          out.add(new Check(v, "field " + f.identifier()));
        }
      }
    }
    for (Validator v : dataset.validators()) {
      if (v.enable()) {
        out.add(new Check(v, "record"));
      }
    }
    return out;
  }

  /** Adds the reject validator, updates the reject reason and adds the list of WARN failures. */
  static Dataset<Row> apply(Dataset<Row> conformed, List<Check> checks) {
    Column rejectValidator = lit(null).cast(DataTypes.StringType);
    Column rejectReason = lit(null).cast(DataTypes.StringType);
    List<Column> warned = new ArrayList<>();
    // Build the chains backwards so the first failing validator wins.
    for (int i = checks.size() - 1; i >= 0; i--) {
      Validator v = checks.get(i).validator();
      Column failed = coalesce(expr(v.validateLogic()), lit(false)).equalTo(false);
      if (v.action() == ValidatorAction.REJECT) {
        rejectValidator = when(failed, lit(v.name())).otherwise(rejectValidator);
        rejectReason = when(failed, lit("validator " + v.name() + " (" + checks.get(i).scope() + ") failed: "
            + v.validateLogic())).otherwise(rejectReason);
      } else {
        warned.add(0, when(failed, lit(v.name())));
      }
    }
    Column parseReason = col(Internal.REJECT_REASON);
    Dataset<Row> out = conformed
        .withColumn(Internal.REJECT_VALIDATOR, when(parseReason.isNull(), rejectValidator))
        .withColumn(Internal.REJECT_REASON, coalesce(parseReason, rejectReason));
    Column warnings = warned.isEmpty() ? array().cast(DataTypes.createArrayType(DataTypes.StringType))
        : array_compact(array(warned.toArray(Column[]::new)));
    return out.withColumn(Internal.WARNED, when(col(Internal.REJECT_REASON).isNull(), warnings)
        .otherwise(array().cast(DataTypes.createArrayType(DataTypes.StringType))));
  }
}
