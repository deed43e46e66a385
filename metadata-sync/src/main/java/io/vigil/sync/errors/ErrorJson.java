package io.vigil.sync.errors;

import io.vigil.api.VigilException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a failure in sync's records and outputs: {@code {"error": message, "error_id": id or null}}. */
public final class ErrorJson {
  private ErrorJson() {}

  public static Map<String, Object> of(Throwable e) {
    return of(e.getMessage() == null ? e.toString() : e.getMessage(), e instanceof VigilException v ? v.errorId() : null);
  }

  public static Map<String, Object> of(String message, String errorId) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("error", message);
    tree.put("error_id", errorId);
    return tree;
  }
}
