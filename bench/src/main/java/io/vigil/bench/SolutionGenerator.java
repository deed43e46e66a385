package io.vigil.bench;

import io.vigil.api.entity.EntityKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a realistic solution of a given number of entities, as a team would keep it: several
 * domains, each with a shared {@code lib/} helper, a graph and distribution targets, and a series
 * of business lines ("pipelines", e.g. retail UK). A pipeline has six datasets, four flat-file
 * connectors, two evaluation flows, six risks (a parent/child pair among them), a DAG and two job
 * classes; every domain also has an upload job. About half of the entities are Java providers (one
 * class per entity), the rest YAML; risks are always ThetaRay YAML.
 *
 * <p>Entities are written in dependency order, each referring only to entities written before it,
 * so the solution stays valid when the count stops in the middle of a pipeline. The result
 * validates without a single problem; {@code SolutionGeneratorTest} checks that.
 */
public final class SolutionGenerator {
  /** The domains, in the order their first pipeline is written. */
  public static final List<String> DOMAINS = List.of("aml", "payments", "cards", "trade");

  private static final List<String> LINES = List.of(
      "retail", "corporate", "private", "sme", "correspondent", "payroll", "merchant", "treasury", "wealth", "remittance");
  private static final List<String> REGIONS = List.of("uk", "fr", "es", "de", "nl", "it", "us", "sg", "ch", "hk");
  private static final Map<String, String> CURRENCIES = Map.of("uk", "GBP", "fr", "EUR", "es", "EUR", "de", "EUR",
      "nl", "EUR", "it", "EUR", "us", "USD", "sg", "SGD", "ch", "CHF", "hk", "HKD");

  /**
   * What was written.
   *
   * @param entities entities in total (the requested number)
   * @param javaEntities entities declared by Java providers, one provider class per entity
   * @param yamlEntities entities declared in YAML files
   * @param byKind entities per kind
   * @param domains domains written
   * @param pipelines business lines started
   * @param jobClasses job classes (not entities)
   * @param libClasses shared helper classes in {@code domains/<d>/lib/}
   * @param javaFiles Java sources, providers, jobs and helpers
   * @param yamlFiles YAML files, solution.yaml included
   * @param lines lines of all files
   */
  public record Summary(int entities, int javaEntities, int yamlEntities, Map<EntityKind, Integer> byKind,
      List<String> domains, int pipelines, int jobClasses, int libClasses, int javaFiles, int yamlFiles, long lines) {

    /** One line for logs and docs. */
    public String describe() {
      StringBuilder kinds = new StringBuilder();
      byKind.forEach((k, n) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(n).append(' ').append(k.key()));
      return entities + " entities (" + javaEntities + " Java, " + yamlEntities + " YAML: " + kinds + ") in "
          + domains.size() + " domains, " + pipelines + " pipelines; " + jobClasses + " job classes, " + libClasses
          + " helpers; " + javaFiles + " .java + " + yamlFiles + " .yaml files, " + lines + " lines";
    }
  }

  private final Path root;
  private final int target;
  private int entities;
  private int javaEntities;
  private int yamlEntities;
  private final Map<EntityKind, Integer> byKind = new EnumMap<>(EntityKind.class);
  private final List<String> domainsWritten = new ArrayList<>();
  private int pipelines;
  private int jobClasses;
  private int libClasses;
  private int javaFiles;
  private int yamlFiles;
  private long lines;

  private SolutionGenerator(Path root, int target) {
    this.root = root;
    this.target = target;
  }

