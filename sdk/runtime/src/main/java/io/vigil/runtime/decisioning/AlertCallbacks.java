package io.vigil.runtime.decisioning;

import io.vigil.api.distribution.RealtimeCallbackTarget;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.decisioning.AlertClosures.CallbackReport;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.delivery.TargetDelivery;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing alerts and calling back, for a solution in the context's environment: what {@code vigil
 * alerts close}, {@code vigil alerts callbacks} and {@code vigil serve}'s background drain do. The
 * storage and the calls themselves are {@link AlertClosures}'.
 */
public final class AlertCallbacks {
  private AlertCallbacks() {}

  /**
   * One closure as recorded, with what calling back did.
   *
   * @param alertId the closed alert
   * @param flow the flow the alert belongs to
   * @param recorded true when this call recorded the closure, false when it was already recorded the same way
   * @param target the flow's callback target, or null when the flow has none (then nothing is called)
   * @param callbacks what the drain of the flow's outbox after the closure did; NOTHING without target
   */
  public record Closure(String alertId, String flow, boolean recorded, String target, CallbackReport callbacks) {}

  /** What a drain of one flow's outbox did. */
  public record FlowCallbacks(String flow, String target, CallbackReport report) {}

  /**
   * Closes {@code alertId}, found among the alerts of {@code flowId}, or of every flow when it is
   * null, then calls back the flow's target with what its outbox holds, this closure included.
   *
   * @throws io.vigil.api.VigilException NOT_FOUND for an unknown alert, CONFLICT for one closed with
   *     another resolution, INVALID_ARGUMENT for a blank resolution or an id that two flows share
   */
  public static Closure close(RunContext context, String alertId, String flowId, String resolution, String note) {
    if (resolution == null || resolution.isBlank()) {
      throw RuntimeErrors.alertResolutionBlank(alertId);
    }
    context.checkWritable(context.environment(), "the closure of alert " + alertId);
    String schema = context.layout().cddSchema(context.environment());
    List<EvaluationFlow> flows = flowId != null ? List.of(context.catalog().evaluationFlow(flowId))
        : context.catalog().all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class);
    EvaluationFlow flow = context.stores().postgres().withConnection(c -> {
      EvaluationFlow owner = owner(c, schema, flows, alertId, flowId == null
          ? "solution " + context.solution() + " in " + context.environment() : "flow " + flowId);
      CddTable closures = CddTables.alertClosures(schema, owner);
      if (!exists(c, closures)) {
        throw RuntimeErrors.closuresTableMissing(alertId, closures.qualifiedName());
      }
      return owner;
    });
    boolean recorded = context.stores().postgres().withConnection(c ->
        AlertClosures.close(c, schema, flow, alertId, resolution.strip(), note, context.user()));
    String target = callbackTarget(flow);
    CallbackReport report = target == null ? CallbackReport.NOTHING : deliver(context, schema, flow, target);
    return new Closure(alertId, flow.identifier(), recorded, target, report);
  }

  /** Drains the outbox of every flow with a callback target whose closures table exists, in catalog order. */
  public static List<FlowCallbacks> deliverAll(RunContext context) {
    String schema = context.layout().cddSchema(context.environment());
    List<FlowCallbacks> out = new ArrayList<>();
    for (EvaluationFlow flow : context.catalog().all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class)) {
      String target = callbackTarget(flow);
      if (target == null) {
        continue;
      }
      boolean synced = context.stores().postgres().withConnection(c -> exists(c, CddTables.alertClosures(schema, flow)));
      if (synced) {
        out.add(new FlowCallbacks(flow.identifier(), target, deliver(context, schema, flow, target)));
      }
    }
    return out;
  }

  private static CallbackReport deliver(RunContext context, String schema, EvaluationFlow flow, String targetId) {
    HttpDelivery delivery = delivery(context, targetId);
    return context.stores().postgres().withConnection(c -> AlertClosures.deliver(c, schema, flow, delivery));
  }

  /** The target's endpoint with its URL, header and credential references resolved, items keyed by alert_id. */
  static HttpDelivery delivery(RunContext context, String targetId) {
    RealtimeCallbackTarget target = context.catalog().require(EntityKind.TARGET, targetId, RealtimeCallbackTarget.class);
    return TargetDelivery.of(target, context.secrets()).idField("alert_id").build();
  }

  private static String callbackTarget(EvaluationFlow flow) {
    return flow.realtime() == null ? null : flow.realtime().callbackTargetIdentifier();
  }

  /** The one flow among {@code flows} whose alerts table holds {@code alertId}: one query over all of them. */
  private static EvaluationFlow owner(Connection c, String schema, List<EvaluationFlow> flows, String alertId, String where)
      throws SQLException {
    List<EvaluationFlow> synced = new ArrayList<>();
    List<String> names = flows.stream().map(f -> CddTables.alerts(schema, f).qualifiedName()).toList();
    try (PreparedStatement ps = c.prepareStatement("select i from unnest(?) with ordinality as t(name, i)"
        + " where to_regclass(name) is not null order by i")) {
      ps.setArray(1, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          synced.add(flows.get(rs.getInt(1) - 1));
        }
      }
    }
    if (synced.isEmpty()) {
      throw RuntimeErrors.alertToCloseUnknown(alertId, where);
    }
    // The branch number is ours, not the caller's; the id is bound in every branch.
    List<String> branches = new ArrayList<>();
    for (int i = 0; i < synced.size(); i++) {
      branches.add("select " + i + " from " + CddTables.alerts(schema, synced.get(i)).qualifiedName() + " where alert_id = ?");
    }
    List<EvaluationFlow> owners = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(String.join(" union all ", branches))) {
      for (int i = 0; i < synced.size(); i++) {
        ps.setString(i + 1, alertId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.add(synced.get(rs.getInt(1)));
        }
      }
    }
    if (owners.isEmpty()) {
      throw RuntimeErrors.alertToCloseUnknown(alertId, where);
    }
    if (owners.size() > 1) {
      throw RuntimeErrors.alertToCloseAmbiguous(alertId, owners.stream().map(EvaluationFlow::identifier).toList());
    }
    return owners.get(0);
  }

  private static boolean exists(Connection c, CddTable table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
      ps.setString(1, table.qualifiedName());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
