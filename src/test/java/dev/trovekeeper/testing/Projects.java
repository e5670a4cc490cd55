package dev.trovekeeper.testing;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import java.util.UUID;

/** Fresh Keystone projects in the test region, so each test has data of its own. */
public final class Projects {

  private Projects() {}

  /** A new project where the service user may make backups (an admin role, as in production). */
  public static String create(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addProject(id, id);
    TestInfrastructure.region().grant(DemoSeed.KEEPER_USER_ID, id, DemoSeed.ROLE_ADMIN);
    return id;
  }

  /** A cron policy keeping the newest {@code keepLast} backups, every backup full. */
  public static PolicySpec cron(String cron, int keepLast, MissedRunPolicy missed) {
    return spec(ScheduleKind.CRON, cron, null, null, keepLast, missed);
  }

  /** A daily window policy (UTC) keeping the newest {@code keepLast} backups, every backup full. */
  public static PolicySpec window(
      java.time.LocalTime start, int lengthMinutes, int keepLast, MissedRunPolicy missed) {
    return spec(ScheduleKind.WINDOW, null, start, lengthMinutes, keepLast, missed);
  }

  private static PolicySpec spec(
      ScheduleKind kind,
      String cron,
      java.time.LocalTime windowStart,
      Integer windowLengthMinutes,
      int keepLast,
      MissedRunPolicy missed) {
    return new PolicySpec(
        "test",
        kind,
        cron,
        "UTC",
        windowStart,
        windowLengthMinutes,
        0, // every backup full (null would inherit the global default's interval)
        null,
        keepLast,
        null,
        null,
        null,
        null,
        24,
        missed,
        null,
        null,
        null,
        false,
        null,
        null);
  }
}
