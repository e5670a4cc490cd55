package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.console.HandoffSignature.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandoffSignatureTest {

  static final String SECRET = "a-secret-of-at-least-32-characters-long";
  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(2);

  @Test
  void aFreshLinkSignedWithTheSecretIsValid() {
    long ts = NOW.getEpochSecond() - 30;
    String sig = HandoffSignature.sign(SECRET, "proj-1", "u-alice", ts);
    assertThat(check("proj-1", "u-alice", ts, sig)).isEqualTo(Verdict.OK);
    assertThat(check("proj-1", "u-alice", ts, sig.toUpperCase())).isEqualTo(Verdict.OK);
  }

  @Test
  void everyChangedPartBreaksTheSignature() {
    long ts = NOW.getEpochSecond();
    String sig = HandoffSignature.sign(SECRET, "proj-1", "u-alice", ts);
    assertThat(check("proj-2", "u-alice", ts, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(check("proj-1", "u-bob", ts, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(check("proj-1", "u-alice", ts + 1, sig)).isEqualTo(Verdict.BAD_SIGNATURE);
    String other =
        HandoffSignature.sign("another-secret-of-32-characters-long", "proj-1", "u-alice", ts);
    assertThat(check("proj-1", "u-alice", ts, other)).isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  void aLinkOutsideTheWindowEitherWayHasExpired() {
    long old = NOW.minus(WINDOW).getEpochSecond() - 1;
    long future = NOW.plus(WINDOW).getEpochSecond() + 1;
    assertThat(check("p", "u", old, HandoffSignature.sign(SECRET, "p", "u", old)))
        .isEqualTo(Verdict.EXPIRED);
    assertThat(check("p", "u", future, HandoffSignature.sign(SECRET, "p", "u", future)))
        .isEqualTo(Verdict.EXPIRED);
  }

  @Test
  void missingOrMalformedPartsAreRefusedBeforeAnyHashing() {
    String sig = "ab".repeat(32);
    assertThat(HandoffSignature.check(SECRET, null, "u", "1", sig, NOW, WINDOW))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(HandoffSignature.check(SECRET, "p\n", "u", "1", sig, NOW, WINDOW))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(HandoffSignature.check(SECRET, "p", "u", "-1", sig, NOW, WINDOW))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(HandoffSignature.check(SECRET, "p", "u", "1", "xyz", NOW, WINDOW))
        .isEqualTo(Verdict.MALFORMED);
  }

  private static Verdict check(String project, String user, long ts, String sig) {
    return HandoffSignature.check(SECRET, project, user, Long.toString(ts), sig, NOW, WINDOW);
  }
}
