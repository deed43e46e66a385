package io.vigil.api.solution;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionLoaderTest {
  @TempDir Path root;

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void readsYamlAndJavaEntitiesWithTheirLines() throws IOException {
    write("solution.yaml", "name: demo\nsdk_version: 0.1.0\n");
    write("domains/aml/datasets/account.yaml", """
        identifier: account
        ingestion_mode: OVERWRITE
        primary_key: [account_id]
        field_list:
          - identifier: account_id
            data_type: STRING
        """);
    write("domains/aml/datasets/Transactions.java", """
        package domains.aml.datasets;

        import io.vigil.api.dataset.*;
        import io.vigil.api.entity.*;
        import java.util.List;

        public class Transactions implements EntityProvider {
          @Override
          public List<? extends Entity> entities() {
            return List.of(DataSet.builder("transaction")
                .ingestionMode(IngestionMode.APPEND)
                .addField(Field.of("trans_id", DataType.STRING))
                .addField(Field.builder("date", DataType.TIMESTAMP)
                    .dateFormat("%y%m%d")
                    .build())
                .occurredOnField("date")
                .build());
          }
        }
        """);
    write("domains/aml/jobs/Monthly.java", """
        package domains.aml.jobs;

        import io.vigil.api.job.*;

        public class Monthly implements Job {
          @Cell(2) public void second() {}
          @Cell(1) public void first(Object context) {}
        }
        """);

    Solution solution = SolutionLoader.load(root);

    assertThat(solution.loadProblems()).isEmpty();
    assertThat(solution.manifest().name()).isEqualTo("demo");
    LoadedEntity account = solution.find(EntityKind.DATASET, "account");
    assertThat(account.domain()).isEqualTo("aml");
    assertThat(account.locate("field_list[account_id].data_type").line()).isEqualTo(6);
    LoadedEntity txn = solution.find(EntityKind.DATASET, "transaction");
    assertThat(((DataSet) txn.entity()).ingestionMode()).isEqualTo(IngestionMode.APPEND);
    assertThat(txn.source().root()).hasToString("domains/aml/datasets/Transactions.java:17");
    assertThat(txn.locate("field_list[date].date_format")).hasToString("domains/aml/datasets/Transactions.java:15");
    assertThat(solution.jobs()).singleElement().satisfies(j -> {
      assertThat(j.id()).isEqualTo("aml.Monthly");
      assertThat(j.cells()).containsExactly("first", "second");
    });
  }

  @Test
  void reportsCompileErrorsAndMisplacedFilesWithoutThrowing() throws IOException {
    write("solution.yaml", "name: demo\n");
    write("domains/aml/datasets/Broken.java", "package x;\npublic class Broken { int x = ; }\n");
    write("domains/aml/things/a.yaml", "identifier: a\n");
    write("domains/aml/jobs/a.yaml", "identifier: a\n");

    Solution solution = SolutionLoader.load(root);

    assertThat(solution.loadProblems()).extracting(Problem::code, p -> p.location().toString())
        .contains(
            org.assertj.core.groups.Tuple.tuple(ProblemCode.JAVA_COMPILE_ERROR, "domains/aml/datasets/Broken.java:2"),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.FILE_IN_WRONG_FOLDER, "domains/aml/things"),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.FILE_IN_WRONG_FOLDER, "domains/aml/jobs/a.yaml"));
    assertThat(solution.mayHide("dataset", "anything")).isTrue();
  }

  @Test
  void unchangedJavaIsTakenFromTheCompileCacheAndChangedJavaIsCompiledAgain(@TempDir Path cache) throws IOException {
    write("solution.yaml", "name: demo\n");
    String provider = """
        package domains.aml.datasets;

        import io.vigil.api.dataset.*;
        import io.vigil.api.entity.*;
        import java.util.List;

        public class Accounts implements EntityProvider {
          public List<? extends Entity> entities() {
            return List.of(DataSet.builder("%s").ingestionMode(IngestionMode.OVERWRITE)
                .addField(Field.of("id", DataType.STRING)).primaryKey("id").build());
          }
        }
        """;
    write("domains/aml/datasets/Accounts.java", provider.formatted("account"));
    LoadOptions options = LoadOptions.defaults().withCompileCache(cache);

    Solution first = SolutionLoader.load(root, options);
    Solution cached = SolutionLoader.load(root, options);

    assertThat(cache).isDirectoryContaining(p -> !p.getFileName().toString().startsWith("."));
    assertThat(cached.loadProblems()).isEmpty();
    assertThat(cached.find(EntityKind.DATASET, "account").source().root())
        .isEqualTo(first.find(EntityKind.DATASET, "account").source().root());

    write("domains/aml/datasets/Accounts.java", provider.formatted("customer"));
    Solution changed = SolutionLoader.load(root, options);
    assertThat(changed.find(EntityKind.DATASET, "customer")).isNotNull();
    assertThat(changed.find(EntityKind.DATASET, "account")).isNull();
  }
}
