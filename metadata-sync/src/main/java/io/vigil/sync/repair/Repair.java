package io.vigil.sync.repair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddIndex;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.sync.plan.CurrentState;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.resource.CddSpecs;
import io.vigil.sync.resource.DeltaSpecs;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.Targets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reconciles the registry with the real stores after a manual fix or a failed sync (like Flyway's
 * repair). For every recorded resource it reads the real state: a resource that is gone is
 * forgotten, so the next plan creates it again; a Postgres or Delta table whose real columns, key,
 * indexes, grants or partitioning differ is recorded as it really is, so the next plan shows (and
 * applies) the difference; anything else is left as recorded. Registry entries of entities are not
 * touched. Finally the failed history rows since the previous repair are marked repaired by a
 * {@code repair} row listing their ranks. Repair never changes a store.
 */
public final class Repair {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Repair() {}

  public static RepairResult run(Registry registry, ObjectStore objects, ModelRegistry models, Supplier<SparkSession> spark,
      String solution, String user) {
    long start = System.nanoTime();
    CurrentState state = registry.load(solution);
    List<String> forgotten = new ArrayList<>();
    List<String> refreshed = new ArrayList<>();
    List<String> verified = new ArrayList<>();
    Map<ResourceAddress, Resource> real = new LinkedHashMap<>();
    for (Resource recorded : state.resources().values()) {
      ResourceAddress a = recorded.address();
      if (a.target().equals(Targets.REGISTRY)) {
        continue;
      }
      Resource actual = switch (a.target()) {
        case Targets.S3 -> objectExists(objects, recorded) ? recorded : null;
        case Targets.POSTGRES -> registry.postgres().withConnection(c -> postgres(c, recorded));
        case Targets.DELTA -> delta(spark.get(), recorded);
        case Targets.MODELS -> models.find(a.name(), Map.of(ModelExport.CHECKSUM_TAG,
            String.valueOf(recorded.spec().get("checksum")))) != null ? recorded : null;
        case Targets.AIRFLOW -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(String.valueOf(recorded.spec().get("file"))))
            ? recorded : null;
        default -> recorded;
      };
      if (actual == null) {
        forgotten.add(a.toString());
      } else if (!actual.hash().equals(recorded.hash())) {
        refreshed.add(a.toString());
        real.put(a, actual);
      } else {
        verified.add(a.toString());
      }
    }
    List<Long> failed = failedSinceLastRepair(registry, solution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("repaired_ranks", failed);
    details.put("forgotten", forgotten);
    details.put("refreshed", refreshed);
    registry.postgres().inTransaction(c -> {
      for (String address : forgotten) {
        registry.forget(c, solution, ResourceAddress.parse(address));
      }
      for (Resource r : real.values()) {
        registry.upsertResource(c, solution, null, r);
      }
      registry.appendHistory(c, HistoryEntry.of(solution, null, null, "repair", null, user,
          (System.nanoTime() - start) / 1_000_000, true, json(details)));
      return null;
    });
    return new RepairResult(forgotten, refreshed, verified, failed);
  }

  /** Ranks of failed rows recorded after the last repair row. */
  static List<Long> failedSinceLastRepair(Registry registry, String solution) {
    List<HistoryEntry> rows = registry.history(solution, Integer.MAX_VALUE);
    List<Long> out = new ArrayList<>();
    for (HistoryEntry e : rows) {
      if (e.action().equals("repair")) {
        out.clear();
      } else if (!e.success()) {
        out.add(e.rank());
      }
    }
    return out;
  }

  private static boolean objectExists(ObjectStore objects, Resource r) {
    String bucket = (String) r.spec().get("bucket");
    return switch (r.address().kind()) {
      case Targets.BUCKET -> objects.bucketExists(bucket);
      case Targets.BUNDLE -> {
        ObjectInfo info = objects.bucketExists(bucket) ? objects.stat(bucket, (String) r.spec().get("key")) : null;
        yield info != null && info.size() == ((Number) r.spec().get("size")).longValue();
      }
      default -> objects.bucketExists(bucket) && objects.exists(bucket, (String) r.spec().get("key"));
    };
  }

