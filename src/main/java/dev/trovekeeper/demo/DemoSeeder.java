package dev.trovekeeper.demo;

import static dev.trovekeeper.demo.DemoSeed.*;

/** Creates {@link DemoSeed}'s projects, users and ACTIVE instances. */
final class DemoSeeder {

  private DemoSeeder() {}

  /** Always the Default domain; users, projects and instances only when {@code instances} set. */
  static void seed(IdentityStore identity, InstanceService instances) {
    if (instances == null) {
      return;
    }
    identity.addProject(PROJECT_A_ID, PROJECT_A_NAME);
    identity.addProject(PROJECT_B_ID, PROJECT_B_NAME);
    identity.addProject(SERVICE_PROJECT_ID, SERVICE_PROJECT_NAME);
    var keeper = user(identity, KEEPER_USER, KEEPER_PASSWORD);
    for (var project : new String[] {SERVICE_PROJECT_ID, PROJECT_A_ID, PROJECT_B_ID}) {
      identity.grant(keeper, project, ROLE_ADMIN);
    }
    identity.addAppCredential(
        KEEPER_APP_CREDENTIAL_ID, KEEPER_APP_CREDENTIAL_SECRET, keeper, SERVICE_PROJECT_ID);
    identity.grant(user(identity, ALICE, ALICE_PASSWORD), PROJECT_A_ID, ROLE_MEMBER);
    identity.grant(user(identity, BOB, BOB_PASSWORD), PROJECT_B_ID, ROLE_MEMBER);
    identity.grant(user(identity, RITA, RITA_PASSWORD), PROJECT_A_ID, ROLE_READER);
    identity.grant(user(identity, OPS, OPS_PASSWORD), SERVICE_PROJECT_ID, ROLE_ADMIN);
    instances.createActive(Caller.system(PROJECT_A_ID), InstanceSpec.mysql(INSTANCE_A1));
    instances.createActive(Caller.system(PROJECT_A_ID), InstanceSpec.mysql(INSTANCE_A2));
    instances.createActive(Caller.system(PROJECT_B_ID), InstanceSpec.mysql(INSTANCE_B1));
  }

  private static String user(IdentityStore identity, String name, String password) {
    return identity.addUser(userId(name), name, password);
  }
}
