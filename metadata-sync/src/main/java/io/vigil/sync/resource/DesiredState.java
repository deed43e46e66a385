package io.vigil.sync.resource;

import io.vigil.api.connector.Connector;
import io.vigil.api.dag.Dag;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.graph.Graph;
import io.vigil.api.serde.Canonical;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.sync.dag.DagRenderer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The resources a solution commit needs (DESIGN §5): the bucket with its landing and archive
 * prefixes and the commit's bundle; per data environment a CDD schema with the published datasets,
 * each flow's evaluated activities and alerts and each graph's nodes and edges, and the Delta
 * tables of every dataset, its rejected rows and every flow's evaluated activities; the exported
 * models; and one registry entry per entity.
 */
public final class DesiredState {
  private DesiredState() {}

  /** What a desired-state computation reads besides the solution. */
  public record Inputs(Layout layout, String warehouseRoot, List<Environment> environments, String commit, byte[] bundle,
      List<ModelExport> models, Path airflowDagsDir) {
    public Inputs {
      environments = List.copyOf(environments);
      models = List.copyOf(models);
    }

    /** Without an Airflow DAGs folder: DAG specs are then not rendered. */
    public Inputs(Layout layout, String warehouseRoot, List<Environment> environments, String commit, byte[] bundle,
        List<ModelExport> models) {
      this(layout, warehouseRoot, environments, commit, bundle, models, null);
    }
  }

  /** The payload of a rendered DAG file: where it goes and what it holds. */
  public record DagFilePayload(Path file, String content) {}

  /** The payload of a registry entry: the entity as loaded, with its domain and source. */
  public record EntityPayload(LoadedEntity loaded) {}

  /** The payload of the bundle object. */
  public record BundlePayload(byte[] bytes) {}

