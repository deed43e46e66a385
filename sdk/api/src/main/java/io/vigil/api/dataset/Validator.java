package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * A data-quality rule run on every write and upload (S1 §3.1.4). The logic is a Spark SQL boolean
 * expression that is true for valid rows; on a field it may name the field, on a dataset any field.
 *
 * @param name unique within its field or dataset; recorded with every rejected row
 * @param action WARN keeps and counts the row, REJECT moves it to the rejected-rows table
 * @param validateLogic Spark SQL expression, e.g. {@code amount >= 0}
 * @param enable false switches the validator off (default true)
 * @param description why the rule exists
 */
public record Validator(String name, ValidatorAction action, String validateLogic, Boolean enable, String description) {
  public Validator {
    Checks.identifier(name, "validator", "name", Identifiers.NAME);
    Checks.required(action, "validator " + name, "action");
    Checks.required(validateLogic, "validator " + name, "validate_logic");
    enable = Checks.orDefault(enable, true);
  }

  public static Validator reject(String name, String validateLogic) {
    return builder(name).action(ValidatorAction.REJECT).validateLogic(validateLogic).build();
  }

  public static Validator warn(String name, String validateLogic) {
    return builder(name).action(ValidatorAction.WARN).validateLogic(validateLogic).build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(name).action(action).validateLogic(validateLogic).enable(enable).description(description);
  }

  public static final class Builder {
    private final String name;
    private ValidatorAction action;
    private String validateLogic;
    private Boolean enable;
    private String description;

    private Builder(String name) {
      this.name = name;
    }

    public Builder action(ValidatorAction action) {
      this.action = action;
      return this;
    }

    public Builder validateLogic(String validateLogic) {
      this.validateLogic = validateLogic;
      return this;
    }

    public Builder enable(Boolean enable) {
      this.enable = enable;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Validator build() {
      return BuildSites.mark(new Validator(name, action, validateLogic, enable, description));
    }
  }
}
