package dev.trovekeeper.operator;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * An operator's settings of a project.
 *
 * @param tier tier name; null takes the project off its tier
 * @param ownerEmail who confirms deletions of the project's backups; null: none stored
 */
public record AdminProjectRequest(
    @Size(max = 64) String tier, @Email @Size(max = 320) String ownerEmail) {}
