package io.vigil.runtime.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names a risk's dynamic templates see for one record (S1 §7.3.1.2): {@code activity} (the
 * evaluated activity's columns), {@code parameters}, {@code variables}, {@code enrichments}, and
 * per evaluation step the metadata of its features by rank from 0, e.g. {@code tr_evaluation[0]}.
 *
 * <pre>{@code
 * Map<String, Object> bindings = TemplateBindings.builder()
 *     .activity(row)
 *     .parameters(Map.of("fusion_threshold1", 0.5))
 *     .step("tr_evaluation", List.of(new RankedFeature("Sum of amount", "Total sent", "volume")))
 *     .build();
 * }</pre>
 */
public final class TemplateBindings {
  public static final String ACTIVITY = "activity";
  public static final String PARAMETERS = "parameters";
  public static final String VARIABLES = "variables";
  public static final String ENRICHMENTS = "enrichments";

  private TemplateBindings() {}

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final Map<String, Object> bindings = new HashMap<>();

    private Builder() {
      bindings.put(ACTIVITY, Map.of());
      bindings.put(PARAMETERS, Map.of());
      bindings.put(VARIABLES, Map.of());
      bindings.put(ENRICHMENTS, Map.of());
    }

    /** The evaluated activity's columns; a column holding null renders as {@code None}. */
    public Builder activity(Map<String, ?> columns) {
      return put(ACTIVITY, columns);
    }

    public Builder parameters(Map<String, ?> parameters) {
      return put(PARAMETERS, parameters);
    }

    public Builder variables(Map<String, ?> variables) {
      return put(VARIABLES, variables);
    }

    public Builder enrichments(Map<String, ?> enrichments) {
      return put(ENRICHMENTS, enrichments);
    }

    /**
     * The features {@code step} ranked for this record, best first: {@code step[0]} is rank 0.
     *
     * @throws IllegalArgumentException when {@code step} is one of the four namespaces
     */
    public Builder step(String step, List<RankedFeature> ranked) {
      Objects.requireNonNull(step, "step");
      if (List.of(ACTIVITY, PARAMETERS, VARIABLES, ENRICHMENTS).contains(step)) {
        throw new IllegalArgumentException("Cannot bind evaluation step '" + step + "': the name is a template namespace");
      }
      List<Map<String, Object>> items = new ArrayList<>(ranked.size());
      for (RankedFeature feature : ranked) {
        items.add(feature.asMap());
      }
      bindings.put(step, items);
      return this;
    }

    /** The bindings, to pass to {@link CompiledTemplate#render}. */
    public Map<String, Object> build() {
      return Map.copyOf(bindings);
    }

    private Builder put(String name, Map<String, ?> values) {
      bindings.put(name, Objects.requireNonNull(values, name));
      return this;
    }
  }
}
