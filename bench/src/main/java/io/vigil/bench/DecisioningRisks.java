package io.vigil.bench;

import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.ParameterType;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.SuppressionUnit;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import java.util.List;

/**
 * The eight risks the identify_risks benchmark adds to the solution template's two, over the
 * template's {@code monthly_account} flow, and each of the ten written by hand as the one SQL
 * statement a team would write without Vigil. Together they use what risks offer: typed
 * parameters, variable order with a variable using earlier ones, a CASE WHEN variable, a parent and
 * a child that replaces it, an enrichment over a CDD table, dynamic texts and suppression.
 */
final class DecisioningRisks {
  static final String FLOW = "monthly_account";

  private DecisioningRisks() {}

  /** The generated risks; the thresholds make each alert on roughly 0.1–2 % of the records. */
  static List<Risk> generated() {
    return List.of(
        rule("frequent_activity", "Frequent activity", 30)
            .addParameter(Parameter.of("n", ParameterType.LONG, "990"))
            .addVariable(bool("many", 10, "activity.tx_count > {parameters.n}"))
            .addCondition(Condition.isTrue("many"))
            .dynamicDisplayName("{{ activity.tx_count }} transactions on {{ activity.account_id }}").build(),
        rule("large_single_payment", "Large single payment", 50)
            .addParameter(Parameter.of("min_amount", ParameterType.DOUBLE, "100000"))
            .addVariable(bool("big", 10, "activity.max_amount >= {parameters.min_amount}"))
            .addCondition(Condition.isTrue("big")).build(),
        rule("cash_structuring", "Cash structuring", 70)
            .addParameter(Parameter.of("min_cash", ParameterType.INT, "28"))
            .addParameter(Parameter.of("max_average", ParameterType.DOUBLE, "5"))
            .addVariable(bool("many_cash", 10, "activity.cash_withdrawals >= {parameters.min_cash}"))
            .addVariable(bool("small_average", 10, "activity.sum_amount / greatest(activity.tx_count, 1) < {parameters.max_average}"))
            .addCondition(Condition.isTrue("many_cash")).addCondition(Condition.isTrue("small_average")).build(),
        rule("very_large_month", "Very large month", 40)
            .addVariable(Variable.builder("level").datatype(VariableType.STRING).order(10)
                .condition("activity.sum_amount >= 250000").output("VH").build())
            .addCondition(Condition.of("level", "VH")).build(),
        rule("anomalous_busy_month", "Anomalous busy month", 65)
            .analysisMethod(AnalysisMethod.AI)
            .addParameter(Parameter.of("min_score", ParameterType.DOUBLE, "0.97"))
            .addParameter(Parameter.of("min_tx", ParameterType.LONG, "700"))
            .addVariable(bool("both", 20, "{variables.anomalous} and {variables.busy}"))
            .addVariable(bool("anomalous", 10, "activity.algo_score >= {parameters.min_score}"))
            .addVariable(bool("busy", 10, "activity.tx_count >= {parameters.min_tx}"))
            .addCondition(Condition.isTrue("both")).build(),
        rule("high_value_month", "High value month", 45)
            .addParameter(Parameter.of("min_total", ParameterType.DOUBLE, "150000"))
            .addVariable(bool("high", 10, "activity.sum_amount >= {parameters.min_total}"))
            .addCondition(Condition.isTrue("high")).build(),
        rule("high_value_month_cash", "High value month in cash", 75)
            .parentIdentifier("high_value_month")
            .addParameter(Parameter.of("min_cash", ParameterType.INT, "20"))
            .addVariable(bool("cash", 10, "activity.cash_withdrawals >= {parameters.min_cash}"))
            .addCondition(Condition.isTrue("cash"))
            .dynamicDescription("{{ activity.cash_withdrawals }} cash withdrawals in a month of {{ activity.sum_amount }}").build(),
        rule("above_month_threshold", "Above the month's threshold without cash", 35)
            .addEnrichment(Enrichment.of("limits", "select t.threshold from month_thresholds t where t.month = activity.month",
                EnrichmentOutput.builder("threshold", VariableType.DOUBLE).distribute(true).build()))
            .addVariable(bool("over", 10, "activity.sum_amount >= {enrichments.threshold} and activity.cash_withdrawals = 0"))
            .addCondition(Condition.isTrue("over")).build());
  }

