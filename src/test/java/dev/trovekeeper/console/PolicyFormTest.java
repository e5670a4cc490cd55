package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.ScheduleKind;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy form's parsing (shared with the tier form through {@link ConsoleForm}). */
class PolicyFormTest {

  @Test
  void unreadableFieldsAreFieldErrorsAndMakeNoPolicy() {
    PolicyForm form =
        PolicyForm.posted(
            Map.of("scheduleKind", "NEVER", "windowStart", "25:99", "keepLast", " x "));
    assertThat(form.spec()).isNull();
    assertThat(form.errorsByField())
        .containsEntry("scheduleKind", "must be CRON or WINDOW")
        .containsEntry("windowStart", "must be a time such as 01:30")
        .containsEntry("keepLast", "must be a whole number");
    assertThat(form.values).containsEntry("keepLast", "x").containsEntry("name", "");
  }

  @Test
  void readableFieldsMakeThePolicyAndEmptyOnesInherit() {
    var spec =
        PolicyForm.posted(
                Map.of(
                    "name",
                    "nightly",
                    "scheduleKind",
                    "WINDOW",
                    "windowStart",
                    "01:00",
                    "keepLast",
                    "7"))
            .spec();
    assertThat(spec.name()).isEqualTo("nightly");
    assertThat(spec.scheduleKind()).isEqualTo(ScheduleKind.WINDOW);
    assertThat(spec.windowStart()).isEqualTo(LocalTime.of(1, 0));
    assertThat(spec.keepLast()).isEqualTo(7);
    assertThat(spec.maxAgeDays()).isNull();
    assertThat(spec.cronExpression()).isNull();
  }
}
