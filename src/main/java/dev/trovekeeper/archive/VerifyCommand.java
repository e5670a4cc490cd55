package dev.trovekeeper.archive;

import dev.trovekeeper.storage.FilesystemObjectStore;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.ObjectStoreProducer;
import dev.trovekeeper.storage.StorageConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code verify <location> [prefix]}: the offline archive verifier (docs/FORMAT.md). The location
 * is the object store's root directory or {@code s3://bucket}; S3 endpoint and credentials come
 * from the service's own settings ({@code KEEPER_STORAGE_S3_*}). Exit status 0 when everything
 * matches, 1 with the list of problems, 2 on bad usage.
 */
public final class VerifyCommand {

  private VerifyCommand() {}

  public static void main(String... args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2) {
      err.println("usage: verify <directory | s3://bucket> [key prefix, e.g. archives/<project>/]");
      return 2;
    }
    String prefix = args.length == 2 ? args[1] : ArchiveKeys.ARCHIVES;
    try (ObjectStore store = open(args[0])) {
      ArchiveVerifier.Report report = new ArchiveVerifier(store).verify(prefix);
      report.problems().forEach(p -> out.println("PROBLEM " + p));
      out.printf(
          "%s: %d manifest(s), %d part(s), %d media object(s) checked, %d problem(s)%n",
          report.ok() ? "OK" : "FAILED",
          report.manifests(),
          report.parts(),
          report.media(),
          report.problems().size());
      return report.ok() ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("verify failed: " + e.getMessage());
      return 2;
    }
  }

  private static ObjectStore open(String location) {
    if (location.startsWith("s3://")) {
      String bucket = URI.create(location).getHost();
      StorageConfig config =
          new SmallRyeConfigBuilder()
              .addDefaultSources()
              .withMapping(StorageConfig.class)
              .withSources(
                  new PropertiesConfigSource(
                      Map.of(
                          "keeper.storage.kind", "s3",
                          "keeper.storage.s3.bucket", bucket,
                          "keeper.storage.s3.create-bucket", "false"),
                      "verify",
                      1000))
              .build()
              .getConfigMapping(StorageConfig.class);
      return ObjectStoreProducer.create(config);
    }
    Path root = Path.of(location);
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(location + " is not a directory");
    }
    return new FilesystemObjectStore(root);
  }
}
