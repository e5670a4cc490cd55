package dev.trovekeeper.console;

import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in browser: who it acts as, its CSRF token (synchronizer pattern: every form posts it
 * back), the Keystone token used to switch projects (null after a hand-off) and when it ends.
 */
record ConsoleSession(
    Caller caller,
    String csrf,
    String keystoneToken,
    List<ProjectChoice> projects,
    Instant endsAt,
    boolean handedOff) {

  @Override
  public String toString() {
    return "ConsoleSession[" + caller.userName() + "@" + caller.projectId() + "]";
  }
}
