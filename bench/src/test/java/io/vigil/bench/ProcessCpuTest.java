package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void userAndSystemTicksAreFieldsFourteenAndFifteenEvenWhenTheCommandNameHasSpacesAndParentheses() {
    String stat = "4242 (java (vigil) serve) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 41 0 "
        + "889911 5468258304 123456 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";
    assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void thisProcessHasUsedSomeCpuAndTheShareOfOneCoreIsAPercentage() {
    assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isGreaterThan(0);
    assertThat(ProcessCpu.percentOfOneCore(1.5, 60)).isEqualTo(2.5);
    assertThat(ProcessCpu.percentOfOneCore(90, 60)).isEqualTo(150.0);
    assertThat(ProcessCpu.percentOfOneCore(1, 0)).isZero();
  }
}
