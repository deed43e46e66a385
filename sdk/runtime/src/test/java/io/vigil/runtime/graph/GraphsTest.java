package io.vigil.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.flow.RelatedGraph;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.graph.view.EgoPage;
import io.vigil.runtime.graph.view.GraphExport;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The graph runtime on the embedded Postgres and local Spark, on a known fixture: accounts A–H,
 * party P1 owning A, transfers A→B→C→D, A→E, F→A, H→G. Reruns leave both tables as they were,
 * a change writes one version of the changed node only, the ego graph of A holds exactly the
 * expected nodes at 1 and 2 hops, and alerts become AL nodes and edges through related_graph.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphsTest {
  static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  static final LocalDateTime D2 = D1.plusMonths(1);
  static final String HOSTILE = "x'); drop table g_nodes; --";

  static final Graph GRAPH = Graph.builder("g")
      .addNode(CanonicalGraph.accountNode()).addNode(CanonicalGraph.alertNode()).addNode(CanonicalGraph.partyNode())
      .addEdge(CanonicalGraph.transactionEdge()).addEdge(CanonicalGraph.alertedEdge()).addEdge(CanonicalGraph.ownerEdge())
      .dataPermission("dpv:public").build();
  static final DataSet MONTHLY = DataSet.builder("account_monthly").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("month", DataType.TIMESTAMP))
      .occurredOnField("month").publish(true).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder("monthly").inputDataset("account_monthly")
      .addStep(AlgoEvaluationStep.builder("algo").featureExtractionModel(ModelReference.of("fe", Map.of()))
          .detectionModel(ModelReference.of("ad", Map.of())).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .relatedGraph(RelatedGraph.builder("g").nodeMapping("AC", "account_id", "AN").build()).build();
  /** A flow that identify_risks never ran for: it has no alerts table. */
  static final EvaluationFlow WEEKLY = EvaluationFlow.builder("weekly").inputDataset("account_monthly")
      .addStep(AlgoEvaluationStep.builder("algo").featureExtractionModel(ModelReference.of("fe", Map.of()))
          .detectionModel(ModelReference.of("ad", Map.of())).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .relatedGraph(RelatedGraph.builder("g").nodeMapping("AC", "account_id", "AN").build()).build();

  @TempDir static Path home;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static String schema;

  @BeforeAll
  static void start() {
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("graphs", GRAPH, MONTHLY, FLOW, WEEKLY);
    schema = new Layout("graphs", settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      List<CddTable> tables = new ArrayList<>(CddTables.graph(schema, GRAPH));
      tables.add(CddTables.alerts(schema, FLOW));
      for (CddTable t : tables) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      return null;
    });
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).writer("aml.Graph").open();
  }

  static Dataset<Row> rows(JobContext context, String columns, Object[]... values) {
    List<StructField> fields = new ArrayList<>();
    for (String c : columns.split(",")) {
      String[] nameType = c.split(":");
      fields.add(DataTypes.createStructField(nameType[0], switch (nameType.length == 1 ? "s" : nameType[1]) {
        case "d" -> DataTypes.DoubleType;
        case "l" -> DataTypes.LongType;
        case "t" -> DataTypes.TimestampType;
        default -> DataTypes.StringType;
      }, true));
    }
    List<Row> list = Arrays.stream(values).map(RowFactory::create).toList();
    // Two partitions, so the COPY runs in parallel.
    return context.spark().createDataFrame(list, new StructType(fields.toArray(StructField[]::new))).repartition(2);
  }

  static Dataset<Row> accounts(JobContext context) {
    return rows(context, "id,NM,CT",
        new Object[] {"A", "Alice", "DE"}, new Object[] {"B", "Bob", "FR"}, new Object[] {"C", "Carol", "DE"},
        new Object[] {"E", "Erin", "IR"}, new Object[] {"F", "Frank", "DE"}, new Object[] {"G", "Grace", "DE"},
        new Object[] {"H", HOSTILE, "DE"});
  }

  static Dataset<Row> transfers(JobContext context) {
    return rows(context, "id,source_node,target_node,AM:d,CR,CT:l",
        new Object[] {"t1", "A", "B", 100.0, "EUR", 1L}, new Object[] {"t2", "B", "C", 50.0, "EUR", 2L},
        new Object[] {"t3", "C", "D", 10.0, "EUR", 1L}, new Object[] {"t4", "A", "E", 1000.0, "USD", 3L},
        new Object[] {"t5", "F", "A", 5.0, "EUR", 1L}, new Object[] {"t6", "H", "G", 7.5, "EUR", 1L});
  }

  static void publishFixture(LocalDateTime date, List<GraphPublishResult> results) {
    try (JobContext context = context(date)) {
      results.add(Graphs.publishNodes(context, "g", accounts(context), "AC"));
      results.add(Graphs.publishNodes(context, "g", rows(context, "party_id,party_name,CN:l",
          new Object[] {"P1", "Alice Holding", 1L}).withColumnRenamed("party_id", "id"), "PR",
          List.of(PropertyToFieldMapping.of("party_name", "NM"))));
      results.add(Graphs.publishEdges(context, "g", transfers(context), "TX"));
      results.add(Graphs.publishEdges(context, "g", rows(context, "id,source_node,target_node",
          new Object[] {"o1", "P1", "A"}), "OW"));
    }
  }

  @Test
  @Order(1)
  void publishingFollowsThePropertyMetadataAndARerunChangesNothing() {
    List<GraphPublishResult> first = new ArrayList<>();
    publishFixture(D1, first);
    assertThat(first).extracting(GraphPublishResult::rows).containsExactly(7L, 1L, 6L, 1L);
    assertThat(first).extracting(GraphPublishResult::inserted).containsExactly(7L, 1L, 6L, 1L);
    assertThat(first.get(0).partitions()).isEqualTo(2);
    // D is only reached by t3: publishing the edges added it, keyed by its id.
    assertThat(first.get(2).createdNodes()).isEqualTo(1);
    assertThat(node("AC", "D")).containsExactly("2024-01-31 00:00:00|{\"AN\": \"D\"}");
    // Short keys in declaration order, the key property from the id, the mapped field under its property.
    assertThat(node("AC", "A")).containsExactly("2024-01-31 00:00:00|{\"AN\": \"A\", \"CT\": \"DE\", \"NM\": \"Alice\"}");
    assertThat(node("PR", "P1")).containsExactly("2024-01-31 00:00:00|{\"CN\": 1, \"NM\": \"Alice Holding\", \"PI\": \"P1\"}");
    assertThat(node("AC", "H").get(0)).contains(HOSTILE);
    assertThat(query("select properties::text from " + schema + ".g_edges where edge_type = 'TX' and id = 't4'"))
        .containsExactly("{\"AM\": 1000.0, \"CR\": \"USD\", \"CT\": 3}");

    List<String> nodesBefore = table("g_nodes");
    List<String> edgesBefore = table("g_edges");
    List<GraphPublishResult> rerun = new ArrayList<>();
    publishFixture(D1, rerun);
    assertThat(rerun).allMatch(GraphPublishResult::unchanged);
    assertThat(table("g_nodes")).isEqualTo(nodesBefore);
    assertThat(table("g_edges")).isEqualTo(edgesBefore);
    // A later day bringing the same data writes nothing either.
    List<GraphPublishResult> later = new ArrayList<>();
    publishFixture(D2, later);
    assertThat(later).allMatch(GraphPublishResult::unchanged);
    assertThat(table("g_nodes")).isEqualTo(nodesBefore);
    assertThat(table("g_edges")).isEqualTo(edgesBefore);
  }

  @Test
  @Order(2)
  void anUpsertChangesOnlyWhatChanged() {
    try (JobContext context = context(D2)) {
      GraphPublishResult renamed = Graphs.publishNodes(context, "g", rows(context, "id,NM,CT",
          new Object[] {"A", "Alice", "DE"}, new Object[] {"B", "Robert", "FR"}, new Object[] {"C", "Carol", "DE"}), "AC");
      assertThat(renamed.rows()).isEqualTo(3);
      assertThat(renamed.inserted()).isEqualTo(1);
      assertThat(renamed.updated()).isZero();
      // B has a second version from D2 with the new name and the same country; A and C kept their one version.
      assertThat(node("AC", "B")).containsExactly("2024-01-31 00:00:00|{\"AN\": \"B\", \"CT\": \"FR\", \"NM\": \"Bob\"}",
          "2024-02-29 00:00:00|{\"AN\": \"B\", \"CT\": \"FR\", \"NM\": \"Robert\"}");
      assertThat(node("AC", "A")).hasSize(1);
      assertThat(node("AC", "C")).hasSize(1);

      // Rows giving only CT change C's country and keep its name; a null clears a property.
      GraphPublishResult moved = Graphs.publishNodes(context, "g", rows(context, "id,CT",
          new Object[] {"C", "ES"}, new Object[] {"E", null}), "AC");
      assertThat(moved.inserted()).isEqualTo(2);
      assertThat(node("AC", "C")).last().isEqualTo("2024-02-29 00:00:00|{\"AN\": \"C\", \"CT\": \"ES\", \"NM\": \"Carol\"}");
      assertThat(node("AC", "E")).last().isEqualTo("2024-02-29 00:00:00|{\"AN\": \"E\", \"NM\": \"Erin\"}");

      // A second change on the same effective date updates that version in place.
      GraphPublishResult again = Graphs.publishNodes(context, "g", rows(context, "id,NM", new Object[] {"B", "Bobby"}), "AC");
      assertThat(again.inserted()).isZero();
      assertThat(again.updated()).isEqualTo(1);
      assertThat(node("AC", "B")).hasSize(2).last().asString().contains("\"NM\": \"Bobby\"");

      // An edge's amount changes the same way: one new version of t1, none of the others.
      GraphPublishResult amount = Graphs.publishEdges(context, "g", rows(context, "id,source_node,target_node,AM:d",
          new Object[] {"t1", "A", "B", 120.0}, new Object[] {"t2", "B", "C", 50.0}), "TX");
      assertThat(amount.inserted()).isEqualTo(1);
      assertThat(query("select effective_date || '|' || properties::text from " + schema
          + ".g_edges where id = 't1' order by effective_date")).containsExactly(
          "2024-01-31 00:00:00|{\"AM\": 100.0, \"CR\": \"EUR\", \"CT\": 1}",
          "2024-02-29 00:00:00|{\"AM\": 120.0, \"CR\": \"EUR\", \"CT\": 1}");
    }
  }

  @Test
  @Order(3)
  void theEgoGraphHoldsExactlyTheNodesWithinReach() {
    try (JobContext context = context(D2)) {
      EgoGraph one = Graphs.egoGraph(context, "g", "A", 1, 100);
      assertThat(ids(one)).containsExactly("AC:A", "AC:B", "AC:E", "AC:F", "PR:P1");
      assertThat(one.nodes()).extracting(EgoNode::hops).containsExactly(0, 1, 1, 1, 1);
      assertThat(one.edges()).extracting(GraphEdge::id).containsExactly("o1", "t1", "t4", "t5");
      // The latest version of each: t1's amount of D2.
      assertThat(one.edges().stream().filter(e -> e.id().equals("t1")).findFirst().orElseThrow().number("AM")).isEqualTo(120.0);
      assertThat(one.truncated()).isFalse();

      EgoGraph two = Graphs.egoGraph(context, "g", "AC", "A", 2, 100);
      assertThat(ids(two)).containsExactly("AC:A", "AC:B", "AC:E", "AC:F", "PR:P1", "AC:C");
      assertThat(two.edges()).extracting(GraphEdge::id).containsExactly("o1", "t1", "t2", "t4", "t5");

      EgoGraph zero = Graphs.egoGraph(context, "g", "D", 0, 10);
      assertThat(ids(zero)).containsExactly("AC:D");

      EgoGraph cut = Graphs.egoGraph(context, "g", "A", 2, 3);
      assertThat(ids(cut)).containsExactly("AC:A", "AC:B", "AC:E");
      assertThat(cut.truncated()).isTrue();
      assertThat(cut.edges()).extracting(GraphEdge::id).containsExactly("t1", "t4");
    }
  }

  @Test
  @Order(4)
  void nodesAreFoundByTheirProperties() {
    try (JobContext context = context(D2)) {
      assertThat(Graphs.getNodesByProperties(context, "g", "AC", Map.of("CT", "DE"))).extracting(GraphNode::id)
          .containsExactly("A", "F", "G", "H");
      // The latest version counts: B is Bobby now, not Bob.
      assertThat(Graphs.getNodesByProperties(context, "g", "AC", Map.of("NM", "Bob"))).isEmpty();
      assertThat(Graphs.getNodesByProperties(context, "g", "AC", Map.of("NM", HOSTILE))).extracting(GraphNode::id).containsExactly("H");
      assertThat(Graphs.getNodesByProperties(context, "g", "PR", Map.of("CN", 1))).singleElement()
          .satisfies(n -> assertThat(n.properties()).containsEntry("NM", "Alice Holding"));
    }
  }

  @Test
  @Order(5)
  void alertsBecomeAlNodesWithEdgesToTheirAccounts() {
    stores.postgres().withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("insert into " + schema + ".alerts_monthly (alert_id, tr_id, tr_job_ts, risk_identifier, entity, suppression_key,"
            + " suppressed, payload, created_on) values"
            + " ('al1', 'r1', timestamp '2024-02-29', 'high_volume', '{\"account_id\": \"B\"}', 'k1', false, '{}', now()),"
            + " ('al2', 'r2', timestamp '2024-02-29', 'many', '{\"account_id\": \"Z\"}', 'k2', true, '{}', now()),"
            + " ('al0', 'r0', timestamp '2024-01-31', 'many', '{\"account_id\": \"A\"}', 'k0', false, '{}', now())");
      }
      return null;
    });
    try (JobContext context = context(D2)) {
      AlertFeedbackResult result = Graphs.publishAlerts(context, "monthly", null, null);
      // Only the execution date's alerts; Z has no node and is keyed by AN, so the edge adds it.
      assertThat(result.alerts()).isEqualTo(2);
      assertThat(result.nodes().inserted()).isEqualTo(2);
      assertThat(result.edges().inserted()).isEqualTo(2);
      assertThat(result.edges().createdNodes()).isEqualTo(1);
      assertThat(result.unresolved()).isZero();
      assertThat(node("AL", "al2")).containsExactly("2024-02-29 00:00:00|{\"AI\": \"r2\", \"RI\": \"many\", \"SP\": true}");
      assertThat(query("select source_type || source_node || '>' || target_type || target_node from " + schema
          + ".g_edges where edge_type = 'AL' order by id")).containsExactly("ALal1>ACB", "ALal2>ACZ");
      List<String> nodes = table("g_nodes");
      List<String> edges = table("g_edges");
      AlertFeedbackResult rerun = Graphs.publishAlerts(context, "monthly", null, null);
      assertThat(rerun.nodes().unchanged()).isTrue();
      assertThat(rerun.edges().unchanged()).isTrue();
      assertThat(table("g_nodes")).isEqualTo(nodes);
      assertThat(table("g_edges")).isEqualTo(edges);

      EgoGraph around = Graphs.egoGraph(context, "g", "B", 1, 100);
      assertThat(ids(around)).containsExactly("AC:B", "AC:A", "AC:C", "AL:al1");
      assertThat(around.nodes()).filteredOn(EgoNode::alerted).extracting(n -> n.node().id()).containsExactly("B");

      // A flow without an alerts table yet has no alerts to add.
      AlertFeedbackResult none = Graphs.publishAlerts(context, "weekly", null, null);
      assertThat(none.alerts()).isZero();
      assertThat(none.nodes().unchanged()).isTrue();
      assertThat(table("g_nodes")).isEqualTo(nodes);

      // related_graph: an alert's entity resolves to its account node.
      assertThat(Graphs.relatedNodes(context, "monthly", Map.of("account_id", "B"))).extracting(GraphNode::type, GraphNode::id)
          .containsExactly(tuple("AC", "B"));
    }
  }

  @Test
  @Order(6)
  void undeclaredGraphsTypesAndPropertiesAreNamed() {
    try (JobContext context = context(D2)) {
      assertThatThrownBy(() -> Graphs.publishNodes(context, "nope", accounts(context), "AC")).isInstanceOf(VigilException.class)
          .hasMessageStartingWith("Cannot publish nodes of type AC to graph nope: solution graphs declares no graph nope")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.GRAPH_UNDECLARED.id());
      assertThatThrownBy(() -> Graphs.publishNodes(context, "g", accounts(context), "XX"))
          .hasMessageContaining("graph g declares no node type XX")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.NODE_TYPE_UNDECLARED.id());
      assertThatThrownBy(() -> Graphs.publishEdges(context, "g", transfers(context), "ZZ"))
          .hasMessageContaining("graph g declares no edge type ZZ")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.EDGE_TYPE_UNDECLARED.id());
      assertThatThrownBy(() -> Graphs.publishNodes(context, "g", rows(context, "id,NM,EM", new Object[] {"A", "x", "a@b"}), "AC"))
          .hasMessageContaining("node type AC of graph g declares no property EM; its properties: [AN, NM, CT, AD]")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.PROPERTY_UNDECLARED.id());
      assertThatThrownBy(() -> Graphs.getNodesByProperties(context, "g", "AC", Map.of("ZZ", "1")))
          .hasMessageStartingWith("Cannot search nodes of type AC in graph g: node type AC of graph g declares no property ZZ")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.PROPERTY_UNDECLARED.id());
      assertThatThrownBy(() -> Graphs.publishEdges(context, "g", rows(context, "id,target_node", new Object[] {"x", "A"}), "TX"))
          .hasMessageContaining("the rows have no column source_node")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.COLUMN_MISSING.id());
      assertThatThrownBy(() -> Graphs.egoGraph(context, "g", "nobody", 1, 10))
          .hasMessageContaining("graph g has no node with id nobody")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.NODE_NOT_FOUND.id());
      assertThatThrownBy(() -> Graphs.publishNodes(context, "g", rows(context, "id,NM",
          new Object[] {"Q", "one"}, new Object[] {"Q", "two"}), "AC"))
          .hasMessageContaining("id Q appears more than once")
          .extracting(e -> ((VigilException) e).errorId()).isEqualTo(GraphErrors.Id.ROWS_CONFLICTING.id());
      assertThat(node("AC", "Q")).isEmpty();
    }
  }

  @Test
  @Order(7)
  void thePictureHoldsOneSvgElementPerNodeAndParsesAsXml() throws Exception {
    EgoGraph ego;
    GraphContents whole;
    try (JobContext context = context(D2)) {
      ego = Graphs.egoGraph(context, "g", "B", 2, 100);
      whole = Graphs.readGraph(context, "g", 1000);
    }
    String html = EgoPage.html(ego);
    // Nothing to fetch: the only URLs are the XML namespaces.
    assertThat(html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("http:", "https:", "<script", "src=");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document page = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    NodeList svgs = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    assertThat(svgs.getLength()).isEqualTo(1);
    NodeList groups = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
    Map<String, Element> nodes = new LinkedHashMap<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (Arrays.asList(g.getAttribute("class").split(" ")).contains("node")) {
        nodes.put(g.getAttribute("data-type") + ":" + g.getAttribute("data-id"), g);
      }
    }
    assertThat(nodes.keySet()).containsExactlyInAnyOrderElementsOf(ids(ego));
    assertThat(nodes).hasSize(ego.nodes().size());
    assertThat(nodes.get("AC:B").getAttribute("class")).isEqualTo("node alerted center");
    assertThat(nodes.get("AC:A").getAttribute("data-alerted")).isEqualTo("false");
    // Colours by type: every AC node shares one, the AL node has another.
    assertThat(fill(nodes.get("AC:A"))).isEqualTo(fill(nodes.get("AC:C"))).isNotEqualTo(fill(nodes.get("AL:al1")));
    // Edge widths follow the amount: t4 (1000) is the widest, an edge without AM is 1.
    Map<String, Double> widths = new HashMap<>();
    NodeList lines = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      widths.put(line.getAttribute("data-id"), Double.parseDouble(line.getAttribute("stroke-width")));
    }
    assertThat(widths.keySet()).containsExactlyInAnyOrderElementsOf(ego.edges().stream().map(GraphEdge::id).toList());
    assertThat(widths.get("t4")).isEqualTo(9.0);
    assertThat(widths.get("al1")).isEqualTo(1.0);
    assertThat(widths.get("t1")).isGreaterThan(widths.get("t2")).isLessThan(widths.get("t4"));
    // Nodes are spread out, not piled up: the layout ran.
    assertThat(nodes.values().stream().map(g -> g.getAttribute("transform")).distinct().count()).isEqualTo(nodes.size());
    // The same graph always gets the same picture.
    assertThat(EgoPage.html(ego)).isEqualTo(html);

    Document graphml = factory.newDocumentBuilder().parse(new InputSource(
        new StringReader(GraphExport.graphml(whole))));
    String ns = "http://graphml.graphdrawing.org/xmlns";
    assertThat(graphml.getElementsByTagNameNS(ns, "node").getLength()).isEqualTo(whole.nodes().size());
    assertThat(graphml.getElementsByTagNameNS(ns, "edge").getLength()).isEqualTo(whole.edges().size());
    assertThat(whole.nodes()).extracting(GraphContents::key).contains("AC:A", "AC:Z", "AL:al1", "PR:P1", "AC:H");
    assertThat(whole.edges()).hasSize(9);
    JsonNode json = new ObjectMapper()
        .readTree(GraphExport.json(ego.contents()));
    assertThat(json.get("nodes")).hasSize(ego.nodes().size());
    assertThat(json.get("nodes").get(0).get("key").asText()).isEqualTo("AC:B");
    assertThat(json.get("nodes").get(0).get("hops").asInt()).isZero();
    assertThat(json.get("edges")).hasSize(ego.edges().size());
  }

  static String fill(Element node) {
    return ((Element) node.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").item(0)).getAttribute("fill");
  }

  static List<String> ids(EgoGraph graph) {
    return graph.nodes().stream().map(n -> n.node().type() + ":" + n.node().id()).toList();
  }

  static List<String> node(String type, String id) {
    return stores.postgres().withConnection(c -> {
      try (var ps = c.prepareStatement("select effective_date || '|' || properties::text from " + schema
          + ".g_nodes where node_type = ? and id = ? order by effective_date")) {
        ps.setString(1, type);
        ps.setString(2, id);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    });
  }

  /** Every row of a table with every column, in key order: equal lists mean identical tables. */
  static List<String> table(String name) {
    return query("select t::text from " + schema + "." + name + " t order by 1");
  }

  static List<String> query(String sql) {
    return stores.postgres().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
