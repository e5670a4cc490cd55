package dev.trovekeeper.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Short JDBC transactions of their own (the media protocol locks one media row at a time). Must not
 * be called inside a JTA transaction: each call commits on its own.
 */
final class Sql {

  /** Work on one connection inside a transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final int ATTEMPTS = 10;

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in a transaction, again from the start (after a short random pause) when the
   * database chose it as a deadlock victim.
   */
  <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof SQLTransactionRollbackException) || attempt >= ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying media bookkeeping", e);
    }
  }

  private <T> T once(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      // Read committed: a locking read of a media row that does not exist yet takes no gap lock,
      // so backups storing different new media at once (several download threads each) do not
      // deadlock on each other's inserts; the protocol needs only the row locks and the key.
      int isolation = connection.getTransactionIsolation();
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("media bookkeeping failed: " + e.getMessage(), e);
    }
  }

  /** DATETIME(6) columns hold UTC. */
  static Timestamp utc(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
