package io.vigil.runtime.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.TraceQuery;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trace queries (S1 §6.1.3): the records of a dataset that lie behind one evaluated activity, as the
 * Investigation Center drills down from an alert's feature. The placeholders never become pasted
 * text: {@code {dataset_table}} becomes the quoted name of the dataset's CDD table, and
 * {@code {activity.<col>}}, {@code {occurred_after}}, {@code {occurred_before}} and
 * {@code {primary_identifiers}} become bound parameters, so a value that holds SQL stays a value.
 */
public final class Traces {
  /** The most rows a trace returns. */
  public static final int MAX_ROWS = 10_000;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+(?:\\.[A-Za-z0-9_]+)?)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Traces() {}

  /**
   * Runs {@code queryId} of {@code flowId} (null or the global query's id for the global trace
   * query) for the activity whose {@code tr_id} is {@code activityId}, in the context's environment.
   */
  public static List<Map<String, Object>> trace(RunContext context, String flowId, String activityId, String queryId) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    TraceQuery query = query(flow, queryId);
    String schema = context.layout().cddSchema(context.environment());
    CddTable activities = CddTables.evaluatedActivities(schema, flow, context.catalog().dataset(flow.inputDataset()),
        Evaluations.risks(context));
    return context.stores().postgres().withConnection(c -> {
      Map<String, Object> activity = activity(c, activities, activityId, flow);
      List<Object> values = new ArrayList<>();
      String sql = bind(flow, query, activity, schema, values);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          if (v instanceof List<?> list) {
            Array array = c.createArrayOf("text", list.stream().map(String::valueOf).toArray());
            ps.setArray(i + 1, array);
          } else {
            ps.setObject(i + 1, v);
          }
        }
        ps.setMaxRows(MAX_ROWS);
        return rows(ps);
      } catch (SQLException e) {
        throw RuntimeErrors.traceQueryFailed(flowId, query.identifier(), e);
      }
    });
  }

  static TraceQuery query(EvaluationFlow flow, String queryId) {
    if (queryId == null || flow.globalTraceQuery() != null && flow.globalTraceQuery().identifier().equals(queryId)) {
      if (flow.globalTraceQuery() == null) {
        throw RuntimeErrors.traceQueryNotFound(flow.identifier(), "(global)", ids(flow));
      }
      return flow.globalTraceQuery();
    }
    return flow.traceQueries().stream().filter(q -> q.identifier().equals(queryId)).findFirst()
        .orElseThrow(() -> RuntimeErrors.traceQueryNotFound(flow.identifier(), queryId, ids(flow)));
  }

  private static List<String> ids(EvaluationFlow flow) {
    List<String> out = new ArrayList<>(flow.traceQueries().stream().map(TraceQuery::identifier).toList());
    if (flow.globalTraceQuery() != null) {
      out.add(flow.globalTraceQuery().identifier());
    }
    return out;
  }

  /** The query with each placeholder replaced by a quoted identifier or a {@code ?}, whose value goes to {@code values}. */
  static String bind(EvaluationFlow flow, TraceQuery query, Map<String, Object> activity, String schema, List<Object> values) {
    String sql = query.sql();
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(sql);
    int last = 0;
    while (m.find()) {
      if (insideLiteral(sql, m.start())) {
        throw RuntimeErrors.traceQueryInvalid(flow.identifier(), query.identifier(), "placeholder {" + m.group(1)
            + "} stands inside a quoted literal; placeholders are values, write them without quotes");
      }
      out.append(sql, last, m.start());
      String name = m.group(1);
      if (name.equals("dataset_table")) {
        out.append(CddTable.quote(schema)).append('.').append(CddTable.quote(query.dataset()));
      } else if (name.startsWith("activity.")) {
        String column = name.substring("activity.".length());
        if (!activity.containsKey(column)) {
          throw RuntimeErrors.traceQueryInvalid(flow.identifier(), query.identifier(), "the evaluated activities have no column "
              + column);
        }
        out.append('?');
        values.add(activity.get(column));
      } else if (name.equals("occurred_before")) {
        out.append("cast(? as timestamp)");
        values.add(Timestamp.valueOf(before(activity)));
      } else if (name.equals("occurred_after")) {
        out.append("cast(? as timestamp)");
        values.add(Timestamp.valueOf(after(flow, activity)));
      } else if (name.equals("primary_identifiers")) {
        out.append("any(?)");
        values.add(primaryIdentifiers(flow, query, activity));
      } else {
        throw RuntimeErrors.traceQueryInvalid(flow.identifier(), query.identifier(), "unknown placeholder {" + name + "}");
      }
      last = m.end();
    }
    return out.append(sql.substring(last)).toString();
  }

  /** The end of the activity's analysis period: its execution date. */
  private static LocalDateTime before(Map<String, Object> activity) {
    return ((Timestamp) activity.get(TechnicalColumns.TR_JOB_TS)).toLocalDateTime();
  }

  /** The start of the analysis period: the flow's time window before the execution date (a month unless set). */
  private static LocalDateTime after(EvaluationFlow flow, Map<String, Object> activity) {
    int size = flow.timeWindowSize() == null ? 1 : flow.timeWindowSize();
    LocalDateTime end = before(activity);
    if (flow.timeWindowUnit() == null) {
      return end.minusMonths(size);
    }
    return switch (flow.timeWindowUnit()) {
      case DAY -> end.minusDays(size);
      case WEEK -> end.minusWeeks(size);
      case MONTH -> end.minusMonths(size);
    };
  }

  /** The sub-entities of a grouping activity: its primary entities list (JSON), else its primary identifiers. */
  private static List<Object> primaryIdentifiers(EvaluationFlow flow, TraceQuery query, Map<String, Object> activity) {
    EvaluationFlowIdentifiers ids = flow.identifiers();
    if (ids == null) {
      throw RuntimeErrors.traceQueryInvalid(flow.identifier(), query.identifier(), "{primary_identifiers} needs the flow's identifiers");
    }
    if (ids.primaryEntitiesList() != null && activity.get(ids.primaryEntitiesList()) != null) {
      try {
        return List.copyOf(JSON.readValue(String.valueOf(activity.get(ids.primaryEntitiesList())), List.class));
      } catch (JsonProcessingException e) {
        throw RuntimeErrors.traceQueryInvalid(flow.identifier(), query.identifier(), "field " + ids.primaryEntitiesList()
            + " of the activity is not a JSON list");
      }
    }
    List<Object> out = new ArrayList<>();
    for (String f : ids.primaryIdentifier()) {
      if (activity.get(f) != null) {
        out.add(activity.get(f));
      }
    }
    return out;
  }

  private static boolean insideLiteral(String sql, int position) {
    int quotes = 0;
    for (int i = 0; i < position; i++) {
      if (sql.charAt(i) == '\'') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  private static Map<String, Object> activity(Connection c, CddTable table, String activityId, EvaluationFlow flow)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select * from " + table.qualifiedName() + " where "
        + CddTable.quote(TechnicalColumns.TR_ID) + " = ?")) {
      ps.setString(1, activityId);
      List<Map<String, Object>> rows = rows(ps);
      if (rows.isEmpty()) {
        throw RuntimeErrors.traceActivityNotFound(flow.identifier(), activityId, table.schema() + "." + table.name());
      }
      return rows.get(0);
    }
  }

  private static List<Map<String, Object>> rows(PreparedStatement ps) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
