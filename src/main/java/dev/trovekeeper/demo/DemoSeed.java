package dev.trovekeeper.demo;

/** Ids, names and secrets of the demo data, for tests and for the app's demo configuration. */
public final class DemoSeed {

  public static final String DOMAIN_ID = "default";
  public static final String DOMAIN_NAME = "Default";

  public static final String PROJECT_A_ID = "demo-project-a";
  public static final String PROJECT_A_NAME = "demo-a";
  public static final String PROJECT_B_ID = "demo-project-b";
  public static final String PROJECT_B_NAME = "demo-b";
  public static final String SERVICE_PROJECT_ID = "service";
  public static final String SERVICE_PROJECT_NAME = "service";

  public static final String ROLE_ADMIN = "admin";
  public static final String ROLE_MEMBER = "member";
  public static final String ROLE_READER = "reader";

  /** The service user trove-keeper runs as: admin in service and both demo projects. */
  public static final String KEEPER_USER = "trove-keeper";

  public static final String KEEPER_USER_ID = "u-trove-keeper";
  public static final String KEEPER_PASSWORD = "keeper-secret";
  public static final String KEEPER_APP_CREDENTIAL_ID = "ac-trove-keeper";
  public static final String KEEPER_APP_CREDENTIAL_SECRET = "keeper-app-secret";

  /** Member of demo-a. */
  public static final String ALICE = "alice";

  public static final String ALICE_PASSWORD = "alice-secret";

  /** Member of demo-b. */
  public static final String BOB = "bob";

  public static final String BOB_PASSWORD = "bob-secret";

  /** Reader of demo-a. */
  public static final String RITA = "rita";

  public static final String RITA_PASSWORD = "rita-secret";

  /** Operator: admin in service. */
  public static final String OPS = "ops";

  public static final String OPS_PASSWORD = "ops-secret";

  /** Names of the ACTIVE mysql instances created at start. */
  public static final String INSTANCE_A1 = "demo-a-db1";

  public static final String INSTANCE_A2 = "demo-a-db2";
  public static final String INSTANCE_B1 = "demo-b-db1";

  public static final String DATASTORE = "mysql";
  public static final String DATASTORE_VERSION = "5.7.29";

  private DemoSeed() {}

  /** User id of a seeded user name ({@code u-<name>}). */
  public static String userId(String userName) {
    return "u-" + userName;
  }
}
