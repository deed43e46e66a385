package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 12-month line chart of a feature with a parameter drawn as a horizontal line (S1 §7.6.5).
 *
 * @param feature the charted value, a reference such as {@code {enrichments.max_transaction}} or {@code {activity.amount}}
 * @param parameter the threshold, a parameter reference such as {@code {parameters.transaction_threshold}}
 */
public record ThresholdDisplay(String feature, String parameter) implements DisplaySetting {
  public static final String TYPE = "threshold";

  private static final Pattern PARAMETER = Pattern.compile("\\{parameters\\.([A-Za-z_][A-Za-z0-9_]*)}");

  public ThresholdDisplay {
    String what = "threshold display setting";
    Checks.required(feature, what, "feature");
    Checks.required(parameter, what, "parameter");
    Checks.valid(PARAMETER.matcher(parameter.strip()).matches(), what, "parameter",
        "must be a parameter reference such as {parameters.threshold}: '" + parameter + "'");
  }

  public static ThresholdDisplay of(String feature, String parameter) {
    return BuildSites.mark(new ThresholdDisplay(feature, parameter));
  }

  /** The name of the parameter drawn as the threshold. */
  public String parameterName() {
    Matcher m = PARAMETER.matcher(parameter.strip());
    return m.matches() ? m.group(1) : null;
  }
}
