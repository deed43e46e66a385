package io.vigil.runtime.connector.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Shapes a record's values to the schema dataset: a mapped path wins over the standard column of the same name. */
final class Rows {
  private Rows() {}

  static Map<String, String> shape(MappingPlan plan, Selection selection, Map<String, String> standard,
      UnaryOperator<String> byPath) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : plan.fields()) {
      String path = selection.pathByField().get(field);
      out.put(field, path != null ? byPath.apply(path) : standard.get(field));
    }
    return out;
  }
}
