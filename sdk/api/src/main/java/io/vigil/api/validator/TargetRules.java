package io.vigil.api.validator;

import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.AuthenticationMode;
import io.vigil.api.distribution.DistributionTarget;
import io.vigil.api.distribution.ExternalNotificationTarget;
import io.vigil.api.distribution.TargetAuth;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.entity.Secrets;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The distribution-target rules of S1 §9.2, §10.6.2 and §12.5: secrets are references, never inline
 * (DESIGN §10), and each authentication mode has the configuration it needs. Messages never show a
 * secret value.
 */
final class TargetRules implements RuleSet {
  @Override
  public void check(Solution solution, Problems problems) {
    for (LoadedEntity loaded : solution.loaded(EntityKind.TARGET)) {
      DistributionTarget target = (DistributionTarget) loaded.entity();
      secrets(target, loaded, problems);
      authConfiguration(target.auth(), loaded, problems);
    }
    reportsTarget(solution, problems);
  }

  /** {@code reports.notification_target} of solution.yaml names an external notification target (S1 §21.1). */
  private static void reportsTarget(Solution solution, Problems problems) {
    String id = solution.manifest() == null ? null : solution.manifest().reports().notificationTarget();
    if (id == null) {
      return;
    }
    LoadedEntity found = solution.find(EntityKind.TARGET, id);
    if (found == null && solution.mayHide(EntityKind.TARGET.key(), id)) {
      return;
    }
    if (found == null) {
      problems.add(Problem.of(ProblemCode.UNRESOLVED_REFERENCE, "solution.reports.notification_target",
          SourceLocation.file(SolutionLoader.MANIFEST), "Cannot notify target " + id
              + " of monitoring reports: the solution has no target '" + id + "'"));
    } else if (!(found.entity() instanceof ExternalNotificationTarget)) {
      problems.add(Problem.of(ProblemCode.INVALID_VALUE, "solution.reports.notification_target",
          SourceLocation.file(SolutionLoader.MANIFEST), "Cannot notify target " + id
              + " of monitoring reports: it is not an external notification target; name an "
              + ExternalNotificationTarget.TYPE + " target"));
    }
  }

  private static void secrets(DistributionTarget target, LoadedEntity loaded, Problems problems) {
    target.auth().configuration().forEach((key, value) -> {
      if (Secrets.isSecretKey(key) && !Secrets.isReference(value)) {
        inline(loaded, "auth.configuration." + key, key, problems);
      }
    });
    if (target instanceof AlertDistributionTarget alerts) {
      alerts.headers().forEach((name, value) -> {
        if (isSecretHeader(name) && !Secrets.isReference(value)) {
          inline(loaded, "headers." + name, "header " + name, problems);
        }
      });
    }
    if (hasUserInfo(target.url())) {
      problems.add(ProblemCode.SECRET_INLINE, loaded, "url",
          "Cannot store the credentials in the url of " + Problems.describe(loaded)
              + " inline: remove user:password@ from the URL and use auth with env:NAME or encrypted:… references");
    }
  }

  private static void inline(LoadedEntity loaded, String path, String what, Problems problems) {
    problems.add(ProblemCode.SECRET_INLINE, loaded, path,
        "Cannot store " + what + " of " + Problems.describe(loaded)
            + " inline: secrets must be references; write env:NAME to read an environment variable, or"
            + " encrypted:<AES> encrypted with the platform key");
  }

  /** BASIC_AUTH needs username and password, BEARER_TOKEN a token, and NO_AUTH nothing. */
  private static void authConfiguration(TargetAuth auth, LoadedEntity loaded, Problems problems) {
    Map<String, String> configuration = auth.configuration();
    List<String> required = switch (auth.mode()) {
      case BASIC_AUTH -> List.of(TargetAuth.USERNAME, TargetAuth.PASSWORD);
      case BEARER_TOKEN -> List.of(TargetAuth.TOKEN);
      case NO_AUTH -> List.of();
    };
    for (String key : required) {
      String value = configuration.get(key);
      if (value == null || value.isBlank()) {
        problems.add(ProblemCode.MISSING_REQUIRED, loaded, "auth.configuration." + key,
            "Cannot authenticate " + Problems.describe(loaded) + " with " + auth.mode() + ": configuration key '"
                + key + "' is required; " + remedy(auth));
      }
    }
    if (auth.mode() == AuthenticationMode.NO_AUTH && !configuration.isEmpty()) {
      problems.add(ProblemCode.INVALID_VALUE, loaded, "auth.configuration",
          "Cannot use the configuration of " + Problems.describe(loaded)
              + ": NO_AUTH sends no credentials; drop configuration or choose BASIC_AUTH or BEARER_TOKEN, keys "
              + configuration.keySet().stream().sorted().toList());
    }
  }

  private static String remedy(TargetAuth auth) {
    return switch (auth.mode()) {
      case BASIC_AUTH -> "use TargetAuth.basic(\"env:USER_VAR\", \"env:PASSWORD_VAR\")";
      case BEARER_TOKEN -> "use TargetAuth.bearer(\"env:TOKEN_VAR\")";
      case NO_AUTH -> "";
    };
  }

  private static boolean isSecretHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Secrets.isSecretKey(name) || n.equals("authorization") || n.equals("proxy-authorization");
  }

  private static boolean hasUserInfo(String url) {
    try {
      return new URI(url).getRawUserInfo() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
