package io.vigil.runtime.connector.payment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values read so far for the record being built: the business application header's, the
 * message's above the record (group header, payment information, statement, entry) and the
 * record's own, by path below the message element ({@code GrpHdr/MsgId}, {@code AppHdr/Fr/…}).
 * A path that occurs more than once holds its values joined by a newline.
 */
final class MxValues {
  /** A value longer than this rejects its record instead of growing memory. */
  static final int VALUE_LIMIT = 100_000;

  private final Map<String, StringBuilder> values = new LinkedHashMap<>();

  void add(String path, String value) {
    StringBuilder existing = values.get(path);
    if (existing == null) {
      values.put(path, new StringBuilder(value));
    } else if (existing.length() < VALUE_LIMIT) {
      existing.append('\n').append(value);
    }
  }

  String get(String path) {
    StringBuilder v = values.get(path);
    return v == null ? null : v.toString();
  }

  boolean hasUnder(String prefix) {
    String p = prefix + "/";
    return values.keySet().stream().anyMatch(k -> k.startsWith(p));
  }

  /** Forgets the values of an element that ended, so its next sibling starts clean. */
  void removeUnder(String prefix) {
    String p = prefix + "/";
    values.keySet().removeIf(k -> k.startsWith(p));
  }

  /** The values below {@code prefix}, to be put back with {@link #restore} later. */
  Map<String, String> snapshot(String prefix) {
    String p = prefix + "/";
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(p)) {
        out.put(k, v.toString());
      }
    });
    return out;
  }

  void restore(Map<String, String> snapshot) {
    snapshot.forEach((k, v) -> values.put(k, new StringBuilder(v)));
  }

  void clear() {
    values.clear();
  }

  /** Whether some value grew past {@link #VALUE_LIMIT}; such a record is rejected. */
  String oversized() {
    return values.entrySet().stream().filter(e -> e.getValue().length() > VALUE_LIMIT).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  /** The values as {@code path=value} lines, the raw form of a rejected record. */
  String dump(MxValues header) {
    StringBuilder out = new StringBuilder();
    for (MxValues v : new MxValues[] {header, this}) {
      v.values.forEach((k, val) -> out.append(k).append('=').append(val.toString().replace('\n', ' ')).append('\n'));
    }
    return out.toString();
  }
}
