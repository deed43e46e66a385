package io.vigil.sync.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.sync.resource.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a plan, for CI and review: {@code format_version}, solution, commit, the changes
 * (address, target, kind, name, action, blocked, reasons, diffs), the summary counts and
 * {@code blocked}.
 */
public final class PlanJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  public static Map<String, Object> tree(Plan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", 1);
    root.put("solution", plan.solution());
    root.put("commit", plan.commit());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (Change c : plan.changes()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("address", c.address().toString());
      item.put("target", c.address().storeKey());
      item.put("kind", c.address().kindKey());
      item.put("name", c.address().localName());
      item.put("action", c.action().key());
      item.put("blocked", c.blocked());
      item.put("reasons", c.reasons());
      List<Map<String, Object>> diffs = new ArrayList<>();
      for (PropertyDiff d : c.diffs()) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("path", d.path());
        diff.put("before", d.before());
        diff.put("after", d.after());
        diffs.add(diff);
      }
      item.put("diffs", diffs);
      changes.add(item);
    }
    root.put("changes", changes);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Action a : Action.values()) {
      summary.put(a.key(), plan.count(a));
    }
    root.put("summary", summary);
    root.put("blocked", plan.isBlocked());
    return root;
  }

  public static String render(Plan plan) {
    try {
      return JSON.writeValueAsString(tree(plan));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
