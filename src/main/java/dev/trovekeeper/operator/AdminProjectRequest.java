package dev.trovekeeper.operator;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A change of an operator's settings of a project, merged into what is stored: a field left out
 * keeps its value, a field sent as {@code null} clears it. Jackson calls a setter only for a field
 * the body holds, which is how the two are told apart.
 */
public final class AdminProjectRequest {

  @Size(max = 64)
  @Schema(description = "Tier name; null takes the project off its tier; absent: unchanged")
  private String tier;

  @Email
  @Size(max = 320)
  @Schema(
      description =
          "Who confirms deletions of the project's backups; null removes it; absent: unchanged")
  private String ownerEmail;

  private boolean tierSent;
  private boolean ownerEmailSent;

  /** A change of both fields (each null clears it), as the console's settings form sends it. */
  public static AdminProjectRequest of(String tier, String ownerEmail) {
    AdminProjectRequest request = new AdminProjectRequest();
    request.setTier(tier);
    request.setOwnerEmail(ownerEmail);
    return request;
  }

  @JsonProperty("tier")
  void setTier(String tier) {
    this.tier = tier;
    this.tierSent = true;
  }

  @JsonProperty("ownerEmail")
  void setOwnerEmail(String ownerEmail) {
    this.ownerEmail = ownerEmail;
    this.ownerEmailSent = true;
  }

  /** Whether the body holds {@code tier} (possibly null). */
  boolean tierSent() {
    return tierSent;
  }

  String tier() {
    return tier;
  }

  /** Whether the body holds {@code ownerEmail} (possibly null). */
  boolean ownerEmailSent() {
    return ownerEmailSent;
  }

  String ownerEmail() {
    return ownerEmail;
  }
}
