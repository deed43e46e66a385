package io.vigil.api.docs;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.Target;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.DefaultArgs;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.dataset.TableIndex;
import io.vigil.api.dataset.Validator;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.Graph;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.ParameterType;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.SuppressionUnit;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.api.solution.SolutionDefaults;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.TargetAuth;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The examples of the metadata reference: one per entity kind and one for {@code solution.yaml}. The
 * reference shows each method's body as the Java form and {@code Canonical.toYaml} of its result as the
 * YAML form, so both are compiled and real. A method is named after the entity kind's key in camel case.
 */
final class Examples {
  private Examples() {}

  static SolutionManifest solution() {
    return SolutionManifest.builder("aml_bank")
        .displayName("AML bank")
        .sdkVersion("0.1.0")
        .domains("aml")
        .defaults(new SolutionDefaults("dpv:public", Map.of("spark.sql.shuffle.partitions", "8"), "1000m", "2Gi"))
        .build();
  }

  static DataSet dataset() {
    return DataSet.builder("transaction")
        .displayName("Transactions")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.builder("amount", DataType.DOUBLE)
            .addValidator(Validator.reject("amount_not_negative", "amount >= 0"))
            .build())
        .addField(Field.builder("trans_date", DataType.TIMESTAMP).dateFormat("%Y%m%d").build())
        .occurredOnField("trans_date")
        .publish(true)
        .addTableIndex(TableIndex.of("transaction_by_account", "account_id", "trans_date"))
        .retentionPolicy(RetentionPolicy.months(24))
        .build();
  }

  static FlatFileConnector connector() {
    return FlatFileConnector.builder("transaction")
        .source(Source.builder("transactions", "transaction")
            .delimiter(";")
            .timestampConf(TimestampConf.column("trans_date", "%Y%m%d"))
            .build())
        .addTarget(Target.of("transaction_es", "country = 'ES'"))
        .defaultTargetDatasetName("transaction")
        .build();
  }

  static Graph graph() {
    return Graph.builder("public")
        .displayName("Public graph")
        .addNode(CanonicalGraph.accountNode())
        .addEdge(EdgeType.builder("TX")
            .displayName("Transaction")
            .addProperty("AM", DataType.DOUBLE)
            .sourceNodeTypes("AC")
            .targetNodeTypes("AC")
            .build())
        .dataPermission("dpv:public")
        .build();
  }

  static AlertDistributionTarget target() {
    return AlertDistributionTarget.builder("case_manager")
        .name("Case Manager")
        .url("https://casemngr.example.com/cm-be/api/alerts/create/anomaly")
        .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"))
        .timeoutSeconds(30)
        .build();
  }

  static EvaluationFlow evaluationFlow() {
    return EvaluationFlow.builder("tr_ef")
        .displayName("Account monthly analysis")
        .inputDataset("account_monthly")
        .dataPermission("dpv:public")
        .addStep(AlgoEvaluationStep.builder("algo")
            .featureExtractionModel(ModelReference.of("monthly_account_fe", Map.of("version", "release")))
            .detectionModel(ModelReference.of("monthly_account_ad", Map.of("version", "release")))
            .build())
        .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
        .build();
  }

  static Risk risk() {
    return Risk.builder("id1_structuring")
        .displayName("Structuring")
        .category("scenarios")
        .severity(87)
        .suppressionPeriodUnit(SuppressionUnit.DAY)
        .suppressionPeriodSize(30)
        .addEvaluationFlow("tr_ef")
        .addParameter(Parameter.of("min_amount", ParameterType.DOUBLE, "10000"))
        .addVariable(Variable.expression("is_high", "activity.sum_amount > {parameters.min_amount}", VariableType.BOOLEAN))
        .addCondition(Condition.isTrue("is_high"))
        .analysisMethod(AnalysisMethod.RULE)
        .build();
  }

  static Dag dag() {
    return Dag.builder("aml_monthly")
        .schedule(Dag.MONTHLY)
        .startDate(LocalDate.of(2024, 1, 1))
        .defaultArgs(DefaultArgs.builder().owner("aml").retries(1).retryDelay(Duration.ofMinutes(5)).build())
        .addTask(DagTask.builder("upload", "aml.Upload").containerCpu("1000m").containerMemory("2Gi").build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").build())
        .addTask(DagTask.builder("publish", "aml.Publish").build())
        .chain("upload", "dataprep", "publish")
        .build();
  }
}