  private static Resource postgres(Connection c, Resource recorded) throws SQLException {
    if (recorded.address().kind().equals(Targets.SCHEMA)) {
      try (PreparedStatement ps = c.prepareStatement("select 1 from information_schema.schemata where schema_name = ?")) {
        ps.setString(1, (String) recorded.spec().get("schema"));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? recorded : null;
        }
      }
    }
    CddTable want = CddSpecs.fromSpec(recorded.spec());
    List<CddColumn> columns = new ArrayList<>();
    String sql = """
        select a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull
        from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ? and t.relname = ? and a.attnum > 0 and not a.attisdropped order by a.attnum""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new CddColumn(rs.getString(1), normalizeType(rs.getString(2)), rs.getBoolean(3)));
        }
      }
    }
    if (columns.isEmpty()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    List<CddIndex> indexes = new ArrayList<>();
    String indexSql = """
        select i.relname, ix.indisprimary,
          array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
                where k.ord <= ix.indnkeyatts order by k.ord),
          array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
                where k.ord > ix.indnkeyatts order by k.ord)
        from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ? and t.relname = ? order by i.relname""";
    try (PreparedStatement ps = c.prepareStatement(indexSql)) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> cols = Arrays.asList((String[]) rs.getArray(3).getArray());
          if (rs.getBoolean(2)) {
            key.addAll(cols);
          } else {
            indexes.add(new CddIndex(rs.getString(1), cols, Arrays.asList((String[]) rs.getArray(4).getArray())));
          }
        }
      }
    }
    // Keep the recorded index order where the names agree, so only real differences show.
    List<CddIndex> ordered = new ArrayList<>();
    for (CddIndex i : want.indexes()) {
      indexes.stream().filter(x -> x.name().equals(i.name())).findFirst().ifPresent(ordered::add);
    }
    indexes.stream().filter(x -> !ordered.contains(x)).forEach(ordered::add);
    List<String> readers = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        select grantee from information_schema.role_table_grants
        where table_schema = ? and table_name = ? and privilege_type = 'SELECT' and grantee <> current_user order by grantee""")) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          readers.add(rs.getString(1));
        }
      }
    }
    CddTable actual = new CddTable(want.schema(), want.name(), columns, key, ordered, readers);
    return Resource.of(recorded.address(), CddSpecs.toSpec(actual));
  }

  /** format_type's names as the CDD writes them. */
  static String normalizeType(String formatted) {
    return formatted.replace("timestamp without time zone", "timestamp").replace("timestamp with time zone", "timestamptz");
  }

  private static Resource delta(SparkSession spark, Resource recorded) {
    DeltaSpecs.DeltaTableSpec want = DeltaSpecs.fromSpec(recorded.spec());
    if (!DeltaTables.exists(spark, want.location())) {
      return null;
    }
    DeltaTable table = DeltaTable.forPath(spark, want.location());
    Row detail = table.detail().select("partitionColumns").first();
    List<String> partitions = new ArrayList<>(detail.getList(0));
    org.apache.spark.sql.types.StructType schema = table.toDF().schema();
    // Delta reports written columns as nullable; keep the recorded nullability where the type agrees.
    List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : schema.fields()) {
      boolean nullable = f.nullable();
      for (org.apache.spark.sql.types.StructField w : want.schema().fields()) {
        if (w.name().equals(f.name()) && w.dataType().equals(f.dataType())) {
          nullable = w.nullable();
        }
      }
      fields.add(new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), nullable, f.metadata()));
    }
    return Resource.of(recorded.address(), DeltaSpecs.toSpec(want.location(),
        new org.apache.spark.sql.types.StructType(fields.toArray(org.apache.spark.sql.types.StructField[]::new)), partitions));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
