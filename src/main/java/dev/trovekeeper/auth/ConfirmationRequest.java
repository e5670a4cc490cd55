package dev.trovekeeper.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/deletions/confirm} (JSON): the token of the mailed link. */
public record ConfirmationRequest(@NotBlank @Size(max = 4096) String token) {}
