package io.vigil.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner as a pure function, and the plan's text and JSON against golden files. */
class PlannerTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Map<String, Object> column(String name, String type, boolean nullable) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("type", type);
    c.put("nullable", nullable);
    return c;
  }

  static Map<String, Object> pgTable(List<Map<String, Object>> columns) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schema", "demo_public");
    spec.put("name", "account");
    spec.put("columns", columns);
    spec.put("primary_key", List.of("account_id"));
    spec.put("indexes", List.of());
    spec.put("readers", List.of("vigil_dpv_public"));
    return spec;
  }

  static Map<String, Object> deltaTable(List<String> partitionBy) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("location", "/warehouse/demo/public/datasets/account");
    spec.put("columns", List.of(column("account_id", "string", true), column("amount", "double", true)));
    spec.put("partition_by", partitionBy);
    return spec;
  }

  static Resource r(String address, Map<String, Object> spec) {
    return Resource.of(ResourceAddress.parse(address), spec);
  }

  static Map<String, Object> dataset(String type, String mode) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("identifier", "account");
    spec.put("ingestion_mode", mode);
    spec.put("primary_key", List.of("account_id"));
    spec.put("field_list", List.of(Map.of("identifier", "account_id", "data_type", "STRING"),
        Map.of("identifier", "amount", "data_type", type)));
    return spec;
  }

  static CurrentState current() {
    Map<ResourceAddress, Resource> resources = new LinkedHashMap<>();
    for (Resource res : List.of(
        r("s3.bucket.vigil-demo", Map.of("bucket", "vigil-demo")),
        r("postgres.schema.demo_public", Map.of("schema", "demo_public")),
        r("postgres.table.demo_public.account", pgTable(List.of(column("account_id", "text", false),
            column("amount", "integer", true), column("old_col", "text", true)))),
        r("delta.table.public.account", deltaTable(List.of())),
        r("registry.dataset.account", dataset("LONG", "OVERWRITE")),
        r("registry.dataset.gone", Map.of("identifier", "gone")))) {
      resources.put(res.address(), res);
    }
    return new CurrentState(resources, Set.of());
  }

  static List<Resource> desired() {
    return List.of(
        r("registry.dataset.account", dataset("INT", "UPDATE")),
        r("delta.table.public.account", deltaTable(List.of("tr_partition"))),
        r("postgres.table.demo_public.account", pgTable(List.of(column("account_id", "text", false),
            column("amount", "bigint", true), column("note", "text", true)))),
        r("s3.prefix.datasources/tx/", Map.of("bucket", "vigil-demo", "key", "datasources/tx/")),
        r("postgres.schema.demo_public", Map.of("schema", "demo_public")),
        r("s3.bucket.vigil-demo", Map.of("bucket", "vigil-demo")));
  }

  @Test
  void rendersTheSamePlanTextAndJsonAsTheGoldenFiles() throws IOException {
    Plan plan = Planner.plan("demo", "0123456789abcdef0123", desired(), current(), PlanOptions.SAFE);

    golden("plan.txt", PlanText.render(plan));
    golden("plan.json", PlanJson.render(plan) + "\n");
  }

  @Test
  void classifiesChangesAndBlocksWhatNeedsAFlag() {
    Plan plan = Planner.plan("demo", "c1", desired(), current(), PlanOptions.SAFE);

    assertThat(plan.changes()).extracting(c -> c.action().symbol() + " " + c.address()).containsExactly(
        "+ s3.prefix.datasources/tx/",
        "~ postgres.table.demo_public.account",
        "-/+ delta.table.public.account",
        "~ registry.dataset.account",
        "- registry.dataset.gone");
    assertThat(plan.changes().get(1).reasons()).containsExactly("column old_col is dropped");
    assertThat(plan.changes().get(3).reasons()).containsExactly("field amount narrows from LONG to INT",
        "ingestion mode changes from OVERWRITE to UPDATE");
    assertThat(plan.blockedChanges()).hasSize(4);
    assertThat(plan.summary()).isEqualTo("Plan: 1 to create, 2 to update, 1 to replace, 1 to delete.");

    Plan allowed = Planner.plan("demo", "c1", desired(), current(), new PlanOptions(true, true, false));
    assertThat(allowed.isBlocked()).isFalse();
  }

  @Test
  void aWidenedTypeAndAnAddedNullableColumnAreSafeInPlaceUpdates() {
    Resource before = r("postgres.table.demo_public.account", pgTable(List.of(column("account_id", "text", false), column("amount", "integer", true))));
    Resource after = r("postgres.table.demo_public.account", pgTable(List.of(column("account_id", "text", false),
        column("amount", "double precision", true), column("note", "text", true))));

    Plan plan = Planner.plan("demo", "c1", List.of(after), new CurrentState(Map.of(before.address(), before), Set.of()), PlanOptions.SAFE);

    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c).isInstanceOf(Change.Update.class);
      assertThat(c.blocked()).isFalse();
      assertThat(c.diffs()).extracting(PropertyDiff::path).containsExactly("columns[amount].type", "columns[note]");
    });
  }

  @Test
  void unchangedResourcesAndRetainedBundlesProduceNoChanges() {
    Resource bundle = r("s3.bundle.bundles/demo/old.jar", Map.of("bucket", "vigil-demo", "key", "bundles/demo/old.jar", "commit", "old"));
    Resource pinned = r("s3.bundle.bundles/demo/pinned.jar", Map.of("bucket", "vigil-demo", "key", "bundles/demo/pinned.jar", "commit", "pinned"));
    Resource bucket = r("s3.bucket.vigil-demo", Map.of("bucket", "vigil-demo"));
    CurrentState state = new CurrentState(Map.of(bucket.address(), bucket, bundle.address(), bundle, pinned.address(), pinned), Set.of("pinned"));

    assertThat(Planner.plan("demo", "c1", List.of(bucket), state, PlanOptions.SAFE).summary())
        .isEqualTo("No changes. Solution is up to date.");
    Plan pruned = Planner.plan("demo", "c1", List.of(bucket), state, new PlanOptions(false, true, true));
    assertThat(pruned.changes()).extracting(c -> c.address().toString()).containsExactly("s3.bundle.bundles/demo/old.jar");
  }

  /** Compares with the golden file; {@code -Dvigil.golden.update=true} rewrites it. */
  static void golden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("vigil.golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
