package dev.trovekeeper.source;

/**
 * A media file a record points to.
 *
 * @param entity the record's entity
 * @param recordId the record's id, as text
 * @param field the configured field path it was found at, e.g. {@code images[].src}
 * @param url the URL, as the record holds it
 */
public record MediaRef(String entity, String recordId, String field, String url) {}
