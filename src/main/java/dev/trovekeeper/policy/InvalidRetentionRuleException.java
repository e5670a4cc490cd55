package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;

/** A retention rule that cannot be accepted; names the offending field (400). */
public class InvalidRetentionRuleException extends KeeperException {

  private final String field;

  InvalidRetentionRuleException(String field, String detail) {
    super(ErrorCode.VALIDATION_FAILED, field + " " + detail);
    this.field = field;
  }

  /** The rule component that is invalid, for example {@code keepLast}. */
  public String field() {
    return field;
  }
}
