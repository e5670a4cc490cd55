package dev.trovekeeper.config;

import java.util.Objects;

/** A credential read from configuration; {@link #toString()} never shows it. */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  /** Used by SmallRye Config to convert a property value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The clear value, for the one place that sends it. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "******";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
