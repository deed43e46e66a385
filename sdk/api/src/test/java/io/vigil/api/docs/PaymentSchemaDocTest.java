package io.vigil.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.connector.PaymentColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/payments.md lists the standard payment columns exactly as {@link PaymentColumn} defines them. */
class PaymentSchemaDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([A-Z]+) \\| (.+) \\|$");

  @Test
  void theSchemaTableIsTheEnum() throws IOException {
    List<String> lines = Files.readAllLines(GeneratedDocs.repositoryRoot().resolve("docs/payments.md"));
    int start = lines.indexOf("## The standard payment schema");
    List<String> documented = lines.subList(start, lines.size()).stream().map(ROW::matcher).filter(Matcher::matches)
        .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
    assertThat(documented).containsExactlyElementsOf(Arrays.stream(PaymentColumn.values())
        .map(c -> c.column() + " " + c.dataType() + " " + c.description()).toList());
  }
}
