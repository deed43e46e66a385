package io.vigil.sync.plan;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Specs;

/**
 * The Terraform-style text of a plan: one block per change with its symbol ({@code + ~ - -/+}),
 * one {@code path: before -> after} line per changed property, the reasons of gated changes, and
 * the summary line.
 */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    if (plan.isEmpty()) {
      return out.append(plan.summary()).append('\n').toString();
    }
    out.append("Vigil will perform the following actions on solution ").append(plan.solution())
        .append(" at ").append(shortCommit(plan.commit())).append(":\n\n");
    for (Change c : plan.changes()) {
      out.append(String.format("%3s %s %s%n", c.action().symbol(), c.address(), c.action().phrase()));
      for (PropertyDiff d : c.diffs()) {
        out.append("      ").append(d.path().isEmpty() ? "(spec)" : d.path()).append(": ")
            .append(value(d.before())).append(" -> ").append(value(d.after())).append('\n');
      }
      for (String reason : c.reasons()) {
        out.append("      # ").append(c.action() == Action.DELETE ? "destroys: " : "breaking: ").append(reason).append('\n');
      }
      if (c.blocked()) {
        out.append("      # blocked: needs ").append(c.action() == Action.DELETE ? "--allow-destroy" : "--allow-breaking").append('\n');
      }
    }
    out.append('\n').append(plan.summary()).append('\n');
    if (plan.isBlocked()) {
      long n = plan.blockedChanges().size();
      out.append("Blocked: ").append(n).append(n == 1 ? " change needs" : " changes need")
          .append(" --allow-breaking or --allow-destroy; nothing will be applied.\n");
    }
    return out.toString();
  }

  static String shortCommit(String commit) {
    return commit == null ? "(no commit)" : commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static String value(Object v) {
    return v == null ? "(none)" : Specs.toJson(v);
  }
}
