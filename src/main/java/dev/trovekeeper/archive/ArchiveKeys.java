package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectKey;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only place archive and media object keys are built, and only from validated ids: a project
 * id, UUIDs, an entity name and a SHA-256, each checked against a strict pattern. Nothing from a
 * record or a user string becomes a path. Layout (docs/FORMAT.md):
 *
 * <pre>
 * archives/{project}/{dataset}/{backup}/manifest.json
 * archives/{project}/{dataset}/{backup}/entities/{entity}/part-000001.jsonl.zst
 * media/{project}/sha256/{first two hex digits}/{sha256}
 * </pre>
 */
public final class ArchiveKeys {

  /** Prefix of every archive. */
  public static final String ARCHIVES = "archives/";

  /** Prefix of every media object. */
  public static final String MEDIA = "media/";

  public static final String MANIFEST = "manifest.json";

  /** Keystone's hex ids and readable ids such as {@code demo-project-a}; no dots, no slashes. */
  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private ArchiveKeys() {}

  /** The key of the archive's manifest. */
  public static ObjectKey manifest(ArchiveId id) {
    return ObjectKey.of(backupPrefix(id) + MANIFEST);
  }

  /** The key of part {@code index} (from 1) of {@code entity}. */
  public static ObjectKey part(ArchiveId id, String entity, int index, Compression compression) {
    if (index < 1 || index > 999_999) {
      throw new IllegalArgumentException("part index must be 1 to 999999");
    }
    return ObjectKey.of(
        backupPrefix(id)
            + "entities/"
            + requireEntity(entity)
            + String.format("/part-%06d.jsonl", index)
            + compression.suffix());
  }

  /** The prefix holding everything of one archive, ending with {@code /}. */
  public static String backupPrefix(ArchiveId id) {
    return ARCHIVES + id.projectId() + "/" + id.datasetId() + "/" + id.backupId() + "/";
  }

  /** The prefix of every archive of a project, ending with {@code /}. */
  public static String projectPrefix(String projectId) {
    return ARCHIVES + requireProjectId(projectId) + "/";
  }

  /** The key of a project's media object with the given content hash. */
  public static ObjectKey media(String projectId, String sha256) {
    String sha = requireSha256(sha256);
    return ObjectKey.of(
        MEDIA + requireProjectId(projectId) + "/sha256/" + sha.substring(0, 2) + "/" + sha);
  }

  /** The archive a key belongs to, when it has the archive layout. */
  public static Optional<ArchiveId> archiveOf(ObjectKey key) {
    String[] segments = key.value().split("/");
    if (segments.length < 5 || !(segments[0] + "/").equals(ARCHIVES)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ArchiveId.of(segments[1], segments[2], segments[3]));
    } catch (InvalidArchiveIdException e) {
      return Optional.empty();
    }
  }

  /** The project and hash of a media key, when it has the media layout. */
  public static Optional<String[]> mediaOf(ObjectKey key) {
    String[] segments = key.value().split("/");
    if (segments.length != 5
        || !(segments[0] + "/").equals(MEDIA)
        || !segments[2].equals("sha256")
        || !PROJECT.matcher(segments[1]).matches()
        || !SHA256.matcher(segments[4]).matches()
        || !segments[4].startsWith(segments[3])) {
      return Optional.empty();
    }
    return Optional.of(new String[] {segments[1], segments[4]});
  }

  /** The project id, or {@link InvalidArchiveIdException}. */
  public static String requireProjectId(String projectId) {
    return require("projectId", projectId, PROJECT, "must match " + PROJECT.pattern());
  }

  /** The entity name, or {@link InvalidArchiveIdException}. */
  public static String requireEntity(String entity) {
    return require("entity", entity, ENTITY, "must match " + ENTITY.pattern());
  }

  /** The hash as 64 lower-case hex digits, or {@link InvalidArchiveIdException}. */
  public static String requireSha256(String sha256) {
    return require("sha256", sha256, SHA256, "must be 64 lower-case hex digits");
  }

  static UUID requireUuid(String field, String value) {
    return UUID.fromString(require(field, value, UUID_TEXT, "must be a lower-case UUID"));
  }

  private static String require(String field, String value, Pattern pattern, String rule) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidArchiveIdException(field, value, rule);
    }
    return value;
  }
}
