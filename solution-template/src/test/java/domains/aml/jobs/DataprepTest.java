package domains.aml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.SolutionTest;
import io.vigil.testkit.TestSolution;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The month's files go through Ingest and Dataprep as Airflow runs them, and the monthly features
 * come out right: in Delta and in the CDD table the evaluation flow scores.
 */
@SolutionTest
class DataprepTest {
  private static final String MONTH_END = "1995-01-31";

  @Test
  void aggregatesTheMonthPerAccount(TestSolution solution) {
    solution.land("accounts", "accounts.csv", """
        account_id;district_id;frequency;opened
        a1;1;M;950101
        a2;2;M;950102
        """);
    solution.land("transactions", "tx.csv", """
        trans_id;account_id;date;type;operation;amount;balance
        t1;a1;950105;PRIJEM;VKLAD;100;100
        t2;a1;950110;VYBER;VYBER;30;70
        t3;a2;950107;PRIJEM;VKLAD;5;5
        """);

    solution.run("aml.Ingest", MONTH_END);
    solution.run("aml.Dataprep", MONTH_END);

    List<Row> monthly = solution.read("account_monthly", MONTH_END).orderBy("account_id").collectAsList();
    assertThat(monthly).extracting(r -> r.getAs("account_id")).containsExactly("a1", "a2");
    Row a1 = monthly.get(0);
    assertThat(((Number) a1.getAs("tx_count")).longValue()).isEqualTo(2);
    assertThat(((Number) a1.getAs("sum_amount")).doubleValue()).isEqualTo(130.0);
    assertThat(((Number) a1.getAs("cash_withdrawals")).longValue()).isEqualTo(1);

    List<Map<String, Object>> published = solution.query(
        "select account_id, tx_count, max_amount from account_monthly where account_id = ?", "a1");
    assertThat(published).hasSize(1);
    assertThat(((Number) published.get(0).get("max_amount")).doubleValue()).isEqualTo(100.0);
  }
}
