package dev.trovekeeper.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/** Reads the database in a transaction of its own, as a test sees committed data. */
public final class Db {

  private Db() {}

  public static <T> T read(Supplier<T> query) {
    return QuarkusTransaction.requiringNew().call(query::get);
  }
}
