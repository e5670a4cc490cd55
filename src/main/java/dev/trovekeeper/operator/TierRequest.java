package dev.trovekeeper.operator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tier as an operator creates or replaces it; a null bound does not apply. On PUT the name may be
 * left out (it must match the path when given).
 */
public record TierRequest(
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "1 to 64 letters, digits, . _ -")
        String name,
    @Size(max = 512) String description,
    @Min(1) @Max(10_000) Integer minKeepLast,
    @Min(1) @Max(3660) Integer minMaxAgeDays,
    @Min(1) @Max(10_000) Integer maxRunsPerDay,
    @Schema(
            description =
                "start of the allowed window (wall-clock time in the policy's zone); with"
                    + " windowLatest. A window may wrap midnight: 22:00 to 06:00 allows the night")
        LocalTime windowEarliest,
    @Schema(
            description =
                "end of the allowed window; a windowLatest before windowEarliest wraps midnight,"
                    + " the same time as windowEarliest is refused (an empty or 24-hour window is"
                    + " ambiguous: leave both out for no window)")
        LocalTime windowLatest,
    @Schema(
            description =
                "scheduled backups at least this many minutes apart; at least the fleet-wide"
                    + " minimum (keeper.policy.limits.min-interval), at most 1440")
        @Min(1)
        @Max(1440)
        Integer minIntervalMinutes) {

  /** Both ends of the allowed window or neither, and not the same time. */
  @JsonIgnore
  @AssertTrue(message = "windowEarliest and windowLatest go together and must differ")
  public boolean isWindowValid() {
    if (windowEarliest == null || windowLatest == null) {
      return windowEarliest == null && windowLatest == null;
    }
    return !windowEarliest.equals(windowLatest);
  }
}
