package io.vigil.cli.realtime;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.realtime.RealtimeOptions;
import io.vigil.runtime.realtime.RealtimeServer;
import io.vigil.runtime.realtime.RecordScorers;
import io.vigil.runtime.rest.RestIngestOptions;
import io.vigil.runtime.rest.RestIngestion;
import io.vigil.runtime.store.Secret;

/**
 * How {@code vigil serve} starts its server on an open solution: the client secret resolved, each flow's
 * models loaded as batch resolves them. {@code vigil demo} starts its server through here too, so what
 * it measures is what the command serves.
 */
public final class Serving {
  private Serving() {}

  /**
   * The real-time server of the context's solution, started and listening; it also serves the REST
   * ingestion of the solution's REST-enabled connectors (buffered in {@code <VIGIL_HOME>/rest-buffer/<solution>},
   * with RestIngestServer's default limits) behind the same token.
   */
  public static RealtimeServer start(JobContext context, RealtimeOptions options) {
    Secret secret = clientSecret(context);
    RestIngestion ingestion = RestIngestion.hasRestConnectors(context.catalog())
        ? RestIngestion.open(context.catalog(), context.stores(), RestIngestOptions.defaults()) : null;
    try {
      return RealtimeServer.start(context, options, secret, flow -> RecordScorers.of(context, flow), ingestion);
    } catch (RuntimeException e) {
      if (ingestion != null) {
        ingestion.close();
      }
      throw e;
    }
  }

  /** The solution's reference when solution.yaml names one, else the environment's secret. */
  static Secret clientSecret(JobContext context) {
    String reference = context.catalog().manifest().realtimeClientSecret();
    if (reference != null) {
      return context.secrets().resolve(reference, "realtime_client_secret of solution " + context.catalog().solution());
    }
    String value = CliEnvironment.get().get("VIGIL_REALTIME_CLIENT_SECRET");
    if (value == null || value.isBlank()) {
      throw RuntimeErrors.realtimeClientSecretMissing(context.catalog().solution());
    }
    return Secret.of(value);
  }
}
