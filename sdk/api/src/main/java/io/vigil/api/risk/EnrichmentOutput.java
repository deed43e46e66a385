package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column returned by an enrichment's SQL, referenced as {@code {enrichments.name}} and stored as
 * a column of the activity table (S1 §7.6.2, §12.4.1, §13.4.6).
 *
 * @param name the column alias in the SQL; unique across all outputs of the risk and its ancestors
 * @param datatype the column's type
 * @param displayName title in the Investigation Center
 * @param annotations CRA roles of the column, e.g. {@code risk_level}, {@code group_risk_factor}, {@code kyc.order}
 * @param validValues documented possible values (not enforced at run time, V-26)
 * @param includeInHash part of the activity hash that decides whether a reclassification still holds
 * @param distribute sent with the alert payload to the Investigation Center
 * @param includeInReport added to the CRA automatic report
 */
public record EnrichmentOutput(
    String name,
    VariableType datatype,
    String displayName,
    Map<String, Object> annotations,
    List<String> validValues,
    boolean includeInHash,
    boolean distribute,
    boolean includeInReport) {

  public EnrichmentOutput {
    Checks.identifier(name, "enrichment output", "name", Identifiers.NAME);
    Checks.required(datatype, "enrichment output " + name, "datatype");
    annotations = Checks.freeForm(annotations);
    validValues = Checks.list(validValues);
  }

  public static EnrichmentOutput of(String name, VariableType datatype) {
    return BuildSites.mark(new EnrichmentOutput(name, datatype, null, null, null, false, false, false));
  }

  public static Builder builder(String name, VariableType datatype) {
    return new Builder(name, datatype);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, datatype);
    b.displayName = displayName;
    b.annotations.putAll(annotations);
    b.validValues.addAll(validValues);
    b.includeInHash = includeInHash;
    b.distribute = distribute;
    b.includeInReport = includeInReport;
    return b;
  }

  public static final class Builder {
    private final String name;
    private final VariableType datatype;
    private String displayName;
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private final List<String> validValues = new ArrayList<>();
    private boolean includeInHash;
    private boolean distribute;
    private boolean includeInReport;

    private Builder(String name, VariableType datatype) {
      this.name = name;
      this.datatype = datatype;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder annotation(String key, Object value) {
      this.annotations.put(key, value);
      return this;
    }

    public Builder validValues(String... validValues) {
      this.validValues.addAll(Arrays.asList(validValues));
      return this;
    }

    public Builder includeInHash(boolean includeInHash) {
      this.includeInHash = includeInHash;
      return this;
    }

    public Builder distribute(boolean distribute) {
      this.distribute = distribute;
      return this;
    }

    public Builder includeInReport(boolean includeInReport) {
      this.includeInReport = includeInReport;
      return this;
    }

    public EnrichmentOutput build() {
      return BuildSites.mark(new EnrichmentOutput(name, datatype, displayName, annotations, validValues, includeInHash,
          distribute, includeInReport));
    }
  }
}
