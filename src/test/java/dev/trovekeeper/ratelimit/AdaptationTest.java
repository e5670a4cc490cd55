package dev.trovekeeper.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.ratelimit.SharedState.Row;
import org.junit.jupiter.api.Test;

class AdaptationTest {

  private static final RateLimitTuning T = RateLimitTuning.defaults();

  private static Row row(int current) {
    return new Row(40, 1000, current, 1, 0, 0, 0);
  }

  @Test
  void a429HalvesOnceForRequestsInFlightAndPausesEveryone() {
    var lowered = Adaptation.throttled(row(40), 100, 200, 1200, T);
    assertThat(lowered.current()).isEqualTo(20);
    assertThat(lowered.version()).isEqualTo(2);
    assertThat(lowered.pausedUntil()).isEqualTo(1200);
    // granted before (or in the millisecond of) that decrease: sent at the old rate, counted once
    var inFlight = Adaptation.throttled(lowered, 150, 210, 1500, T);
    assertThat(inFlight.current()).isEqualTo(20);
    assertThat(inFlight.pausedUntil()).isEqualTo(1500);
    assertThat(Adaptation.throttled(lowered, 200, 220, 900, T).current()).isEqualTo(20);
    // a later request's 429 lowers again, never below one, and never shortens a pause
    var again = Adaptation.throttled(lowered, 300, 400, 900, T);
    assertThat(again.current()).isEqualTo(10);
    assertThat(again.pausedUntil()).isEqualTo(1200);
    assertThat(Adaptation.throttled(row(1), 100, 200, 0, T).current()).isEqualTo(1);
  }

  @Test
  void aRunOfSuccessesAsLongAsTheLimitAddsFivePercentUpToTheCeiling() {
    var r = row(20);
    for (int i = 0; i < 19; i++) {
      r = Adaptation.succeeded(r, T);
    }
    assertThat(r.current()).isEqualTo(20);
    r = Adaptation.succeeded(r, T);
    assertThat(r.current()).isEqualTo(22);
    assertThat(r.successes()).isZero();
    assertThat(r.version()).isEqualTo(2);
    var top = row(39);
    for (int i = 0; i < 39; i++) {
      top = Adaptation.succeeded(top, T);
    }
    assertThat(top.current()).isEqualTo(40);
    assertThat(Adaptation.succeeded(top, T)).isEqualTo(top);
  }
}
