package dev.trovekeeper.datarestore;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/datasets/{datasetId}/restores} (and {@code .../restores/estimate}).
 *
 * @param backupId the backup to restore: a COMPLETED backup of the dataset
 * @param selection what to restore: everything, whole entities or single objects
 * @param includeAdded whether objects added since the backup are deleted (default: left alone)
 */
public record DataRestoreRequest(
    @Schema(description = "the backup restored (its id, a UUID, from the dataset's backup list)")
        @NotNull
        @Pattern(regexp = UUID, message = "a backup id (a UUID)")
        String backupId,
    @Schema(
            description =
                "what to restore: {\"all\": true}, or {\"entities\": [...]} and/or"
                    + " {\"objects\": [{\"entity\", \"id\"}]}")
        @NotNull
        @Valid
        Selection selection,
    @Schema(
            description =
                "delete the objects of the selection added since the backup (default false: they"
                    + " are left alone)")
        Boolean includeAdded) {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String ENTITY = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

  /**
   * What a restore covers: {@code all}, or the union of whole {@code entities} and single {@code
   * objects}.
   */
  public record Selection(
      @Schema(description = "everything the backup holds") Boolean all,
      @Schema(description = "whole entities (REST resources or tables) by name")
          @Size(max = 200, message = "at most 200 entities")
          List<@NotNull @Pattern(regexp = ENTITY, message = "an entity name") String> entities,
      @Schema(description = "single objects by entity and id (as the diff's changes name them)")
          @Size(max = 10000, message = "at most 10000 objects")
          List<@NotNull @Valid ObjectRef> objects) {

    boolean everything() {
      return Boolean.TRUE.equals(all);
    }
  }

  /**
   * One object.
   *
   * @param entity its entity
   * @param id its id as the diff names it (a composite key: the JSON array of its values)
   */
  public record ObjectRef(
      @Schema(description = "the object's entity")
          @NotNull
          @Pattern(regexp = ENTITY, message = "an entity name")
          String entity,
      @Schema(description = "the object's id")
          @NotNull
          @Size(min = 1, max = 512, message = "1 to 512 characters")
          String id) {}
}
