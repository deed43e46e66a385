package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final Path TEMPLATE = Path.of("../solution-template");
  private static final Path MISTAKES = Path.of("src/test/resources/solutions/mistakes");

  @Test
  void theTemplateIsValid() {
    Cli.Result r = Cli.run(System.getenv(), "validate", "--solution", TEMPLATE.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).isEqualTo("Solution is valid.\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void everyMistakeIsListedWithFileLineAndPath() throws Exception {
    Cli.Result r = Cli.run(System.getenv(), "validate", "--solution", MISTAKES.toString(), "--output", "json");
    assertThat(r.code()).isEqualTo(3);
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("valid").asBoolean()).isFalse();
    List<JsonNode> problems = new ArrayList<>();
    report.get("problems").forEach(problems::add);
    assertThat(problems).extracting(p -> p.get("code").asText(), p -> p.get("path").asText(),
        p -> p.get("file").asText(), p -> p.get("line").asInt()).containsExactlyInAnyOrder(
        tuple("CRON_INVALID", "dag[daily].schedule", "dags/daily.yaml", 2),
        tuple("UNRESOLVED_REFERENCE", "dag[daily].tasks[run].job", "dags/daily.yaml", 6),
        tuple("UNKNOWN_KEY", "connector[tx].source.delimeter", "domains/aml/connectors/tx.yaml", 5),
        tuple("PRIMARY_KEY_REQUIRED", "dataset[account].primary_key", "domains/aml/datasets/account.yaml", 1),
        tuple("RETENTION_REQUIRES_APPEND", "dataset[account].retention_policy", "domains/aml/datasets/account.yaml", 4),
        tuple("APPEND_REQUIRES_OCCURRED_ON", "dataset[transaction].occurred_on_field", "domains/aml/datasets/transaction.yaml", 1),
        tuple("ENCRYPTION_REQUIRES_STRING", "dataset[transaction].field_list[amount].encrypted", "domains/aml/datasets/transaction.yaml", 8),
        tuple("UNRESOLVED_REFERENCE", "risk[orphan_risk].evaluation_flows[0]", "domains/aml/risks/orphan_risk.yaml", 3),
        tuple("UNRESOLVED_REFERENCE", "risk[orphan_risk].parent_identifier", "domains/aml/risks/orphan_risk.yaml", 4),
        tuple("CONDITIONS_SHARE_PARAMETER", "risk[parent_risk].conditions[1]", "domains/aml/risks/parent_risk.yaml", 18));
    assertThat(problems).allSatisfy(p -> assertThat(p.get("severity").asText()).isEqualTo("ERROR"));
  }

  @Test
  void textOutputEndsWithASummaryAndSparkSqlIsChecked(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("domains/aml/datasets"));
    Files.writeString(dir.resolve("solution.yaml"), "name: sql\n");
    Files.writeString(dir.resolve("domains/aml/datasets/tx.yaml"), """
        identifier: tx
        ingestion_mode: APPEND
        occurred_on_field: date
        field_list:
          - identifier: date
            data_type: TIMESTAMP
          - identifier: amount
            data_type: DOUBLE
            validators:
              - name: positive
                action: REJECT
                validate_logic: "amount >"
        """);
    Cli.Result r = Cli.run(System.getenv(), "validate", "--solution", dir.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("domains/aml/datasets/tx.yaml:12: ERROR SPARK_SQL_INVALID "
        + "dataset[tx].field_list[amount].validators[positive].validate_logic: Cannot parse validator positive")
        .endsWith("1 error, 0 warnings.\n");
  }

  @Test
  void javaThatDoesNotCompileIsReportedWithCompilerMessages(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("domains/aml/datasets"));
    Files.writeString(dir.resolve("solution.yaml"), "name: broken\n");
    Files.writeString(dir.resolve("domains/aml/datasets/Accounts.java"), """
        package domains.aml.datasets;

        public class Accounts implements io.vigil.api.entity.EntityProvider {
          public java.util.List<? extends io.vigil.api.entity.Entity> entities() {
            return List.of(undefinedMethod());
          }
        }
        """);
    Cli.Result r = Cli.run(System.getenv(), "validate", "--solution", dir.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("domains/aml/datasets/Accounts.java:5: ERROR JAVA_COMPILE_ERROR")
        .contains("cannot find symbol");
  }

  @Test
  void missingDirectoryAndBadOptionsAreUsageErrors() {
    Cli.Result missing = Cli.run(System.getenv(), "validate", "--solution", "does/not/exist");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("Cannot load solution: does/not/exist is not a directory");
    Cli.Result bad = Cli.run(System.getenv(), "validate", "--output", "xml");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("Invalid value for option '--output'").contains("Try 'vigil validate --help'");
    Cli.Result help = Cli.run(System.getenv(), "validate", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: vigil validate").contains("Exit codes:");
  }
}
