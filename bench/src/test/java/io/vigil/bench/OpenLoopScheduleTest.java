package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
  @Test
  void requestsAreDueAtFixedIntervalsComputedFromTheirNumberWithoutDrift() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(300, 60);

    assertThat(schedule.requests()).isEqualTo(18_000);
    assertThat(schedule.dueNanos(0)).isZero();
    assertThat(schedule.dueNanos(1)).isEqualTo(3_333_333);
    assertThat(schedule.dueNanos(3)).isEqualTo(10_000_000);
    // Adding the rounded 3,333,333 ns interval 17,999 times would end 5,999 ns early.
    assertThat(schedule.dueNanos(17_999)).isEqualTo(59_996_666_666L);
    assertThat(schedule.dueNanos(18_000)).isEqualTo(60_000_000_000L);
  }

  @Test
  void aRateOrDurationThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new OpenLoopSchedule(0, 60))
        .hasMessage("Cannot schedule an open-loop phase: rate and duration must be positive, got 0/s for 60 s");
    assertThatThrownBy(() -> new OpenLoopSchedule(200, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
