package io.vigil.sync.store;

import static io.vigil.sync.store.SpecTrees.bool;
import static io.vigil.sync.store.SpecTrees.byLabel;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import io.vigil.sync.store.DeltaSpecs.DeltaTableSpec;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta warehouse: per data environment, each dataset's table and its rejected rows, and each
 * flow's evaluated activities. Creating and adding nullable columns go through
 * {@link DeltaTables#ensure}. Anything else (a moved location, new partitioning, a removed or
 * retyped column) rewrites the table: kept columns are cast and new ones filled with nulls, so
 * values a narrowed type cannot hold become null, which is why such a change is breaking. A delete
 * removes the table's directory.
 */
final class DeltaStore implements ManagedStore {
  @Override
  public StoreKind kind() {
    return StoreKind.DELTA;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    Map<String, DataSet> datasets = SyncStores.datasets(in.solution());
    List<EvaluationFlow> flows = in.solution().all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class);
    Layout layout = in.layout();
    List<Resource> out = new ArrayList<>();
    for (Environment env : in.environments()) {
      for (DataSet ds : datasets.values()) {
        out.add(table(env.key() + "." + ds.identifier(), layout.datasetPath(env, ds.identifier()),
            SparkSchemas.table(ds), SparkSchemas.partitionColumns(ds)));
        out.add(table(env.key() + ".rejected." + ds.identifier(), layout.rejectedPath(env, ds.identifier()),
            SparkSchemas.rejected(), List.of()));
      }
      for (EvaluationFlow flow : flows) {
        out.add(table(env.key() + ".evaluated." + flow.identifier(), layout.evaluatedPath(env, flow.identifier()),
            SparkSchemas.evaluated(flow, datasets.get(flow.inputDataset()), in.solution().all(EntityKind.RISK, Risk.class)), List.of(TechnicalColumns.TR_PARTITION)));
      }
    }
    return out;
  }

  private static Resource table(String name, String location, StructType schema, List<String> partitionBy) {
    return Resource.of(ResourceAddress.of(ResourceKind.DELTA_TABLE, name), DeltaSpecs.toSpec(location, schema, partitionBy));
  }

  @Override
  public int phase(Action action) {
    return 2;
  }

  @Override
  public int rank(ResourceAddress address) {
    return 1;
  }

  @Override
  public Verdict classify(ResourceAddress address, Map<String, Object> before, Map<String, Object> after) {
    List<String> reasons = new ArrayList<>();
    if (!Objects.equals(before.get("location"), after.get("location"))) {
      reasons.add("location moves from " + before.get("location") + " to " + after.get("location"));
    }
    if (!Objects.equals(before.get("partition_by"), after.get("partition_by"))) {
      reasons.add("partitioning changes from " + before.get("partition_by") + " to " + after.get("partition_by"));
    }
    Map<String, Map<String, Object>> was = byLabel(before.get("columns"), "name");
    Map<String, Map<String, Object>> now = byLabel(after.get("columns"), "name");
    for (Map.Entry<String, Map<String, Object>> e : was.entrySet()) {
      Map<String, Object> next = now.get(e.getKey());
      if (next == null) {
        reasons.add("column " + e.getKey() + " is removed");
      } else if (!Objects.equals(e.getValue().get("type"), next.get("type"))) {
        reasons.add("column " + e.getKey() + " changes type from " + e.getValue().get("type") + " to " + next.get("type"));
      } else if (!Objects.equals(e.getValue().get("nullable"), next.get("nullable"))) {
        reasons.add("column " + e.getKey() + " changes nullability");
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : now.entrySet()) {
      if (!was.containsKey(e.getKey()) && !bool(e.getValue().get("nullable"))) {
        reasons.add("column " + e.getKey() + " is added as not null");
      }
    }
    // Delta adds nullable columns in place; anything else rewrites the table.
    return new Verdict(!reasons.isEmpty(), reasons);
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    SparkSession spark = handles.spark().get();
    switch (step.action()) {
      case CREATE, UPDATE -> {
        DeltaTableSpec t = DeltaSpecs.fromSpec(step.after().spec());
        DeltaTables.ensure(spark, t.location(), t.schema(), t.partitionBy());
      }
      case REPLACE -> replace(spark, DeltaSpecs.fromSpec(step.before().spec()), DeltaSpecs.fromSpec(step.after().spec()));
      case DELETE -> delete(spark, DeltaSpecs.fromSpec(step.before().spec()).location());
    }
    return true;
  }

  private static void replace(SparkSession spark, DeltaTableSpec before, DeltaTableSpec after) {
    String source = DeltaTables.exists(spark, before.location()) ? before.location()
        : DeltaTables.exists(spark, after.location()) ? after.location() : null;
    if (source == null) {
      DeltaTables.ensure(spark, after.location(), after.schema(), after.partitionBy());
      return;
    }
    Dataset<Row> old = spark.read().format("delta").load(source);
    List<String> have = Arrays.asList(old.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField f : after.schema().fields()) {
      Column c = have.contains(f.name()) ? col("`" + f.name() + "`").cast(f.dataType()) : lit(null).cast(f.dataType());
      columns.add(c.as(f.name()));
    }
    // Delta reads a snapshot, so a table can be overwritten with a query over itself.
    Dataset<Row> rewritten = old.select(columns.toArray(Column[]::new));
    rewritten.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .partitionBy(after.partitionBy().toArray(String[]::new)).save(after.location());
    if (!source.equals(after.location())) {
      delete(spark, source);
    }
  }

  private static void delete(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw SyncErrors.deltaTableUndeletable(location, e);
    }
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    SparkSession spark = handles.spark().get();
    DeltaTableSpec want = DeltaSpecs.fromSpec(recorded.spec());
    if (!DeltaTables.exists(spark, want.location())) {
      return null;
    }
    DeltaTable table = DeltaTable.forPath(spark, want.location());
    Row detail = table.detail().select("partitionColumns").first();
    List<String> partitions = new ArrayList<>(detail.getList(0));
    StructType schema = table.toDF().schema();
    // Delta reports written columns as nullable; keep the recorded nullability where the type agrees.
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      boolean nullable = f.nullable();
      for (StructField w : want.schema().fields()) {
        if (w.name().equals(f.name()) && w.dataType().equals(f.dataType())) {
          nullable = w.nullable();
        }
      }
      fields.add(new StructField(f.name(), f.dataType(), nullable, f.metadata()));
    }
    Resource actual = Resource.of(recorded.address(),
        DeltaSpecs.toSpec(want.location(), new StructType(fields.toArray(StructField[]::new)), partitions));
    return actual.hash().equals(recorded.hash()) ? recorded : actual;
  }
}
