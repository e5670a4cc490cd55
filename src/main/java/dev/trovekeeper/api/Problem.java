package dev.trovekeeper.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail with the service's extensions {@code code}, {@code requestId} and, for
 * validation failures, every offending field in {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String requestId,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field: where it is and what is wrong. */
  public record FieldError(String field, String message) {}
}