  /**
   * The ten risks by hand, one {@code insert ... select} each into {@code hand_alerts}: the same
   * conditions (a parent excluding the records its child takes), the alert id, entity, texts,
   * severity, a JSON payload and suppression against earlier alerts of the same risk and account.
   * {@code ?} is the execution date.
   */
  static List<String> handWritten(String evaluated) {
    String e = evaluated + " e";
    return List.of(
        hand("high_volume", "'High volume on account ' || e.account_id", 60, e,
            "e.algo_score >= 0.80 and e.sum_amount >= 50000 and not (e.cash_withdrawals >= 10)"),
        hand("high_volume_cash", "'High monthly volume in cash'", 80, e,
            "e.algo_score >= 0.80 and e.sum_amount >= 50000 and e.cash_withdrawals >= 10"),
        hand("frequent_activity", "e.tx_count || ' transactions on ' || e.account_id", 30, e, "e.tx_count > 990"),
        hand("large_single_payment", "'Large single payment'", 50, e, "e.max_amount >= 100000"),
        hand("cash_structuring", "'Cash structuring'", 70, e,
            "e.cash_withdrawals >= 28 and e.sum_amount / greatest(e.tx_count, 1) < 5"),
        hand("very_large_month", "'Very large month'", 40, e, "e.sum_amount >= 250000"),
        hand("anomalous_busy_month", "'Anomalous busy month'", 65, e, "e.algo_score >= 0.97 and e.tx_count >= 700"),
        hand("high_value_month", "'High value month'", 45, e, "e.sum_amount >= 150000 and not (e.cash_withdrawals >= 20)"),
        hand("high_value_month_cash", "'High value month in cash'", 75, e, "e.sum_amount >= 150000 and e.cash_withdrawals >= 20"),
        hand("above_month_threshold", "'Above the month''s threshold without cash'", 35,
            e + " join month_thresholds t on t.month = e.month", "e.sum_amount >= t.threshold and e.cash_withdrawals = 0"));
  }

  private static String hand(String risk, String displayName, int severity, String from, String conditions) {
    return """
        insert into hand_alerts (alert_id, risk_identifier, tr_id, tr_job_ts, account_id, display_name, severity, suppressed, payload)
        select encode(sha256(convert_to('%1$s|%2$s|' || e.tr_id || '|' || e.tr_job_ts, 'UTF8')), 'hex'), '%2$s', e.tr_id, e.tr_job_ts,
          e.account_id, %3$s, %4$d,
          exists (select 1 from hand_alerts p where p.risk_identifier = '%2$s' and p.account_id = e.account_id and not p.suppressed
            and p.tr_job_ts < e.tr_job_ts and p.tr_job_ts >= e.tr_job_ts - interval '1 month'),
          jsonb_build_object('risk', '%2$s', 'activity_id', e.tr_id, 'execution_date', e.tr_job_ts,
            'entity', jsonb_build_object('account_id', e.account_id), 'display_name', %3$s, 'severity', %4$d)
        from %5$s
        where e.tr_job_ts = ? and %6$s""".formatted(FLOW, risk, displayName, severity, from, conditions);
  }

  private static Risk.Builder rule(String id, String name, int severity) {
    return Risk.builder(id).displayName(name).description(name + ", a generated benchmark risk").category("rules")
        .severity(severity).suppressionPeriodUnit(SuppressionUnit.MONTH).suppressionPeriodSize(1).evaluationFlows(FLOW)
        .analysisMethod(AnalysisMethod.RULE);
  }

  private static Variable bool(String name, int order, String expression) {
    return Variable.builder(name).datatype(VariableType.BOOLEAN).order(order).expression(expression).build();
  }
}
