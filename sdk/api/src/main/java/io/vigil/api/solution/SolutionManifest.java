package io.vigil.api.solution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import io.vigil.api.entity.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code solution.yaml}: the solution's name, the SDK version it was written for, its domains and
 * the defaults entities inherit.
 *
 * @param name solution identifier; names the bucket, the CDD schemas and the bundle
 * @param displayName title
 * @param description free text
 * @param sdkVersion the Vigil SDK version the solution is written against
 * @param domains the domains under {@code domains/}; when empty, every folder there is a domain
 * @param defaults values entities and DAG tasks inherit
 * @param realtimeClientSecret the secret clients present to {@code POST /auth} of {@code vigil serve}, as an
 *     {@code env:NAME} or {@code encrypted:…} reference; without it the server reads
 *     {@code VIGIL_REALTIME_CLIENT_SECRET}
 * @param reports which monitoring reports are written, and who is told of them (default: none)
 */
public record SolutionManifest(
    String name,
    String displayName,
    String description,
    String sdkVersion,
    List<String> domains,
    SolutionDefaults defaults,
    String realtimeClientSecret,
    MonitoringReports reports) {

  public SolutionManifest {
    Checks.identifier(name, "solution", "name", Identifiers.ENTITY);
    domains = Checks.list(domains);
    for (String domain : domains) {
      Checks.identifier(domain, "solution " + name, "domains", Identifiers.ENTITY);
    }
    defaults = defaults == null ? SolutionDefaults.NONE : defaults;
    reports = reports == null ? MonitoringReports.NONE : reports;
    Checks.valid(realtimeClientSecret == null || Secrets.isReference(realtimeClientSecret), "solution " + name,
        "realtime_client_secret", "must be a reference, env:NAME or encrypted:…, never the secret itself");
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public static final class Builder {
    private final String name;
    private String displayName;
    private String description;
    private String sdkVersion;
    private final List<String> domains = new ArrayList<>();
    private SolutionDefaults defaults;
    private String realtimeClientSecret;
    private MonitoringReports reports;

    private Builder(String name) {
      this.name = name;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder sdkVersion(String sdkVersion) {
      this.sdkVersion = sdkVersion;
      return this;
    }

    public Builder domains(String... domains) {
      this.domains.addAll(Arrays.asList(domains));
      return this;
    }

    public Builder defaults(SolutionDefaults defaults) {
      this.defaults = defaults;
      return this;
    }

    public Builder realtimeClientSecret(String reference) {
      this.realtimeClientSecret = reference;
      return this;
    }

    public Builder reports(MonitoringReports reports) {
      this.reports = reports;
      return this;
    }

    public SolutionManifest build() {
      return BuildSites.mark(new SolutionManifest(name, displayName, description, sdkVersion, domains, defaults,
          realtimeClientSecret, reports));
    }
  }
}
