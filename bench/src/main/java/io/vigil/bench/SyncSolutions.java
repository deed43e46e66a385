package io.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/** Solutions for {@link SyncBenchmark}: a template-like one covering every kind, and one with many datasets. */
final class SyncSolutions {
  private SyncSolutions() {}

  /** The template-like solution: datasets, a connector, an evaluation flow, a risk, a graph, a job and a model export. */
  static Map<String, String> template() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("domains/aml/connectors/transactions.yaml", """
identifier: transactions
source:
  folder: transactions
  has_header: true
  delimiter: ","
  dataset_schema_ref: transaction
default_target_dataset_name: transaction
""");
    files.put("domains/aml/datasets/account.yaml", """
identifier: account
ingestion_mode: OVERWRITE
primary_key: [account_id]
publish: true
data_permission: dpv:public
field_list:
  - identifier: account_id
    data_type: STRING
  - identifier: customer_name
    data_type: STRING
    indexed: true
  - identifier: opened
    data_type: TIMESTAMP
""");
    files.put("domains/aml/datasets/monthly.yaml", """
identifier: monthly
ingestion_mode: APPEND
occurred_on_field: month_start
field_list:
  - identifier: account_id
    data_type: STRING
  - identifier: month_start
    data_type: TIMESTAMP
  - identifier: sum_amount
    data_type: DOUBLE
  - identifier: tx_count
    data_type: LONG
""");
    files.put("domains/aml/datasets/transaction.yaml", """
identifier: transaction
ingestion_mode: APPEND
occurred_on_field: occurred
publish: true
data_permission: dpv:public
field_list:
  - identifier: trans_id
    data_type: STRING
  - identifier: account_id
    data_type: STRING
  - identifier: amount
    data_type: DOUBLE
  - identifier: occurred
    data_type: TIMESTAMP
""");
    files.put("domains/aml/evaluation_flows/tr_ef.yaml", """
identifier: tr_ef
display_name: Monthly account analysis
input_dataset: monthly
data_permission: dpv:public
evaluation_steps:
  - identifier: algo
    feature_extraction_model:
      name: monthly_fe
      tags: {version: release}
    detection_model:
      name: monthly_ad
      tags: {version: release}
""");
    files.put("domains/aml/graphs/Graphs.java", """
package domains.aml.graphs;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import java.util.List;

public class Graphs implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Graph.builder("public_graph")
        .addNode(CanonicalGraph.accountNode())
        .addNode(CanonicalGraph.alertNode())
        .addEdge(CanonicalGraph.transactionEdge())
        .addEdge(CanonicalGraph.alertedEdge())
        .dataPermission("dpv:public")
        .build());
  }
}
""");
    files.put("domains/aml/jobs/MonthlyJob.java", """
package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;

public class MonthlyJob implements Job {
  private String state = "";

  @Cell(1)
  public void load() {
    state = "loaded";
  }

  @Cell(2)
  public void aggregate() {
    state = state + "+aggregated";
  }

  public String state() {
    return state;
  }
}
""");
    files.put("domains/aml/risks/high_amount.yaml", """
identifier: high_amount
display_name: High monthly amount
category: scenarios
severity: 80
suppression_period_unit: DAY
suppression_period_size: -1
evaluation_flows: [tr_ef]
analysis_method: RULE
parameters:
  - name: min_amount
    datatype: DOUBLE
    value: "10000"
enrichments:
  - name: max_tx
    sql: |
      select max(t.amount) as max_tx_amount
      from transaction t
      where t.account_id = activity.account_id
        and t.occurred <= {context.execution_date}
    outputs:
      - name: max_tx_amount
        datatype: DOUBLE
variables:
  - name: is_high
    expression: activity.sum_amount > {parameters.min_amount}
    datatype: BOOLEAN
    order: 1
  - name: big_single
    expression: "{enrichments.max_tx_amount} > {parameters.min_amount} / 2 and {variables.is_high}"
    datatype: BOOLEAN
    order: 2
conditions:
  - variable: is_high
    value: "true"
""");
    files.put("models/monthly_ad/histograms.csv", """
histogram-v1
1,2,3
""");
    files.put("models/monthly_ad/model.json", """
{"tags": {"version": "release"}, "description": "Monthly anomaly detection"}
""");
    files.put("solution.yaml", """
name: aml_demo
sdk_version: 0.1.0
domains: [aml]
defaults:
  data_permission: dpv:public
""");
    return files;
  }

  /** A solution of {@code count} datasets (publish: false, so the plan holds Delta tables and registry entries). */
  static Path manyDatasets(Path dir, int count) throws IOException {
    write(dir.resolve("solution.yaml"), "name: bench_many\nsdk_version: 0.1.0\n");
    for (int i = 0; i < count; i++) {
      String id = String.format("ds_%04d", i);
      write(dir.resolve("domains/core/datasets/" + id + ".yaml"), """
          identifier: %s
          ingestion_mode: APPEND
          occurred_on_field: occurred
          field_list:
            - identifier: key
              data_type: STRING
            - identifier: amount
              data_type: DOUBLE
            - identifier: occurred
              data_type: TIMESTAMP
          """.formatted(id));
    }
    return dir;
  }

  /** A bare remote whose staging branch holds the template-like solution; returns the remote. */
  static Path gitRemote(Path remote, Path work) throws Exception {
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    for (Map.Entry<String, String> e : template().entrySet()) {
      write(work.resolve(e.getKey()), e.getValue().replace("name: aml_demo", "name: bench_template"));
    }
    SyncBenchmark.push(work, remote.toUri().toString());
    return remote;
  }

  /** N of "Apply complete: N changes", or "?". */
  static String changeCount(String output) {
    Matcher m = Pattern.compile("Apply complete: (\\d+) change").matcher(output);
    return m.find() ? m.group(1) : "?";
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
