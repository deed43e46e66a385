package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * A named constant of a risk, referenced as {@code {parameters.name}} in SQL and
 * {@code {{ parameters.name }}} in templates, and tuned in the Rule Parameters Editor (S1 §7.4.1).
 *
 * <pre>{@code
 * Parameter threshold = Parameter.of("fusion_threshold", ParameterType.DOUBLE, "0.50");
 * }</pre>
 *
 * @param name unique within the risk and its ancestors
 * @param datatype the type the value is read as
 * @param value the value as the guide writes it, always a string (e.g. {@code "0.50"}); substituted into SQL as written
 * @param displayName title in the Rule Parameters Editor
 * @param description free text
 */
public record Parameter(String name, ParameterType datatype, String value, String displayName, String description) {
  public Parameter {
    Checks.identifier(name, "parameter", "name", Identifiers.NAME);
    String what = "parameter " + name;
    Checks.required(datatype, what, "datatype");
    Checks.required(value, what, "value");
  }

  public static Parameter of(String name, ParameterType datatype, String value) {
    return BuildSites.mark(new Parameter(name, datatype, value, null, null));
  }

  public static Builder builder(String name, ParameterType datatype, String value) {
    return new Builder(name, datatype, value);
  }

  public Builder toBuilder() {
    return new Builder(name, datatype, value).displayName(displayName).description(description);
  }

  public static final class Builder {
    private final String name;
    private final ParameterType datatype;
    private final String value;
    private String displayName;
    private String description;

    private Builder(String name, ParameterType datatype, String value) {
      this.name = name;
      this.datatype = datatype;
      this.value = value;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Parameter build() {
      return BuildSites.mark(new Parameter(name, datatype, value, displayName, description));
    }
  }
}
