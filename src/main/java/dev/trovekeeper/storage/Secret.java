package dev.trovekeeper.storage;

import java.util.Objects;

/**
 * A credential read from configuration. {@link #toString()} hides it, so it never reaches logs,
 * health data or exception messages by accident; call {@link #reveal()} where it is really used.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps {@code value}; also the converter SmallRye Config uses for this type. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "********";
  }
}
