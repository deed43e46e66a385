package io.vigil.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vigil.api.connector.FieldMapping;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.connector.TimestampConfType;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.DateFormats;
import io.vigil.api.dataset.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a REST record of one connector must look like: the schema dataset's fields, reached either
 * by top-level keys or, for a nested connector, through {@code field_mapping} paths. {@link
 * #validate} turns a JSON record into the text of each field, exactly as it will be landed, or
 * reports every problem. Problems never quote the offending value: payloads are untrusted and may
 * hold personal data.
 */
public final class RecordSchema {
  /** One reason a record was refused. {@code field} is null when the whole record is wrong. */
  public record Problem(int record, String field, String reason) {}

  /** Collects problems, keeping only the first {@code limit} in detail. */
  public static final class Problems {
    private final int limit;
    private final List<Problem> kept = new ArrayList<>();
    private int total;

    public Problems(int limit) {
      this.limit = limit;
    }

    void add(int record, String field, String reason) {
      total++;
      if (kept.size() < limit) {
        kept.add(new Problem(record, field == null ? null : clip(field), reason));
      }
    }

    public int total() {
      return total;
    }

    public List<Problem> kept() {
      return kept;
    }
  }

  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** What a TIMESTAMP without {@code date_format} accepts: ISO dates and date-times, as Spark's cast does. */
  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .optionalEnd()
      .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
  /** How array elements of TIMESTAMP are landed: arrays are read with from_json, which ignores date_format. */
  private static final DateTimeFormatter ARRAY_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter ARRAY_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT);

  private final String connector;
  private final String folder;
  private final DataSet dataset;
  private final List<String> fieldNames;
  private final LandingFormat format;
  private final int maxBufferedRecords;
  private final long flushIntervalMillis;
  /** Each path that yields a field: a mapped JSON path, or a top-level field name. */
  private final Map<String, Field> byPath = new LinkedHashMap<>();
  /** The proper prefixes of mapped paths: objects to descend into. */
  private final Set<String> prefixes = new HashSet<>();
  private final Map<String, DateTimeFormatter> dateFormats = new HashMap<>();
  private final String timestampColumn;
  private final String timestampPattern;
  private final DateTimeFormatter timestampColumnFormat;

  /** Defaults of ThetaRay's legacy RestConnector (S1 §4.2) when the config leaves them unset. */
  static final int DEFAULT_MAX_BUFFERED_RECORDS = 1_000_000;
  static final int DEFAULT_FLUSH_INTERVAL_MINUTES = 60;

  /**
   * The schema of a REST-enabled connector.
   *
   * @throws IllegalArgumentException saying why the connector cannot take REST records
   */
  /**
   * The schema of a REST-enabled flat-file connector's records.
   *
   * @throws IllegalArgumentException when a field mapping names an unknown field or a path twice
   */
  public RecordSchema(FlatFileConnector c, DataSet dataset) {
    this.connector = c.identifier();
    this.folder = c.source().folder();
    this.dataset = dataset;
    this.fieldNames = dataset.fieldList().stream().map(Field::identifier).toList();
    this.format = LandingFormat.of(c.source());
    RestConfig rest = c.restConfig();
    this.maxBufferedRecords = rest.maxBufferedRecords() != null ? rest.maxBufferedRecords() : DEFAULT_MAX_BUFFERED_RECORDS;
    this.flushIntervalMillis = 60_000L * (rest.flushIntervalMinutes() != null ? rest.flushIntervalMinutes() : DEFAULT_FLUSH_INTERVAL_MINUTES);
    Set<String> mapped = new HashSet<>();
    if (rest.nested()) {
      for (FieldMapping m : rest.fieldMapping()) {
        Field f = dataset.findField(m.field());
        if (f == null) {
          throw new IllegalArgumentException("its field_mapping maps " + m.jsonPath() + " to " + m.field()
              + ", which dataset " + dataset.identifier() + " does not have");
        }
        if (m.jsonPath().isEmpty() || m.jsonPath().startsWith(".") || m.jsonPath().endsWith(".") || m.jsonPath().contains("..")) {
          throw new IllegalArgumentException("its field_mapping path '" + m.jsonPath() + "' is not a dotted path");
        }
        if (byPath.putIfAbsent(m.jsonPath(), f) != null) {
          throw new IllegalArgumentException("its field_mapping maps path " + m.jsonPath() + " twice");
        }
        mapped.add(f.identifier());
        String p = m.jsonPath();
        for (int dot = p.indexOf('.'); dot >= 0; dot = p.indexOf('.', dot + 1)) {
          prefixes.add(p.substring(0, dot));
        }
      }
    }
    // A field without a mapping is read from the top-level key of its own name.
    for (Field f : dataset.fieldList()) {
      if (!mapped.contains(f.identifier())) {
        byPath.putIfAbsent(f.identifier(), f);
      }
      if (f.dataType() == DataType.TIMESTAMP && f.dateFormat() != null) {
        dateFormats.put(f.identifier(), parser(f.dateFormat()));
      }
    }
    TimestampConf ts = c.source().timestampConf();
    if (ts != null && ts.type() == TimestampConfType.COLUMN && dataset.findField(ts.columnName()) != null) {
      timestampColumn = ts.columnName();
      timestampPattern = ts.columnPattern();
      timestampColumnFormat = parser(ts.columnPattern());
    } else {
      timestampColumn = null;
      timestampPattern = null;
      timestampColumnFormat = null;
    }
  }

  public String connector() {
    return connector;
  }

  /** The connector's landing folder under {@code datasources/}. */
  String folder() {
    return folder;
  }

  public DataSet dataset() {
    return dataset;
  }

  List<String> fieldNames() {
    return fieldNames;
  }

  LandingFormat format() {
    return format;
  }

  int maxBufferedRecords() {
    return maxBufferedRecords;
  }

  long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  /**
   * The landed text of each non-null field of {@code record}, or null when it has problems (added
   * to {@code problems}). Unknown keys are problems; absent fields are null.
   */
  Map<String, String> validate(JsonNode record, int index, Problems problems) {
    Map<String, Object> values = check(record, index, problems, true);
    if (values == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, (String) v));
    return out;
  }

  /**
   * The typed value of each non-null field of {@code record} as a real-time evaluation binds it
   * (Long, Double, Boolean, String, LocalDateTime in UTC), or null when it has problems. The checks
   * are those of {@link #validate}, except the landing file's own limits.
   */
  public Map<String, Object> typed(JsonNode record, int index, Problems problems) {
    return check(record, index, problems, false);
  }

  private Map<String, Object> check(JsonNode record, int index, Problems problems, boolean landing) {
    if (!record.isObject()) {
      problems.add(index, null, "expected a JSON object, got " + kind(record));
      return null;
    }
    int before = problems.total();
    Map<String, JsonNode> values = new HashMap<>();
    walk(record, "", index, values, problems);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : dataset.fieldList()) {
      JsonNode v = values.get(f.identifier());
      if (v == null || v.isNull()) {
        continue;
      }
      if (!landing) {
        Object typed = f.arrayIndicator() ? new Reason("array fields are not evaluated in real time") : scalar(f, v);
        if (typed instanceof Reason r) {
          problems.add(index, f.identifier(), r.text());
        } else {
          out.put(f.identifier(), typed instanceof TemporalAccessor t ? utc(t) : typed);
        }
        continue;
      }
      String text = f.arrayIndicator() ? array(f, v, index, problems) : scalarText(f, v, index, problems);
      if (text == null) {
        continue;
      }
      String why = format.cannotCarry(text);
      if (why != null) {
        problems.add(index, f.identifier(), "the value " + why);
        continue;
      }
      if (f.identifier().equals(timestampColumn) && !f.arrayIndicator()
          && !(f.dataType() == DataType.TIMESTAMP && timestampPattern.equals(f.dateFormat()))
          && !parses(timestampColumnFormat, text)) {
        problems.add(index, f.identifier(), "does not match the connector's timestamp column pattern " + timestampPattern);
        continue;
      }
      out.put(f.identifier(), text);
    }
    return problems.total() == before ? out : null;
  }

  /** A parsed date-time as the UTC wall time Spark's session (UTC) would read it as. */
  private static LocalDateTime utc(TemporalAccessor t) {
    if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
      return OffsetDateTime.from(t).withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
    }
    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return LocalDateTime.from(t);
    }
    return LocalDate.from(t).atStartOfDay();
  }

  private void walk(JsonNode node, String prefix, int index, Map<String, JsonNode> values, Problems problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      // A key with a dot would read as a path; no field or mapping can name it unambiguously.
      boolean dotted = e.getKey().indexOf('.') >= 0;
      Field f = dotted ? null : byPath.get(path);
      boolean descend = !dotted && prefixes.contains(path);
      if (f != null && !(descend && v.isObject())) {
        JsonNode earlier = values.get(f.identifier());
        if (earlier != null && !earlier.isNull() && !v.isNull()) {
          problems.add(index, f.identifier(), "is given twice, by two mapped paths");
        } else if (earlier == null || earlier.isNull()) {
          values.put(f.identifier(), v);
        }
      } else if (descend) {
        if (v.isObject()) {
          walk(v, path, index, values, problems);
        } else if (!v.isNull()) {
          problems.add(index, path, "expected an object (field_mapping reads paths below it), got " + kind(v));
        }
      } else {
        problems.add(index, path, "is not a field of dataset " + dataset.identifier()
            + (prefixes.isEmpty() ? "" : " nor a mapped path"));
      }
    }
  }

  private String array(Field f, JsonNode v, int index, Problems problems) {
    if (!v.isArray()) {
      problems.add(index, f.identifier(), "expected an array of " + f.dataType() + ", got " + kind(v));
      return null;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode(v.size());
    boolean ok = true;
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e.isNull()) {
        out.addNull();
        continue;
      }
      Object typed = scalar(f, e);
      if (typed instanceof Reason r) {
        problems.add(index, f.identifier(), "element " + i + ": " + r.text());
        ok = false;
      } else if (typed instanceof TemporalAccessor t) {
        String iso = isoForArray(t);
        if (iso == null) {
          problems.add(index, f.identifier(), "element " + i + ": has no full date and time in format " + f.dateFormat());
          ok = false;
        } else {
          out.add(iso);
        }
      } else if (typed instanceof Long l) {
        out.add(l);
      } else if (typed instanceof Double d) {
        out.add(d);
      } else if (typed instanceof Boolean b) {
        out.add(b);
      } else {
        out.add((String) typed);
      }
    }
    return ok ? out.toString() : null;
  }

  private String scalarText(Field f, JsonNode v, int index, Problems problems) {
    Object typed = scalar(f, v);
    if (typed instanceof Reason r) {
      problems.add(index, f.identifier(), r.text());
      return null;
    }
    if (typed instanceof TemporalAccessor) {
      return v.textValue(); // the upload parses it with the field's date_format
    }
    return String.valueOf(typed);
  }

  private record Reason(String text) {}

  /** The typed value: Long, Double, Boolean, String, a parsed TemporalAccessor, or a Reason. */
  private Object scalar(Field f, JsonNode v) {
    DataType type = f.dataType();
    switch (type) {
      case INT, LONG -> {
        if (!v.isNumber()) {
          return mismatch(type, v);
        }
        BigDecimal d = v.decimalValue();
        boolean isInt = type == DataType.INT;
        // Range first: comparing is cheap even for 1e999999999, turning it into an integer is not.
        if (d.compareTo(isInt ? INT_MIN : LONG_MIN) < 0 || d.compareTo(isInt ? INT_MAX : LONG_MAX) > 0) {
          return new Reason("is out of range for " + type);
        }
        if (d.signum() != 0 && d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
          return new Reason("expected a whole number for " + type + ", got a fraction");
        }
        return d.longValue();
      }
      case DOUBLE -> {
        if (!v.isNumber()) {
          return mismatch(type, v);
        }
        double d = v.doubleValue();
        return Double.isFinite(d) ? (Object) d : new Reason("is out of range for DOUBLE");
      }
      case BOOLEAN -> {
        return v.isBoolean() ? (Object) v.booleanValue() : mismatch(type, v);
      }
      case STRING -> {
        return v.isTextual() ? v.textValue() : mismatch(type, v);
      }
      case TIMESTAMP -> {
        if (!v.isTextual()) {
          return new Reason("expected a date-time string for TIMESTAMP, got " + kind(v));
        }
        DateTimeFormatter parser = dateFormats.getOrDefault(f.identifier(), ISO);
        String text = v.textValue();
        if (parser == ISO && text.length() > 10 && text.charAt(10) == ' ') {
          text = text.substring(0, 10) + 'T' + text.substring(11); // Spark's cast takes either separator
        }
        try {
          return parser.parse(text);
        } catch (DateTimeParseException e) {
          return new Reason(f.dateFormat() != null
              ? "does not match date format " + f.dateFormat()
              : "is not an ISO date-time (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss); the field has no date_format");
        }
      }
      default -> throw new IllegalStateException("Unknown data type " + type);
    }
  }

  private static Reason mismatch(DataType type, JsonNode v) {
    String expected = switch (type) {
      case INT, LONG -> "a whole number";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      default -> "a string";
    };
    return new Reason("expected " + expected + " for " + type + ", got " + kind(v));
  }

  private static String isoForArray(TemporalAccessor t) {
    try {
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return ARRAY_OFFSET.format(OffsetDateTime.from(t));
      }
      if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
        return ARRAY_LOCAL.format(LocalDateTime.from(t));
      }
      return ARRAY_LOCAL.format(LocalDate.from(t).atStartOfDay());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean parses(DateTimeFormatter parser, String text) {
    try {
      parser.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * A strict parser for a strftime {@code date_format}, as Spark parses it: {@code y} is read as the
   * proleptic year, fractions of a second take 1 up to the pattern's number of digits, and impossible
   * dates (February 30) fail.
   */
  static DateTimeFormatter parser(String dateFormat) {
    String pattern = DateFormats.toSparkPattern(dateFormat);
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
    StringBuilder chunk = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        chunk.append(c);
      } else if (quoted) {
        chunk.append(c);
      } else if (c == 'y') {
        chunk.append('u');
      } else if (c == 'S') {
        int j = i;
        while (j < pattern.length() && pattern.charAt(j) == 'S') {
          j++;
        }
        if (!chunk.isEmpty()) {
          b.appendPattern(chunk.toString());
          chunk.setLength(0);
        }
        b.appendFraction(ChronoField.NANO_OF_SECOND, 1, Math.min(9, j - i), false);
        i = j - 1;
      } else {
        chunk.append(c);
      }
    }
    if (!chunk.isEmpty()) {
      b.appendPattern(chunk.toString());
    }
    return b.toFormatter(Locale.US).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
  }

  static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    return v.isNull() ? "null" : "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** A key from the payload, short enough to repeat in a response. */
  private static String clip(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "…";
  }
}
