package io.vigil.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Off a terminal the printer writes one plain line per finished stage, never the intermediate counts. */
class ProgressPrinterTest {
  @Test
  void plainLinesWhenNotATerminal() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = ProgressPrinter.on(new PrintWriter(text), false);
    printer.stage("upload transactions: 2 files");
    printer.advance("tasks", 3, 8);
    printer.advance("rows written", 1200, -1);
    printer.done("1200 rows in, 0 rejected");
    printer.stage("write transaction");
    printer.stage("publish transaction");
    printer.done("1200 rows published");

    String[] lines = text.toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("upload transactions: 2 files: 1200 rows in, 0 rejected \\(\\d+\\.\\d s\\)");
    assertThat(lines[1]).as("a new stage ends the open one").matches("write transaction \\(\\d+\\.\\d s\\)");
    assertThat(lines[2]).matches("publish transaction: 1200 rows published \\(\\d+\\.\\d s\\)");
    assertThat(text.toString()).doesNotContain("3/8", "\r");
  }
}
