package io.vigil.runtime.schema;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariablePhase;
import io.vigil.api.risk.VariableType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one definition of the columns that decisioning writes per evaluated record (S1 §7, §13.8):
 * {@code rv_<risk>_<variable>} for each variable, {@code rvp_<risk>_<variable>} for a
 * {@code PRE_EVALUATE} variable (computed by {@code enrich} before evaluation, so it is also a
 * column of the evaluated activities), {@code rv_<risk>_<output>} for each enrichment output, and
 * {@code rf_<risk>}, whether the risk alerts on the record once a firing child has replaced its
 * parent. Every risk that names the flow has its columns, draft or not, so activating a risk never
 * changes the tables.
 */
public final class RiskColumns {
  /** A column with its Postgres type. */
  public record Column(String name, String sqlType) {}

  private RiskColumns() {}

  /** The risks that name {@code flow}, by identifier. */
  public static List<Risk> of(EvaluationFlow flow, List<Risk> risks) {
    return risks.stream().filter(r -> r.evaluationFlows().contains(flow.identifier()))
        .sorted(Comparator.comparing(Risk::identifier)).toList();
  }

  /** The activity table's risk columns, risk by risk: variables in order, enrichment outputs, then rf_. */
  public static List<Column> activity(List<Risk> flowRisks) {
    List<Column> out = new ArrayList<>();
    for (Risk r : flowRisks) {
      for (Variable v : ordered(r)) {
        out.add(new Column(variable(r, v), sqlType(v.datatype())));
      }
      for (Enrichment e : r.enrichments()) {
        for (EnrichmentOutput o : e.outputs()) {
          out.add(new Column(output(r, o), sqlType(o.datatype())));
        }
      }
      out.add(new Column(fires(r), "boolean"));
    }
    return out;
  }

  /** The PRE_EVALUATE variables' columns, which the evaluated activities carry too. */
  public static List<Column> preEvaluate(List<Risk> flowRisks) {
    List<Column> out = new ArrayList<>();
    for (Risk r : flowRisks) {
      for (Variable v : ordered(r)) {
        if (v.phase() == VariablePhase.PRE_EVALUATE) {
          out.add(new Column(variable(r, v), sqlType(v.datatype())));
        }
      }
    }
    return out;
  }

  /** A risk's variables in evaluation order: by {@code order}, then as declared. */
  public static List<Variable> ordered(Risk risk) {
    List<Variable> out = new ArrayList<>(risk.variables());
    out.sort(Comparator.comparingInt(v -> v.order() == null ? Integer.MAX_VALUE : v.order()));
    return out;
  }

  public static String variable(Risk risk, Variable v) {
    return name((v.phase() == VariablePhase.PRE_EVALUATE ? "rvp_" : "rv_") + risk.identifier() + "_" + v.name());
  }

  public static String output(Risk risk, EnrichmentOutput o) {
    return name("rv_" + risk.identifier() + "_" + o.name());
  }

  public static String fires(Risk risk) {
    return name("rf_" + risk.identifier());
  }

  /** Postgres keeps 63 characters of a name: a longer one keeps its start and a hash of the whole, so two never collide. */
  static String name(String full) {
    if (full.length() <= 63) {
      return full;
    }
    String hash = String.format("%08x", full.hashCode());
    return full.substring(0, 54) + "_" + hash;
  }

  /** The Postgres type of a variable or output; untyped ones are text. */
  public static String sqlType(VariableType type) {
    if (type == null) {
      return "text";
    }
    return switch (type) {
      case BOOLEAN -> "boolean";
      case NUMERIC -> "numeric";
      case DOUBLE -> "double precision";
      case LONG, BIGINT -> "bigint";
      case INT -> "integer";
      case STRING -> "text";
      case TIMESTAMP -> "timestamp";
    };
  }
}
