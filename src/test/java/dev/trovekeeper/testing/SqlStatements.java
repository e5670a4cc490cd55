package dev.trovekeeper.testing;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Counts the SQL statements Hibernate sends while serving one HTTP request that carries the header
 * {@value #HEADER} (its value is the key to read the count by), whatever thread serves it and
 * whatever runs meanwhile in the background (scheduled jobs run in request contexts of their own,
 * without a key). Test-only: a Hibernate {@link StatementInspector} and a JAX-RS filter.
 */
public final class SqlStatements {

  /** The request header naming the count. */
  public static final String HEADER = "X-Test-Sql-Count";

  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private SqlStatements() {}

  /** Statements counted so far under {@code key}. */
  public static long count(String key) {
    AtomicLong count = COUNTS.get(key);
    return count == null ? 0 : count.get();
  }

  /**
   * Runs {@code work} on this thread with its Hibernate statements counted under {@code key} (for
   * code that is not an HTTP request, such as the schedule engine driven by a test). Statements
   * sent as plain JDBC through {@code Session.doWork} are not seen.
   */
  public static <T> T counting(String key, java.util.function.Supplier<T> work) {
    ManagedContext context = Arc.container().requestContext();
    boolean wasActive = context.isActive();
    if (!wasActive) {
      context.activate();
    }
    Key current = Arc.container().instance(Key.class).get();
    String previous = current.value();
    try {
      current.set(key);
      COUNTS.putIfAbsent(key, new AtomicLong());
      return work.get();
    } finally {
      current.set(previous);
      if (!wasActive) {
        context.terminate();
      }
    }
  }

  /** The key of the request being served, if it asked to be counted. */
  @RequestScoped
  public static class Key {
    private String value;

    String value() {
      return value;
    }

    void set(String value) {
      this.value = value;
    }
  }

  /** Remembers the header's key for the request. */
  public static class Filter {
    @ServerRequestFilter
    public void keyOf(ContainerRequestContext request) {
      String key = request.getHeaderString(HEADER);
      if (key != null) {
        Arc.container().instance(Key.class).get().set(key);
        COUNTS.putIfAbsent(key, new AtomicLong());
      }
    }
  }

  /** Counts each statement of a request with a key. */
  @PersistenceUnitExtension
  @ApplicationScoped
  public static class Inspector implements StatementInspector {
    @Override
    public String inspect(String sql) {
      ManagedContext context = Arc.container().requestContext();
      if (context.isActive()) {
        String key = Arc.container().instance(Key.class).get().value();
        if (key != null) {
          COUNTS.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
      }
      return sql;
    }
  }
}
