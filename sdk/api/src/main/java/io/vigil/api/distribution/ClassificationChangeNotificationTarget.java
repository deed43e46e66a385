package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An external endpoint, typically the KYC system, notified of CRA classification changes: at
 * onboarding, after an ongoing evaluation changes a class up or down, and on manual
 * reclassification (S1 §12.5.3).
 *
 * <pre>{@code
 * ClassificationChangeNotificationTarget kyc = ClassificationChangeNotificationTarget
 *     .builder("classification_change_target")
 *     .url("https://kyc.example.com/classification")
 *     .annotations("classification_type")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; named by notify_classification_changes and cra.manual_reclassification_notification_target
 * @param name the name shown to users (default: the identifier)
 * @param url absolute http or https URL requests are posted to
 * @param auth the credentials requests carry (default: no authentication)
 * @param retryPolicy how technical failures are retried (default: RetryPolicy.defaults())
 * @param verify verify the server's TLS certificate (default true)
 * @param timeoutSeconds request timeout in seconds; absent means the runtime's default
 * @param annotations names of annotations whose values are included in each notification
 * @param batchSize most customers per request; more are split over several requests (default 1000)
 */
public record ClassificationChangeNotificationTarget(
    String identifier,
    String name,
    String url,
    TargetAuth auth,
    RetryPolicy retryPolicy,
    Boolean verify,
    Integer timeoutSeconds,
    List<String> annotations,
    Integer batchSize)
    implements DistributionTarget {

  public static final String TYPE = "classification_change_notification";

  public ClassificationChangeNotificationTarget {
    Checks.entityIdentifier(identifier, "classification change notification target");
    String what = "classification change notification target " + identifier;
    name = Checks.orDefault(name, identifier);
    TargetValues.checkEndpoint(url, timeoutSeconds, what);
    auth = TargetValues.auth(auth);
    retryPolicy = TargetValues.retryPolicy(retryPolicy);
    verify = Checks.orDefault(verify, true);
    annotations = Checks.list(annotations);
    batchSize = Checks.positive(Checks.orDefault(batchSize, 1000), what, "batch_size");
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    return new Builder(identifier)
        .from(this)
        .annotations(annotations.toArray(String[]::new))
        .batchSize(batchSize);
  }

  /** Hides user-info in the URL. */
  @Override
  public String toString() {
    return TargetValues.describe(this);
  }

  public static final class Builder extends HttpTargetBuilder<Builder> {
    private final List<String> annotations = new ArrayList<>();
    private Integer batchSize;

    private Builder(String identifier) {
      super(identifier);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Replaces the annotation names. */
    public Builder annotations(String... annotations) {
      this.annotations.clear();
      this.annotations.addAll(Arrays.asList(annotations));
      return this;
    }

    public Builder batchSize(Integer batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public ClassificationChangeNotificationTarget build() {
      return BuildSites.mark(new ClassificationChangeNotificationTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds, annotations, batchSize));
    }
  }
}
