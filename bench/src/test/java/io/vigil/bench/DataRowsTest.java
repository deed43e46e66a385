package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark rows are deterministic and shaped as the benchmark needs. No timing is asserted: see docs/benchmarks.md. */
class DataRowsTest {
  @TempDir Path dir;

  @Test
  void theLandingCsvIsTheSameOnEveryRunWithAHeaderAndOneLinePerRow() throws Exception {
    DataRows.writeCsv(dir.resolve("a.csv"), 1000);
    DataRows.writeCsv(dir.resolve("b.csv"), 1000);

    List<String> lines = Files.readAllLines(dir.resolve("a.csv"));
    assertThat(Files.readAllLines(dir.resolve("b.csv"))).isEqualTo(lines);
    assertThat(lines).hasSize(1001);
    assertThat(lines.get(0)).isEqualTo(DataRows.CSV_HEADER);
    assertThat(lines.get(1)).isEqualTo("T000000000,A0000000,0.0,USD,wire,20240101");
    assertThat(lines.get(2)).isEqualTo("T000000001,A0000001,79.19,EUR,card,20240102");
    assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.split(",")).hasSize(6));
  }

  @Test
  void transactionsSpreadOverEveryMonthOf2024SoMonthlyPartitioningMatters() {
    Map<String, Long> byMonth = LongStream.range(0, 10_000).mapToObj(DataRows::csvLine)
        .collect(Collectors.groupingBy(l -> l.substring(l.length() - 8, l.length() - 2), Collectors.counting()));
    assertThat(byMonth).hasSize(12).allSatisfy((month, n) -> assertThat(month).startsWith("2024"));
    assertThat(byMonth.values()).allSatisfy(n -> assertThat(n).isBetween(600L, 1100L));
  }
}
