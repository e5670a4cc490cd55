package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.RecordWriter.Outcome;
import dev.trovekeeper.source.rest.FieldPath;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Restores the media a restored record points to (its entity's media fields, e.g. {@code
 * images[].src}): each media file the backup stored for that URL is copied from the object store to
 * a temporary file while its SHA-256 is computed, checked against the SHA-256 the backup recorded,
 * and uploaded to the source's media endpoint ({@link RecordWriter#uploadMedia}); each file once
 * per restore. A file whose bytes do not match, or that the source refuses, is the record's
 * refusal. Memory: the URL index of the backup's media list (already in its manifest).
 */
public final class MediaRestorer {

  private final RecordWriter writer;
  private final ObjectStore objects;
  private final Path tempDir;
  private final Map<String, Manifest.Media> byUrl = new HashMap<>();
  private final Map<String, List<FieldPath>> fields = new HashMap<>();
  // a restore's write threads upload at once: a file is claimed by the first that meets it
  private final Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Set<String> uploaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong bytes =
      new java.util.concurrent.atomic.AtomicLong();

  public MediaRestorer(RecordWriter writer, ObjectStore objects, Path tempDir, Manifest manifest) {
    this.writer = writer;
    this.objects = objects;
    this.tempDir = tempDir;
    for (Manifest.Media media : manifest.media()) {
      if (media.source() != null) {
        byUrl.put(media.source(), media);
      }
    }
    JsonNode schema = manifest.schema();
    if (schema != null) {
      for (JsonNode entity : schema.path("entities")) {
        List<FieldPath> paths = new ArrayList<>();
        entity.path("mediaFields").forEach(f -> paths.add(FieldPath.of(f.asText())));
        fields.put(entity.path("name").asText(), paths);
      }
    }
  }

  /** Files uploaded so far. */
  int uploaded() {
    return uploaded.size();
  }

  /** Bytes uploaded so far. */
  long bytes() {
    return bytes.get();
  }

  /** Uploads the media {@code record} of {@code entity} points to; the first refusal, if any. */
  public Optional<Outcome> restored(String entity, JsonNode record) throws InterruptedException {
    for (FieldPath path : fields.getOrDefault(entity, List.of())) {
      for (JsonNode url : path.values(record)) {
        Manifest.Media media = url.isTextual() ? byUrl.get(url.asText()) : null;
        if (media == null || !claimed.add(media.sha256())) {
          continue;
        }
        Outcome outcome = upload(media);
        if (!outcome.ok()) {
          claimed.remove(media.sha256()); // another record of it tries again
          return Optional.of(outcome);
        }
        uploaded.add(media.sha256());
        bytes.addAndGet(media.size());
      }
    }
    return Optional.empty();
  }

  private Outcome upload(Manifest.Media media) throws InterruptedException {
    Path file = null;
    try {
      file = Files.createTempFile(tempDir, "restore-media-", ".bin");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = objects.get(ObjectKey.of(media.key()));
          OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
        in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(media.sha256())) {
        return Outcome.refused(
            0, "the stored media " + media.sha256() + " does not match its SHA-256: not uploaded");
      }
      return writer.uploadMedia(media.sha256(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("staging a media file for upload failed", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file left behind: the temp dir's cleaner takes it
        }
      }
    }
  }
}
