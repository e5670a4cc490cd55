package dev.trovekeeper.source;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import java.util.List;

/** A source configuration with invalid fields: 400 with every field in {@code errors[]}. */
public class InvalidSourceConfigException extends KeeperException {

  private final List<FieldError> errors;

  public InvalidSourceConfigException(List<FieldError> errors) {
    super(
        ErrorCode.VALIDATION_FAILED,
        "invalid source: "
            + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
    this.errors = List.copyOf(errors);
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }
}
