package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.connector.Connector;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Target;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.api.flow.RelatedGraph;
import io.vigil.api.flow.TraceQuery;
import io.vigil.api.graph.Graph;
import io.vigil.api.graph.NodeType;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RealtimeCallbackTarget;
import io.vigil.api.validation.ProblemCode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The evaluation flow rules of S1 §6.1, §10.2, §13.2, §15.2.8 and §19.2 (V-18, V-28, V-29, V-30, V-36). */
final class FlowRules implements RuleSet {
  // Identifier-like names in braces only, so regex quantifiers and JSON literals in the SQL are not placeholders.
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}");
  private static final Set<String> TRACE_PLACEHOLDERS =
      Set.of("dataset_table", "occurred_before", "occurred_after", "primary_identifiers");
  private static final Pattern ACTIVITY_COLUMN = Pattern.compile("activity\\.[A-Za-z_][A-Za-z0-9_]*");

  @Override
  public void check(Solution solution, Problems problems) {
    for (LoadedEntity loaded : solution.loaded(EntityKind.EVALUATION_FLOW)) {
      EvaluationFlow flow = (EvaluationFlow) loaded.entity();
      DataSet input = dataset(loaded, "input_dataset", flow.inputDataset(), problems);
      steps(flow, loaded, problems);
      identifiers(flow, input, loaded, problems);
      traceQueries(flow, loaded, problems);
      parquetIndexes(flow, loaded, problems);
      relatedGraph(flow, input, loaded, problems);
      realtime(flow, loaded, problems);
    }
  }

  /** V-18: the flow type decides which step kinds it needs and takes; step identifiers are unique. */
  private static void steps(EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    String required = requiredStepType(flow.efType());
    Set<String> seen = new HashSet<>();
    boolean found = false;
    for (EvaluationStep step : flow.evaluationSteps()) {
      String path = item("evaluation_steps", step.identifier());
      if (!seen.add(step.identifier())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
            "Cannot declare evaluation step " + step.identifier() + " of evaluation flow " + flow.identifier()
                + ": the identifier is used twice");
      }
      if (required != null) {
        if (required.equals(typeOf(step))) {
          found = true;
        } else {
          problems.add(ProblemCode.INVALID_VALUE, loaded, path,
              "Cannot use " + typeOf(step) + " step " + step.identifier() + " in " + flow.efType()
                  + " evaluation flow " + flow.identifier() + ": such flows take only " + required + " steps");
        }
      }
      if (step instanceof ClassificationEvaluationStep classifier) {
        classifier(classifier, path, flow, loaded, problems);
      }
    }
    if (required != null && !found) {
      problems.add(ProblemCode.MISSING_REQUIRED, loaded, "evaluation_steps",
          "Cannot evaluate " + flow.efType() + " evaluation flow " + flow.identifier()
              + ": it needs at least one " + required + " step; add one to evaluation_steps");
    }
  }

  /** The step type a flow type needs, or null when it needs none. */
  private static String requiredStepType(EvaluationType type) {
    return switch (type) {
      case THETARAY_ANALYSIS -> AlgoEvaluationStep.TYPE;
      case CLASSIFIER, CRA_ML -> ClassificationEvaluationStep.TYPE;
      case BUSINESS_RULES, CRA -> null;
    };
  }

  private static String typeOf(EvaluationStep step) {
    return step instanceof ClassificationEvaluationStep ? ClassificationEvaluationStep.TYPE : AlgoEvaluationStep.TYPE;
  }

  private static void classifier(
      ClassificationEvaluationStep step, String path, EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    String what = "evaluation step " + step.identifier() + " of evaluation flow " + flow.identifier();
    for (Integer number : step.labels().keySet()) {
      if (number < 1) {
        problems.add(ProblemCode.INVALID_VALUE, loaded, path + ".labels." + number,
            "Cannot use class number " + number + " in " + what
                + ": 0 means unknown and is reserved; number the classes from 1");
      }
    }
    spark(step.labelSelector(), path + ".label_selector", "label selector of " + what, loaded, problems);
    spark(step.exclusionFilter(), path + ".exclusion_filter", "exclusion filter of " + what, loaded, problems);
  }

  private static void spark(String expression, String path, String what, LoadedEntity loaded, Problems problems) {
    String error = expression == null ? null : SqlSyntax.sparkError(expression);
    if (error != null) {
      problems.add(ProblemCode.SPARK_SQL_INVALID, loaded, path, "Cannot parse the " + what + ": " + error);
    }
  }

  /** V-36: the identifiers name fields of the input dataset. */
  private static void identifiers(EvaluationFlow flow, DataSet input, LoadedEntity loaded, Problems problems) {
    EvaluationFlowIdentifiers ids = flow.identifiers();
    if (ids == null || input == null) {
      return;
    }
    fields(ids.groupingIdentifier(), "identifiers.grouping_identifier", input, loaded, problems);
    fields(ids.primaryIdentifier(), "identifiers.primary_identifier", input, loaded, problems);
    if (ids.primaryEntitiesList() != null) {
      field(ids.primaryEntitiesList(), "identifiers.primary_entities_list", input, loaded, problems);
    }
  }

  private static void fields(List<String> fields, String path, DataSet input, LoadedEntity loaded, Problems problems) {
    for (int i = 0; i < fields.size(); i++) {
      field(fields.get(i), path + "[" + i + "]", input, loaded, problems);
    }
  }

  private static void field(String field, String path, DataSet input, LoadedEntity loaded, Problems problems) {
    if (input.findField(field) == null) {
      problems.add(ProblemCode.UNKNOWN_FIELD, loaded, path,
          "Cannot resolve " + Problems.describe(loaded) + " " + path + ": input dataset " + input.identifier()
              + " has no field '" + field + "'");
    }
  }

  private static void traceQueries(EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    Set<String> seen = new HashSet<>();
    if (flow.globalTraceQuery() != null) {
      seen.add(flow.globalTraceQuery().identifier());
      traceQuery(flow.globalTraceQuery(), "global_trace_query", flow, loaded, problems);
    }
    for (TraceQuery query : flow.traceQueries()) {
      String path = item("trace_queries", query.identifier());
      if (!seen.add(query.identifier())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
            "Cannot declare trace query " + query.identifier() + " of evaluation flow " + flow.identifier()
                + ": the identifier is used twice");
      }
      traceQuery(query, path, flow, loaded, problems);
    }
  }

  private static void traceQuery(
      TraceQuery query, String path, EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    String what = "trace query " + query.identifier() + " of evaluation flow " + flow.identifier();
    DataSet dataset = dataset(loaded, path + ".dataset", query.dataset(), problems);
    if (dataset != null && query.parquetIndex() != null
        && dataset.parquetIndexes().stream().noneMatch(i -> i.identifier().equals(query.parquetIndex()))) {
      problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path + ".parquet_index",
          "Cannot resolve " + Problems.describe(loaded) + " " + path + ".parquet_index: dataset " + dataset.identifier()
              + " has no parquet index '" + query.parquetIndex() + "'");
    }
    Set<String> unknown = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(query.sql());
    while (m.find()) {
      String name = m.group(1);
      if (!TRACE_PLACEHOLDERS.contains(name) && !ACTIVITY_COLUMN.matcher(name).matches()) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      problems.add(ProblemCode.UNDEFINED_TEMPLATE_REFERENCE, loaded, path + ".sql",
          "Cannot substitute {" + name + "} in the SQL of " + what + ": the placeholders are {dataset_table},"
              + " {activity.<column>}, {occurred_before}, {occurred_after} and {primary_identifiers}");
    }
    if (query.isGroupingQuery() && flow.identifiers() == null) {
      problems.add(ProblemCode.INVALID_VALUE, loaded, path + ".is_grouping_query",
          "Cannot run grouping " + what + ": a grouping query needs the flow's identifiers; set identifiers with"
              + " grouping_identifier and primary_entities_list, or drop is_grouping_query");
    }
  }

  private static void parquetIndexes(EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    Set<String> seen = new HashSet<>();
    for (ParquetIndex index : flow.parquetIndexes()) {
      if (!seen.add(index.identifier())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, item("parquet_indexes", index.identifier()),
            "Cannot declare parquet index " + index.identifier() + " of evaluation flow " + flow.identifier()
                + ": the identifier is used twice");
      }
    }
  }

  /** The graph resolves, mapped node types and properties exist in it, mapped fields in the input dataset. */
  private static void relatedGraph(EvaluationFlow flow, DataSet input, LoadedEntity loaded, Problems problems) {
    RelatedGraph related = flow.relatedGraph();
    if (related == null) {
      return;
    }
    LoadedEntity found = problems.reference(loaded, "related_graph.identifier", EntityKind.GRAPH, related.identifier());
    Graph graph = found != null && found.entity() instanceof Graph g ? g : null;
    nodeMappings(related.nodeMappings(), "related_graph.node_mappings", graph, input, loaded, problems);
    nodeMappings(
        related.groupingNodeMappings(), "related_graph.grouping_node_mappings", graph, input, loaded, problems);
  }

  private static void nodeMappings(Map<String, List<PropertyToFieldMapping>> mappings, String path, Graph graph,
      DataSet input, LoadedEntity loaded, Problems problems) {
    mappings.forEach((nodeTypeId, list) -> {
      String at = path + "." + nodeTypeId;
      NodeType nodeType = graph == null ? null : nodeType(graph, nodeTypeId);
      if (graph != null && nodeType == null) {
        problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, at,
            "Cannot resolve " + Problems.describe(loaded) + " " + at + ": graph " + graph.identifier()
                + " has no node type '" + nodeTypeId + "'");
      }
      for (int i = 0; i < list.size(); i++) {
        PropertyToFieldMapping mapping = list.get(i);
        String item = at + "[" + i + "]";
        if (nodeType != null
            && nodeType.properties().stream().noneMatch(p -> p.identifier().equals(mapping.property()))) {
          problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, item + ".property",
              "Cannot resolve " + Problems.describe(loaded) + " " + item + ".property: node type " + nodeTypeId
                  + " of graph " + graph.identifier() + " has no property '" + mapping.property() + "'");
        }
        if (input != null) {
          field(mapping.field(), item + ".field", input, loaded, problems);
        }
      }
    });
  }

  private static NodeType nodeType(Graph graph, String identifier) {
    for (NodeType node : graph.nodes()) {
      if (node.identifier().equals(identifier)) {
        return node;
      }
    }
    return null;
  }

  /**
   * V-29, V-30: a real-time flow reads from a connector with REST enabled, distributes to an alert target,
   * calls back a real-time callback target, and every dataset it involves is real-time.
   */
  private static void realtime(EvaluationFlow flow, LoadedEntity loaded, Problems problems) {
    RealtimeEvaluation realtime = flow.realtime();
    if (realtime == null) {
      return;
    }
    Set<String> datasets = new LinkedHashSet<>();
    datasets.add(flow.inputDataset());
    LoadedEntity found =
        problems.reference(loaded, "realtime.input_connector", EntityKind.CONNECTOR, realtime.inputConnector());
    if (found != null && found.entity() instanceof Connector connector) {
      if (!(connector instanceof FlatFileConnector file && file.restConfig() != null && file.restConfig().enable())) {
        problems.add(ProblemCode.REALTIME_CONNECTOR_NOT_REST, loaded, "realtime.input_connector",
            "Cannot read real-time evaluation flow " + flow.identifier() + " from connector " + connector.identifier()
                + ": the input connector must be a flat-file connector with rest_config enabled; set rest_config.enable"
                + " to true on it or name another connector");
      }
      if (connector.datasetSchemaRef() != null) {
        datasets.add(connector.datasetSchemaRef());
      }
      for (Target target : connector.targets()) {
        datasets.add(target.datasetName());
      }
      if (connector.defaultTargetDatasetName() != null) {
        datasets.add(connector.defaultTargetDatasetName());
      }
    }
    LoadedEntity distribution = problems.reference(loaded, "realtime.distribution_target_identifier", EntityKind.TARGET,
        realtime.distributionTargetIdentifier());
    if (distribution != null && !(distribution.entity() instanceof AlertDistributionTarget)) {
      problems.add(ProblemCode.INVALID_VALUE, loaded, "realtime.distribution_target_identifier",
          "Cannot distribute the alerts of real-time evaluation flow " + flow.identifier() + " to target "
              + distribution.identifier() + ": it is not an alert distribution target; name an "
              + AlertDistributionTarget.TYPE + " target");
    }
    LoadedEntity callback = problems.reference(loaded, "realtime.callback_target_identifier", EntityKind.TARGET,
        realtime.callbackTargetIdentifier());
    if (callback != null && !(callback.entity() instanceof RealtimeCallbackTarget)) {
      problems.add(ProblemCode.INVALID_VALUE, loaded, "realtime.callback_target_identifier",
          "Cannot call back target " + callback.identifier() + " when an alert of real-time evaluation flow "
              + flow.identifier() + " closes: it is not a real-time callback target; name a "
              + RealtimeCallbackTarget.TYPE + " target");
    }
    for (String name : datasets) {
      DataSet dataset = problems.solution().get(EntityKind.DATASET, name, DataSet.class);
      if (dataset != null && !dataset.realtime()) {
        problems.add(ProblemCode.REALTIME_DATASET_REQUIRED, loaded, "realtime",
            "Cannot evaluate real-time evaluation flow " + flow.identifier() + ": every dataset it involves must be"
                + " real-time; set realtime: true on dataset " + name);
      }
    }
  }

  /** The dataset named at {@code path}, or null when it does not resolve (reported) or is not given. */
  private static DataSet dataset(LoadedEntity from, String path, String identifier, Problems problems) {
    LoadedEntity found = problems.reference(from, path, EntityKind.DATASET, identifier);
    return found != null && found.entity() instanceof DataSet ds ? ds : null;
  }
}
