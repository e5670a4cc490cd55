package dev.trovekeeper.ratelimit;

import io.github.bucket4j.BucketExceptions.BucketExecutionException;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's select-for-update proxy manager over table {@code source_rate_buckets} (migration
 * V110). Bucket4j's own {@code -mysql}/{@code -mariadb} modules are not served by the reachable
 * repositories; core ships this extension point for exactly such a store. Each bucket operation is
 * one short local JDBC transaction on its own connection: call it outside a JTA transaction.
 */
final class MariaDbProxyManager extends AbstractSelectForUpdateBasedProxyManager<String> {

  private static final String SELECT =
      "SELECT state FROM source_rate_buckets WHERE bucket_key = ? FOR UPDATE";
  private static final String INSERT =
      "INSERT IGNORE INTO source_rate_buckets (bucket_key, state) VALUES (?, NULL)";
  private static final String UPDATE =
      "UPDATE source_rate_buckets SET state = ? WHERE bucket_key = ?";
  private static final String DELETE = "DELETE FROM source_rate_buckets WHERE bucket_key = ?";

  private final DataSource dataSource;
  private final WallClock clock;

  MariaDbProxyManager(DataSource dataSource, WallClock clock) {
    super(ClientSideConfig.getDefault().withClientClock(clock));
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Creates the bucket's row (empty: Bucket4j fills it) unless it exists. */
  void ensureRow(String key) {
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(INSERT)) {
      s.setString(1, key);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExecutionException(e);
    }
  }

  /** The clock the buckets run on. */
  WallClock clock() {
    return clock;
  }

  @Override
  protected SelectForUpdateBasedTransaction allocateTransaction(
      String key, Optional<Long> timeoutNanos) {
    try {
      return new Transaction(dataSource.getConnection(), key);
    } catch (SQLException e) {
      throw new BucketExecutionException(e);
    }
  }

  @Override
  public void removeProxy(String key) {
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(DELETE)) {
      s.setString(1, key);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExecutionException(e);
    }
  }

  /** One bucket operation: lock the row, read, write, commit. */
  private static final class Transaction implements SelectForUpdateBasedTransaction {
    private final Connection connection;
    private final String key;

    Transaction(Connection connection, String key) {
      this.connection = connection;
      this.key = key;
    }

    @Override
    public void begin(Optional<Long> timeoutNanos) {
      run(() -> connection.setAutoCommit(false));
    }

    @Override
    public void rollback() {
      run(connection::rollback);
    }

    @Override
    public void commit(Optional<Long> timeoutNanos) {
      run(connection::commit);
    }

    @Override
    public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
      try (var s = connection.prepareStatement(SELECT)) {
        s.setString(1, key);
        try (var rs = s.executeQuery()) {
          return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
        }
      } catch (SQLException e) {
        throw new BucketExecutionException(e);
      }
    }

    @Override
    public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
      try (var s = connection.prepareStatement(INSERT)) {
        s.setString(1, key);
        // 0 rows: another replica inserted it first; Bucket4j then locks the row it inserted
        return s.executeUpdate() == 1;
      } catch (SQLTransactionRollbackException raced) {
        // another replica inserted the row at the same moment; Bucket4j retries the lock
        return false;
      } catch (SQLException e) {
        throw new BucketExecutionException(e);
      }
    }

    @Override
    public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
      try (var s = connection.prepareStatement(UPDATE)) {
        s.setBytes(1, data);
        s.setString(2, key);
        s.executeUpdate();
      } catch (SQLException e) {
        throw new BucketExecutionException(e);
      }
    }

    @Override
    public void release() {
      run(
          () -> {
            connection.setAutoCommit(true);
            connection.close();
          });
    }

    private interface SqlAction {
      void run() throws SQLException;
    }

    private static void run(SqlAction action) {
      try {
        action.run();
      } catch (SQLException e) {
        throw new BucketExecutionException(e);
      }
    }
  }
}
