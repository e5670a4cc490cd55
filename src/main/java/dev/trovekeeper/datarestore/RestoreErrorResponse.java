package dev.trovekeeper.datarestore;

/**
 * One object a restore could not write.
 *
 * @param entity its entity
 * @param id its id
 * @param action UPDATE, CREATE, DELETE, MEDIA (a media file of the object) or LINK (writing again
 *     an object whose references name an object re-created under a new id)
 * @param status the source's HTTP status, or the database's error code (0: none)
 * @param message the source's words, shortened
 */
public record RestoreErrorResponse(
    String entity, String id, String action, int status, String message) {}