  /**
   * Writes a solution of {@code entities} entities into {@code root}, which must be absent or empty.
   *
   * @throws IllegalArgumentException when {@code entities} is smaller than 1
   */
  public static Summary generate(Path root, int entities) {
    if (entities < 1) {
      throw new IllegalArgumentException("Cannot generate a solution of " + entities + " entities: at least 1 is needed");
    }
    try {
      Files.createDirectories(root);
      try (Stream<Path> children = Files.list(root)) {
        if (children.findAny().isPresent()) {
          throw new IllegalArgumentException("Cannot generate a solution into " + root + ": the directory is not empty");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SolutionGenerator(root, entities).run();
  }

  private Summary run() {
    for (int i = 0; entities < target; i++) {
      pipeline(i);
    }
    manifest();
    Map<EntityKind, Integer> kinds = new LinkedHashMap<>();
    for (EntityKind kind : EntityKind.values()) {
      kinds.put(kind, byKind.getOrDefault(kind, 0));
    }
    return new Summary(entities, javaEntities, yamlEntities, kinds, List.copyOf(domainsWritten), pipelines,
        jobClasses, libClasses, javaFiles, yamlFiles, lines);
  }

  // --- Layout ---

  private void manifest() {
    write("solution.yaml", """
        # Generated by io.vigil.bench.SolutionGenerator for the vigil validate benchmark.
        name: bench_solution
        display_name: Benchmark solution (${n} entities)
        sdk_version: 0.1.0
        domains: [${domains}]
        defaults:
          data_permission: dpv:public
          spark_conf: {spark.sql.shuffle.partitions: "8"}
          container_cpu: 1000m
          container_memory: 2Gi
        """.replace("${n}", String.valueOf(target)).replace("${domains}", String.join(", ", domainsWritten)));
    yamlFiles++;
  }

  /** The variables of one pipeline's templates. */
  private record Vars(Map<String, String> values) {
    String fill(String template) {
      String out = template;
      for (Map.Entry<String, String> e : values.entrySet()) {
        out = out.replace("${" + e.getKey() + "}", e.getValue());
      }
      if (out.contains("${")) {
        throw new IllegalStateException("Unfilled template variable in: " + out.substring(out.indexOf("${")));
      }
      return out;
    }
  }

  private void pipeline(int i) {
    String domain = DOMAINS.get(i % DOMAINS.size());
    String line = LINES.get(i % LINES.size());
    String region = REGIONS.get((i / LINES.size()) % REGIONS.size());
    int round = i / (LINES.size() * REGIONS.size());
    String prefix = line + "_" + region + (round == 0 ? "" : "_" + round);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("p", prefix);
    values.put("P", camel(prefix));
    values.put("t", capitalize(line) + " " + region.toUpperCase(Locale.ROOT) + (round == 0 ? "" : " " + round));
    values.put("d", domain);
    values.put("D", camel(domain));
    values.put("DU", domain.toUpperCase(Locale.ROOT));
    values.put("cur", CURRENCIES.get(region));
    values.put("limit", String.valueOf(10_000 * (1 + i % 3)));
    values.put("sev", String.valueOf(60 + (i * 7) % 30));
    values.put("partitions", String.valueOf(4 << (i % 3)));
    values.put("ratio", "0." + (80 + i % 15));
    values.put("days", String.valueOf(90 + 30 * (i % 7)));
    Vars v = new Vars(values);

    pipelines++;
    if (i < DOMAINS.size()) {
      domainWide(i, v);
    }
    jobs(v);
    boolean even = i % 2 == 0;
    List<Runnable> steps = List.of(
        () -> java(EntityKind.DATASET, v, "domains/${d}/datasets/${P}Transaction.java", Templates.DATASET_TRANSACTION),
        () -> yaml(EntityKind.DATASET, v, "domains/${d}/datasets/${p}_transaction_hr.yaml", Templates.DATASET_TRANSACTION_HR),
        () -> java(EntityKind.DATASET, v, "domains/${d}/datasets/${P}Account.java", Templates.DATASET_ACCOUNT),
        () -> yaml(EntityKind.DATASET, v, "domains/${d}/datasets/${p}_party.yaml", Templates.DATASET_PARTY),
        () -> java(EntityKind.DATASET, v, "domains/${d}/datasets/${P}Counterparty.java", Templates.DATASET_COUNTERPARTY),
        () -> java(EntityKind.DATASET, v, "domains/${d}/datasets/${P}Monthly.java", Templates.DATASET_MONTHLY),
        () -> java(EntityKind.CONNECTOR, v, "domains/${d}/connectors/${P}TransactionConnector.java", Templates.CONNECTOR_TRANSACTION),
        () -> java(EntityKind.CONNECTOR, v, "domains/${d}/connectors/${P}AccountConnector.java", Templates.CONNECTOR_ACCOUNT),
        () -> yaml(EntityKind.CONNECTOR, v, "domains/${d}/connectors/${p}_party.yaml", Templates.CONNECTOR_PARTY),
        () -> java(EntityKind.CONNECTOR, v, "domains/${d}/connectors/${P}CounterpartyConnector.java", Templates.CONNECTOR_COUNTERPARTY),
        () -> java(EntityKind.EVALUATION_FLOW, v, "domains/${d}/evaluation_flows/${P}MonthlyFlow.java", Templates.FLOW_MONTHLY),
        () -> yaml(EntityKind.EVALUATION_FLOW, v, "domains/${d}/evaluation_flows/${p}_rules_ef.yaml", Templates.FLOW_RULES),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_anomaly.yaml", Templates.RISK_ANOMALY),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_high_value.yaml", Templates.RISK_HIGH_VALUE),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_structuring.yaml", Templates.RISK_STRUCTURING),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_structuring_cash.yaml", Templates.RISK_STRUCTURING_CASH),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_rapid_movement.yaml", Templates.RISK_RAPID_MOVEMENT),
        () -> yaml(EntityKind.RISK, v, "domains/${d}/risks/${p}_dormant_reactivated.yaml", Templates.RISK_DORMANT),
        () -> {
          if (even) {
            java(EntityKind.DAG, v, "dags/${P}Monthly.java", Templates.DAG_JAVA);
          } else {
            yaml(EntityKind.DAG, v, "dags/${p}_monthly.yaml", Templates.DAG_YAML);
          }
        });
    for (Runnable step : steps) {
      if (entities >= target) {
        return;
      }
      step.run();
    }
  }

  /** The domain's helper, upload job, graph and targets, written with its first pipeline. */
  private void domainWide(int index, Vars v) {
    domainsWritten.add(v.values().get("d"));
    support(v, "domains/${d}/lib/Conventions.java", Templates.LIB_CONVENTIONS);
    libClasses++;
    support(v, "domains/${d}/jobs/Upload.java", Templates.JOB_UPLOAD);
    jobClasses++;
    List<Runnable> steps = List.of(
        () -> {
          if (index % 2 == 0) {
            java(EntityKind.GRAPH, v, "domains/${d}/graphs/${D}Graph.java", Templates.GRAPH_JAVA);
          } else {
            yaml(EntityKind.GRAPH, v, "domains/${d}/graphs/${d}_graph.yaml", Templates.GRAPH_YAML);
          }
        },
        () -> yaml(EntityKind.TARGET, v, "domains/${d}/targets/${d}_case_manager.yaml", Templates.TARGET_CASE_MANAGER),
        () -> java(EntityKind.TARGET, v, "domains/${d}/targets/${D}AlertsWebhook.java", Templates.TARGET_WEBHOOK));
    for (Runnable step : steps) {
      if (entities < target) {
        step.run();
      }
    }
  }

  private void jobs(Vars v) {
    support(v, "domains/${d}/jobs/${P}Dataprep.java", Templates.JOB_DATAPREP);
    support(v, "domains/${d}/jobs/${P}Evaluate.java", Templates.JOB_EVALUATE);
    jobClasses += 2;
  }

  // --- Writing ---

  private void java(EntityKind kind, Vars v, String path, String template) {
    write(v.fill(path), v.fill(template));
    javaFiles++;
    javaEntities++;
    counted(kind);
  }

  private void yaml(EntityKind kind, Vars v, String path, String template) {
    write(v.fill(path), v.fill(template));
    yamlFiles++;
    yamlEntities++;
    counted(kind);
  }

  private void support(Vars v, String path, String template) {
    write(v.fill(path), v.fill(template));
    javaFiles++;
  }

  private void counted(EntityKind kind) {
    entities++;
    byKind.merge(kind, 1, Integer::sum);
  }

  private void write(String relative, String text) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    lines += text.lines().count();
  }

  static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      out.append(capitalize(part));
    }
    return out.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
