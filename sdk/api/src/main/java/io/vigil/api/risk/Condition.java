package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A condition of a risk: an activity raises an alert when every condition of the risk (and of its
 * ancestors) holds, that is when each condition's variable equals its value (S1 §7.4.3).
 * Conditions of one risk, and of a child and its ancestors, must not share parameters (MS-1, MS-2).
 *
 * <pre>{@code
 * Condition anomaly = Condition.builder("is_anomaly", "true")
 *     .title("Is anomaly?")
 *     .addDisplaySetting(RatingDisplay.of("algo"))
 *     .build();
 * }</pre>
 *
 * @param variable the variable compared; defined in the risk or one of its ancestors
 * @param value the value the variable must equal, written as a string (e.g. {@code "true"})
 * @param title the condition's name in the Rule Parameters Editor
 * @param description the condition's description in the Rule Parameters Editor
 * @param displaySettings what the Investigation Center shows to explain the alert (optional since S1 §12.4.1)
 */
public record Condition(
    String variable, String value, String title, String description, List<DisplaySetting> displaySettings) {

  public Condition {
    Checks.required(variable, "condition", "variable");
    Checks.required(value, "condition on " + variable, "value");
    displaySettings = Checks.list(displaySettings);
  }

  public static Condition of(String variable, String value) {
    return BuildSites.mark(new Condition(variable, value, null, null, List.of()));
  }

  /** The common condition: a BOOLEAN variable is true. */
  public static Condition isTrue(String variable) {
    return of(variable, "true");
  }

  public static Builder builder(String variable, String value) {
    return new Builder(variable, value);
  }

  public Builder toBuilder() {
    Builder b = new Builder(variable, value).title(title).description(description);
    b.displaySettings.addAll(displaySettings);
    return b;
  }

  public static final class Builder {
    private final String variable;
    private final String value;
    private String title;
    private String description;
    private final List<DisplaySetting> displaySettings = new ArrayList<>();

    private Builder(String variable, String value) {
      this.variable = variable;
      this.value = value;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder addDisplaySetting(DisplaySetting displaySetting) {
      this.displaySettings.add(displaySetting);
      return this;
    }

    public Condition build() {
      return BuildSites.mark(new Condition(variable, value, title, description, displaySettings));
    }
  }
}
