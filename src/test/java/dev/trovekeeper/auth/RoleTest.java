package dev.trovekeeper.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void keystoneRoleNamesMapToRoles() {
    assertThat(Role.fromKeystone("reader")).contains(Role.READER);
    assertThat(Role.fromKeystone("member")).contains(Role.MEMBER);
    assertThat(Role.fromKeystone("_member_")).contains(Role.MEMBER);
    assertThat(Role.fromKeystone("Member")).contains(Role.MEMBER);
    assertThat(Role.fromKeystone("admin")).contains(Role.ADMIN);
    assertThat(Role.fromKeystone("load-balancer_observer")).isEmpty();
    assertThat(Role.fromKeystone(null)).isEmpty();
  }

  @Test
  void strongerRolesIncludeWeakerOnes() {
    Caller reader = Caller.of("u", "u", "p", List.of("reader", "heat_stack_owner"));
    Caller member = Caller.of("u", "u", "p", List.of("_member_"));
    Caller admin = Caller.of("u", "u", "p", List.of("admin"), true);
    assertThat(reader.roles()).containsExactly(Role.READER);
    assertThat(reader.canRead()).isTrue();
    assertThat(reader.canWrite()).isFalse();
    assertThat(member.canWrite()).isTrue();
    assertThat(member.isOperator()).isFalse();
    assertThat(admin.canRead()).isTrue();
    assertThat(admin.canWrite()).isTrue();
    assertThat(admin.isOperator()).isTrue();
  }

  @Test
  void adminOutsideTheOperatorProjectIsNoOperator() {
    Caller projectAdmin = Caller.of("u", "u", "p", List.of("admin"), false);
    assertThat(projectAdmin.canWrite()).isTrue();
    assertThat(projectAdmin.isOperator()).isFalse();
    assertThatThrownBy(projectAdmin::requireOperator)
        .isInstanceOfSatisfying(
            KeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(Caller.of("u", "u", "p", List.of("member"), true).isOperator())
        .as("a member of the operator project")
        .isFalse();
  }

  @Test
  void noKnownRoleCanDoNothing() {
    Caller none = Caller.of("u", "u", "p", List.of("creator"));
    assertThat(none.roles()).isEmpty();
    assertThat(none.canRead()).isFalse();
  }

  @Test
  void requireRefusesWithForbidden() {
    Caller reader = new Caller("u", "u", "p", Set.of(Role.READER));
    assertThat(reader.require(Role.READER)).isSameAs(reader);
    assertThatThrownBy(() -> reader.require(Role.MEMBER))
        .isInstanceOfSatisfying(
            KeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }
}
