package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.Arrays;
import java.util.List;

/**
 * A Postgres SQL lookup run for each evaluated activity against the published datasets of the CDD,
 * e.g. an account's highest transaction of the last two months (S1 §7.6.2). The SQL may use
 * {@code activity.<column>}, {@code {context.execution_date}} and {@code {parameters.x}}; each
 * output column is referenced as {@code {enrichments.<output>}}.
 *
 * <pre>{@code
 * Enrichment max = Enrichment.of("max_transaction",
 *     "select max(tx.amount) as max_transaction from transaction as tx where tx.account_id = activity.account_id",
 *     EnrichmentOutput.of("max_transaction", VariableType.DOUBLE));
 * }</pre>
 *
 * @param name unique within the risk and its ancestors
 * @param sql the Postgres query; returns one row whose columns are the outputs
 * @param outputs the columns the query returns
 */
public record Enrichment(String name, String sql, List<EnrichmentOutput> outputs) {
  public Enrichment {
    Checks.identifier(name, "enrichment", "name", Identifiers.NAME);
    Checks.required(sql, "enrichment " + name, "sql");
    outputs = Checks.list(outputs);
  }

  public static Enrichment of(String name, String sql, EnrichmentOutput... outputs) {
    return BuildSites.mark(new Enrichment(name, sql, Arrays.asList(outputs)));
  }

  public static Enrichment of(String name, String sql, List<EnrichmentOutput> outputs) {
    return BuildSites.mark(new Enrichment(name, sql, outputs));
  }
}
