package io.vigil.api.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.Validator;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalDataSetTest {
  private static final DataSet ACCOUNT = DataSet.builder("account")
      .displayName("Accounts")
      .ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.builder("account_id", DataType.STRING).indexed(true).annotation("kyc.order", 1).build())
      .addField(Field.builder("opened", DataType.TIMESTAMP).dateFormat("%Y%m%d")
          .addValidator(Validator.reject("opened_known", "opened IS NOT NULL")).build())
      .primaryKey("account_id")
      .occurredOnField("opened")
      .publish(true)
      .build();

  @Test
  void jsonUsesTheGuidesKeysInDeclarationOrder() {
    String json = Canonical.toJson(ACCOUNT);
    assertThat(json).startsWith("{\"identifier\":\"account\",\"display_name\":\"Accounts\",\"field_list\":[");
    assertThat(json).contains("\"ingestion_mode\":\"OVERWRITE\"", "\"primary_key\":[\"account_id\"]",
        "\"occurred_on_field\":\"opened\"", "\"date_format\":\"%Y%m%d\"", "\"validate_logic\":\"opened IS NOT NULL\"");
    assertThat(json).doesNotContain("array_indicator", "num_of_buckets");
  }

  @Test
  void jsonAndYamlRoundTripWithoutLoss() {
    assertThat(Canonical.fromJson(Canonical.toJson(ACCOUNT), DataSet.class)).isEqualTo(ACCOUNT);
    assertThat(Canonical.fromYaml(Canonical.toYaml(ACCOUNT), DataSet.class)).isEqualTo(ACCOUNT);
    assertThat(Canonical.hash(Canonical.fromJson(Canonical.toJson(ACCOUNT), DataSet.class)))
        .isEqualTo(Canonical.hash(ACCOUNT)).hasSize(64);
  }

  @Test
  void unknownKeysAndWrongTypesAreAllReportedWithLines() {
    String yaml = """
        identifier: account
        ingestion_mode: OVERWRITE
        field_lst: []
        field_list:
          - identifier: account_id
            data_type: STRNG
          - identifier: balance
            data_type: DOUBLE
            indexed: maybe
        num_of_partitions: four
        """;
    List<Problem> problems = new ArrayList<>();
    Node node = YamlReader.read(yaml, "datasets/account.yaml", problems);
    Object value = Canonical.decode(node, DataSet.class, "dataset[account]", problems);
    assertThat(value).isNull();
    assertThat(problems).extracting(Problem::code, Problem::path, p -> p.location().line())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ProblemCode.UNKNOWN_KEY, "dataset[account].field_lst", 3),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.INVALID_VALUE, "dataset[account].field_list[account_id].data_type", 6),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.WRONG_TYPE, "dataset[account].field_list[balance].indexed", 9),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.WRONG_TYPE, "dataset[account].num_of_partitions", 10));
    assertThat(problems.get(0).message()).contains("did you mean 'field_list'");
  }

  @Test
  void constructorFailuresBecomeProblemsAtTheAttribute() {
    String yaml = """
        identifier: Account
        ingestion_mode: APPEND
        field_list:
          - identifier: id
            data_type: STRING
        """;
    List<Problem> problems = new ArrayList<>();
    Canonical.decode(YamlReader.read(yaml, "a.yaml", problems), DataSet.class, "dataset[Account]", problems);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(ProblemCode.IDENTIFIER_MALFORMED);
      assertThat(p.path()).isEqualTo("dataset[Account].identifier");
      assertThat(p.location().line()).isEqualTo(1);
    });
  }

  @Test
  void fromJsonThrowsWithEveryProblem() {
    assertThatThrownBy(() -> Canonical.fromJson("{\"identifier\":\"x\",\"bogus\":1}", DataSet.class))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("unknown key 'bogus'");
  }
}
