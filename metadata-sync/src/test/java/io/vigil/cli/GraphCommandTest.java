package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.graph.Graphs;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * {@code vigil graph show} and {@code vigil graph export} on an applied solution whose graph a job
 * published (sync made its tables): the page's SVG has one node element per node of the ego graph,
 * the exports parse and hold the nodes, and an undeclared graph or an unknown node is named.
 */
class GraphCommandTest {
  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 30, 0, 0);

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static Path solution;

  @BeforeAll
  static void applyAndPublish() throws Exception {
    stack = new TestStack(home);
    solution = work.resolve("graph_demo");
    Cli.copy(SyncApplyTest.FIXTURE, solution);
    Path yaml = solution.resolve("solution.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("name: aml_demo", "name: graph_demo"));
    Cli.Result applied = Cli.run(stack.env(), "apply", "--solution", solution.toString());
    assertThat(applied.code()).as(applied.all()).isZero();
    Map<String, String> manager = new HashMap<>(stack.env());
    manager.put("VIGIL_ROLES", "manager");
    SparkSession spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2")));
    StoreSettings settings = StoreSettings.fromEnvironment(manager);
    try (Workspace ws = Vigil.open(solution, settings);
        JobContext ctx = JobContext.builder(ws.catalog()).settings(settings).executionDate(DAY).environment(Environment.PUBLIC)
            .writer("aml.Graph").spark(spark).open()) {
      StructType accounts = new StructType().add("id", DataTypes.StringType).add("NM", DataTypes.StringType);
      Graphs.publishNodes(ctx, "public_graph", spark.createDataFrame(List.of(RowFactory.create("A", "Alice <&> Co"),
          RowFactory.create("B", "Bob"), RowFactory.create("C", "Carol"), RowFactory.create("D", "Dan")), accounts), "AC");
      StructType transfers = new StructType().add("id", DataTypes.StringType).add("source_node", DataTypes.StringType)
          .add("target_node", DataTypes.StringType).add("AM", DataTypes.DoubleType);
      Graphs.publishEdges(ctx, "public_graph", spark.createDataFrame(List.of(RowFactory.create("t1", "A", "B", 100.0),
          RowFactory.create("t2", "B", "C", 10.0), RowFactory.create("t3", "C", "D", 1.0)), transfers), "TX");
    }
    spark.stop();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void showWritesAPageWithOneSvgNodePerNodeOfTheEgoGraph() throws Exception {
    Path page = work.resolve("ego.html");
    Cli.Result shown = Cli.run(stack.env(), "graph", "show", "public_graph", "--node", "B", "--hops", "1", "--out", page.toString(),
        "--env", "public", "--solution", solution.toString());
    assertThat(shown.code()).as(shown.all()).isZero();
    assertThat(shown.out()).contains("3 nodes and 2 edges within 1 hops of AC B");
    Document html = parse(Files.readString(page));
    List<String> ids = nodeIds(html, "http://www.w3.org/2000/svg", "g");
    assertThat(ids).containsExactlyInAnyOrder("B", "A", "C");
    assertThat(Files.readString(page)).contains("Alice &lt;&amp;&gt; Co");

    // A real browser opens it without a console error and draws the same three nodes; the screenshot stays in target/.
    Path screenshot = Path.of("target", "test-artifacts", "ego-graph.png");
    HeadlessChromium.Opened opened = HeadlessChromium.open(page, screenshot, work.resolve("chromium"));
    assertThat(opened.console()).as("console lines").isEmpty();
    Matcher node = Pattern.compile("<g [^>]*class=\"node[^\"]*\"[^>]*data-id=\"([^\"]+)\"").matcher(opened.dom());
    List<String> drawn = new java.util.ArrayList<>();
    while (node.find()) {
      drawn.add(node.group(1));
    }
    assertThat(drawn).as(opened.dom()).containsExactlyInAnyOrder("B", "A", "C");
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png.length).isGreaterThan(1000);
    assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
  }

  @Test
  void exportWritesGraphmlAndJson() throws Exception {
    Path graphml = work.resolve("graph.graphml");
    Cli.Result all = Cli.run(stack.env(), "graph", "export", "public_graph", "--format", "graphml", "--out", graphml.toString(),
        "--env", "public", "--solution", solution.toString());
    assertThat(all.code()).as(all.all()).isZero();
    Document doc = parse(Files.readString(graphml));
    assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node").getLength()).isEqualTo(4);
    assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge").getLength()).isEqualTo(3);

    Path json = work.resolve("ego.json");
    Cli.Result ego = Cli.run(stack.env(), "graph", "export", "public_graph", "--format", "json", "--node", "A", "--hops", "2",
        "--out", json.toString(), "--env", "public", "--solution", solution.toString());
    assertThat(ego.code()).as(ego.all()).isZero();
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    assertThat(tree.get("nodes")).extracting(n -> n.get("id").asText()).containsExactly("A", "B", "C");
    assertThat(tree.get("edges")).extracting(n -> n.get("id").asText()).containsExactly("t1", "t2");

    Cli.Result hopsAlone = Cli.run(stack.env(), "graph", "export", "public_graph", "--format", "json", "--hops", "1",
        "--out", json.toString(), "--env", "public", "--solution", solution.toString());
    assertThat(hopsAlone.code()).as("an ego option without --node is refused, not ignored").isEqualTo(2);
    assertThat(hopsAlone.err()).contains("--hops applies to an ego graph and needs --node.");
  }

  @Test
  void anUndeclaredGraphOrAnUnknownNodeIsNamed() {
    Path page = work.resolve("none.html");
    Cli.Result graph = Cli.run(stack.env(), "graph", "show", "no_such_graph", "--node", "A", "--out", page.toString(),
        "--env", "public", "--solution", solution.toString());
    assertThat(graph.code()).isEqualTo(3);
    assertThat(graph.err()).contains("VGL-GR-001", "declares no graph no_such_graph", "public_graph");
    Cli.Result node = Cli.run(stack.env(), "graph", "show", "public_graph", "--node", "nobody", "--out", page.toString(),
        "--env", "public", "--solution", solution.toString());
    assertThat(node.code()).isEqualTo(3);
    assertThat(node.err()).contains("VGL-GR-009", "graph public_graph has no node with id nobody");
    Cli.Result type = Cli.run(stack.env(), "graph", "show", "public_graph", "--node", "A", "--node-type", "XX", "--out",
        page.toString(), "--env", "public", "--solution", solution.toString());
    assertThat(type.code()).isEqualTo(3);
    assertThat(type.err()).contains("VGL-GR-002", "declares no node type XX");
    assertThat(page).doesNotExist();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  static List<String> nodeIds(Document doc, String ns, String tag) {
    org.w3c.dom.NodeList list = doc.getElementsByTagNameNS(ns, tag);
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      org.w3c.dom.Element e = (org.w3c.dom.Element) list.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains("node")) {
        out.add(e.getAttribute("data-id"));
      }
    }
    return out;
  }
}
