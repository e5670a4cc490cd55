package dev.trovekeeper.trove;

/** A Trove instance as the service needs it. */
public record TroveInstance(
    String id,
    String projectId,
    String name,
    String status,
    String datastoreType,
    String datastoreVersion,
    String region) {}