  public static List<Resource> of(Solution solution, Inputs in) {
    List<Resource> out = new ArrayList<>();
    Layout layout = in.layout();
    String bucket = layout.bucket();
    out.add(Resource.of(ResourceAddress.of(Targets.S3, Targets.BUCKET, bucket), Map.of("bucket", bucket)));
    String warehouseBucket = warehouseBucket(in.warehouseRoot());
    if (warehouseBucket != null && !warehouseBucket.equals(bucket)) {
      out.add(Resource.of(ResourceAddress.of(Targets.S3, Targets.BUCKET, warehouseBucket), Map.of("bucket", warehouseBucket)));
    }
    Set<String> prefixes = new LinkedHashSet<>();
    for (Connector c : solution.all(EntityKind.CONNECTOR, Connector.class)) {
      if (c.landingFolder() != null) {
        prefixes.add(layout.landingPrefix(c.landingFolder()));
      }
      prefixes.add(layout.archivePrefix(c.identifier()));
    }
    for (String prefix : prefixes) {
      out.add(Resource.of(ResourceAddress.of(Targets.S3, Targets.PREFIX, prefix), Map.of("bucket", bucket, "key", prefix)));
    }
    if (in.bundle() != null) {
      String key = layout.bundleKey(in.commit());
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("bucket", bucket);
      spec.put("key", key);
      spec.put("commit", in.commit());
      spec.put("sha256", sha256(in.bundle()));
      spec.put("size", in.bundle().length);
      out.add(Resource.of(ResourceAddress.of(Targets.S3, Targets.BUNDLE, key), spec, new BundlePayload(in.bundle())));
    }
    Map<String, DataSet> datasets = new LinkedHashMap<>();
    solution.all(EntityKind.DATASET, DataSet.class).forEach(d -> datasets.putIfAbsent(d.identifier(), d));
    List<EvaluationFlow> flows = solution.all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class);
    List<Graph> graphs = solution.all(EntityKind.GRAPH, Graph.class);
    for (Environment env : in.environments()) {
      String schema = layout.cddSchema(env);
      out.add(Resource.of(ResourceAddress.of(Targets.POSTGRES, Targets.SCHEMA, schema), Map.of("schema", schema)));
      List<CddTable> tables = new ArrayList<>();
      for (DataSet ds : datasets.values()) {
        if (ds.publish()) {
          tables.add(CddTables.dataset(schema, ds));
        }
      }
      for (EvaluationFlow flow : flows) {
        tables.add(CddTables.evaluatedActivities(schema, flow, datasets.get(flow.inputDataset())));
        tables.add(CddTables.alerts(schema, flow));
      }
      for (Graph g : graphs) {
        tables.addAll(CddTables.graph(schema, g));
      }
      for (CddTable t : tables) {
        out.add(Resource.of(ResourceAddress.of(Targets.POSTGRES, Targets.TABLE, schema + "." + t.name()), CddSpecs.toSpec(t)));
      }
      for (DataSet ds : datasets.values()) {
        out.add(delta(env.key() + "." + ds.identifier(), layout.datasetPath(env, ds.identifier()),
            SparkSchemas.table(ds), SparkSchemas.partitionColumns(ds)));
        out.add(delta(env.key() + ".rejected." + ds.identifier(), layout.rejectedPath(env, ds.identifier()),
            SparkSchemas.rejected(), List.of()));
      }
      for (EvaluationFlow flow : flows) {
        out.add(delta(env.key() + ".evaluated." + flow.identifier(), layout.evaluatedPath(env, flow.identifier()),
            evaluatedSchema(flow, datasets.get(flow.inputDataset())), List.of(io.vigil.api.dataset.TechnicalColumns.TR_PARTITION)));
      }
    }
    for (ModelExport m : in.models()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", m.name());
      spec.put("checksum", m.checksum());
      spec.put("tags", m.tags());
      spec.put("files", m.files());
      out.add(Resource.of(ResourceAddress.of(Targets.MODELS, Targets.MODEL, m.name()), spec, m));
    }
    if (in.airflowDagsDir() != null) {
      for (Dag dag : solution.all(EntityKind.DAG, Dag.class)) {
        String content = DagRenderer.render(solution.name(), solution.manifest().defaults(), dag);
        Path file = in.airflowDagsDir().toAbsolutePath().normalize().resolve(DagRenderer.fileName(solution.name(), dag.identifier()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("file", file.toString());
        spec.put("sha256", sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.add(Resource.of(ResourceAddress.of(Targets.AIRFLOW, Targets.DAG_FILE, dag.identifier()), spec,
            new DagFilePayload(file, content)));
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (LoadedEntity e : solution.entities()) {
      ResourceAddress address = ResourceAddress.of(Targets.REGISTRY, e.entity().kind().key(), e.identifier());
      if (seen.add(address.toString())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) Canonical.toTree(e.entity());
        out.add(Resource.of(address, tree, new EntityPayload(e)));
      }
    }
    return out;
  }

  /** The Delta schema of a flow's evaluated activities: the CDD table's columns plus every technical column. */
  static StructType evaluatedSchema(EvaluationFlow flow, DataSet input) {
    CddTable cdd = CddTables.evaluatedActivities("unused", flow, input);
    List<StructField> fields = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (CddColumn c : cdd.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.sqlType()), c.nullable()));
      names.add(c.name());
    }
    for (StructField t : SparkSchemas.technical().fields()) {
      if (names.add(t.name())) {
        fields.add(t);
      }
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(String sqlType) {
    if (sqlType.endsWith("[]")) {
      return DataTypes.createArrayType(sparkType(sqlType.substring(0, sqlType.length() - 2)), true);
    }
    return switch (sqlType) {
      case "integer" -> DataTypes.IntegerType;
      case "bigint" -> DataTypes.LongType;
      case "double precision" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      case "timestamp", "timestamptz" -> DataTypes.TimestampType;
      default -> DataTypes.StringType; // text and jsonb: JSON is kept as text in Delta
    };
  }

  /** The bucket of an {@code s3a://bucket/…} warehouse, or null for a local one. */
  static String warehouseBucket(String warehouseRoot) {
    if (warehouseRoot == null || !warehouseRoot.startsWith("s3a://")) {
      return null;
    }
    String rest = warehouseRoot.substring("s3a://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static Resource delta(String name, String location, StructType schema, List<String> partitionBy) {
    return Resource.of(ResourceAddress.of(Targets.DELTA, Targets.TABLE, name), DeltaSpecs.toSpec(location, schema, partitionBy));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
