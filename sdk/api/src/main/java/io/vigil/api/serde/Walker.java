package io.vigil.api.serde;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Visits every record inside a metadata value with its path relative to the root, using the same
 * keys and list labels as decoding ({@code field_list[date]}, {@code validators[not_null]}).
 */
public final class Walker {
  private static final List<String> LABEL_COMPONENTS = List.of("identifier", "name", "taskId", "datasetName");

  private Walker() {}

  /** Calls {@code visitor} with ("", root) and then with (path, record) for each nested record. */
  public static void walk(Object root, BiConsumer<String, Object> visitor) {
    visit("", root, visitor);
  }

  private static void visit(String path, Object value, BiConsumer<String, Object> visitor) {
    if (value == null) {
      return;
    }
    if (value.getClass().isRecord()) {
      visitor.accept(path, value);
      for (RecordModel.Component c : RecordModel.of(value.getClass()).components) {
        visit(Decoder.join(path, c.key()), get(c, value), visitor);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        visit(path + "[" + label(item, i) + "]", item, visitor);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> visit(Decoder.join(path, String.valueOf(k)), v, visitor));
    } else if (value instanceof Collection<?>) {
      throw new IllegalStateException("Unsupported collection in metadata: " + value.getClass());
    }
  }

  /** The label a list item has in paths: its identifier, name, task id or dataset name, else its index. */
  public static String label(Object item, int index) {
    if (item != null && item.getClass().isRecord()) {
      RecordModel model = RecordModel.of(item.getClass());
      for (String name : LABEL_COMPONENTS) {
        for (RecordModel.Component c : model.components) {
          if (c.name().equals(name) && get(c, item) instanceof String s && !s.isBlank()) {
            return s;
          }
        }
      }
    }
    return Integer.toString(index);
  }

  private static Object get(RecordModel.Component c, Object record) {
    try {
      return c.accessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
