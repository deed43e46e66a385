package io.vigil.runtime.schema;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a flow's input dataset that its models may use as features, in declaration order:
 * single-valued numbers, strings and booleans, less the keys (the dataset's primary key and the
 * flow's grouping and primary identifiers), the occurred-on field, timestamps and arrays. Each gets a
 * rank and a rating column per step in the evaluated activities, whether or not a model uses it,
 * so the tables sync creates never depend on which models are trained.
 */
public final class FeatureFields {
  private FeatureFields() {}

  public static List<String> of(EvaluationFlow flow, DataSet input) {
    if (input == null) {
      return List.of();
    }
    Set<String> excluded = new HashSet<>(input.primaryKey());
    EvaluationFlowIdentifiers ids = flow.identifiers();
    if (ids != null) {
      excluded.addAll(ids.groupingIdentifier());
      excluded.addAll(ids.primaryIdentifier());
      if (ids.primaryEntitiesList() != null) {
        excluded.add(ids.primaryEntitiesList());
      }
    }
    if (input.occurredOnField() != null) {
      excluded.add(input.occurredOnField());
    }
    List<String> out = new ArrayList<>();
    for (Field f : input.fieldList()) {
      if (!excluded.contains(f.identifier()) && !f.arrayIndicator() && f.dataType() != DataType.TIMESTAMP) {
        out.add(f.identifier());
      }
    }
    return out;
  }

  /** True when {@code field} is a number, so the built-in recipe imputes it numerically. */
  public static boolean isNumeric(DataSet input, String field) {
    Field f = input.findField(field);
    return f != null && (f.dataType() == DataType.INT || f.dataType() == DataType.LONG || f.dataType() == DataType.DOUBLE);
  }
}
