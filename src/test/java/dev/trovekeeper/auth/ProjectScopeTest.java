package dev.trovekeeper.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectScopeTest {

  private final Caller alice = new Caller("u-alice", "alice", "a", Set.of(Role.MEMBER));
  private final Caller ops = new Caller("u-ops", "ops", "service", Set.of(Role.ADMIN), true);
  private final Caller projectAdmin = new Caller("u-pa", "pa", "a", Set.of(Role.ADMIN), false);

  @Test
  void ownProjectPasses() {
    assertThatCode(() -> ProjectScope.check(alice, "a")).doesNotThrowAnyException();
  }

  @Test
  void anotherProjectLooksMissing() {
    assertThatThrownBy(() -> ProjectScope.check(alice, "b"))
        .isInstanceOfSatisfying(
            KeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> ProjectScope.check(alice, null)).isInstanceOf(KeeperException.class);
  }

  @Test
  void operatorsSeeEveryProject() {
    assertThatCode(() -> ProjectScope.check(ops, "b")).doesNotThrowAnyException();
    assertThat(ProjectScope.allows(ops, "a")).isTrue();
  }

  @Test
  void aProjectAdminSeesOnlyItsProject() {
    assertThat(ProjectScope.allows(projectAdmin, "a")).isTrue();
    assertThat(ProjectScope.allows(projectAdmin, "b")).isFalse();
  }
}
