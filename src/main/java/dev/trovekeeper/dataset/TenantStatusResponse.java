package dev.trovekeeper.dataset;

/**
 * What a tenant-status call did.
 *
 * @param datasets the datasets it names (the project's, or the one given)
 * @param suspended how many of them this call suspended (0 when repeated, or for {@code active})
 * @param note what the status means here
 */
public record TenantStatusResponse(
    String projectId, String status, int datasets, int suspended, String note) {}
