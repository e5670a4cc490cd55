package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Makes the archive pieces injectable, built from {@link ArchiveConfig}, the configured {@link
 * ObjectStore}, the application's datasource and clock. The classes themselves need no CDI.
 */
@ApplicationScoped
public class ArchiveBeans {

  @Produces
  @Singleton
  ArchiveSettings settings(ArchiveConfig config) {
    return ArchiveSettings.from(config);
  }

  @Produces
  @Singleton
  MediaStore mediaStore(
      ObjectStore store, DataSource dataSource, ArchiveSettings settings, Clock clock) {
    return new MediaStore(store, dataSource, settings, clock);
  }

  @Produces
  @Singleton
  MediaGarbageCollector mediaGarbageCollector(
      ObjectStore store, DataSource dataSource, ArchiveSettings settings, Clock clock) {
    return new MediaGarbageCollector(store, dataSource, settings, clock);
  }

  @Produces
  @Singleton
  ArchiveRemover archiveRemover(ObjectStore store, MediaStore media) {
    return new ArchiveRemover(store, media);
  }

  @Produces
  @Singleton
  IncompleteArchiveCleaner incompleteArchiveCleaner(
      ObjectStore store, ArchiveSettings settings, Clock clock) {
    return new IncompleteArchiveCleaner(store, settings, clock);
  }
}
