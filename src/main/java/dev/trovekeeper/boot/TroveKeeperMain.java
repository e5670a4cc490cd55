package dev.trovekeeper.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Before Quarkus boots (and with it Flyway and Hibernate, which need a reachable
 * database), it fills in the embedded defaults for whatever production setting is missing and
 * checks that the configured database answers, so bad configuration ends in one clear line.
 */
@QuarkusMain
public class TroveKeeperMain {

  public static void main(String... args) {
    LaunchSettings settings = LaunchSettings.fromEnvironment();
    try {
      EmbeddedDefaults.apply(settings);
      DatabasePreflight.check(settings);
    } catch (StartupCheckException e) {
      System.err.println("ERROR [trove-keeper] " + e.getMessage());
      System.exit(2);
    }
    Quarkus.run(args);
  }
}
