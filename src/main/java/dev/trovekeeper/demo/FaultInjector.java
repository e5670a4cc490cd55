package dev.trovekeeper.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the next N matching requests fail, then lets them through again. Matching is by HTTP
 * method, path suffix (e.g. {@code /backups}) and optionally project. Thread-safe.
 */
public final class FaultInjector {

  private static final class Rule {
    final String method;
    final String pathSuffix;
    final String projectId;
    final Fault fault;
    int passing;
    int remaining;

    Rule(String method, String pathSuffix, String projectId, Fault fault, int passing, int times) {
      this.method = method;
      this.pathSuffix = pathSuffix;
      this.projectId = projectId;
      this.fault = fault;
      this.passing = passing;
      this.remaining = times;
    }
  }

  private final List<Rule> rules = new ArrayList<>();

  FaultInjector() {}

  /** The next {@code times} requests of any project matching method and path suffix fail. */
  public FaultInjector failNext(int times, String method, String pathSuffix, Fault fault) {
    return failNext(times, method, pathSuffix, null, fault);
  }

  /** As {@link #failNext(int, String, String, Fault)}, only for requests on {@code projectId}. */
  public synchronized FaultInjector failNext(
      int times, String method, String pathSuffix, String projectId, Fault fault) {
    rules.add(new Rule(method.toUpperCase(), pathSuffix, projectId, fault, 0, times));
    return this;
  }

  /**
   * Lets the next {@code passing} requests of any project matching method and path suffix through,
   * then fails the {@code times} after them (e.g. the second page of a listing).
   */
  public synchronized FaultInjector failAfter(
      int passing, int times, String method, String pathSuffix, Fault fault) {
    rules.add(new Rule(method.toUpperCase(), pathSuffix, null, fault, passing, times));
    return this;
  }

  /** Drops every pending fault. */
  public synchronized void clear() {
    rules.clear();
  }

  /** Faults still to be answered, over all rules. */
  public synchronized int pending() {
    return rules.stream().mapToInt(r -> r.remaining).sum();
  }

  /** Takes one use of the first matching rule. */
  synchronized Optional<Fault> take(String method, String path, String projectId) {
    for (var it = rules.iterator(); it.hasNext(); ) {
      var r = it.next();
      if (r.method.equals(method)
          && path.endsWith(r.pathSuffix)
          && (r.projectId == null || r.projectId.equals(projectId))) {
        if (r.passing > 0) {
          r.passing--;
          return Optional.empty();
        }
        if (--r.remaining <= 0) {
          it.remove();
        }
        return Optional.of(r.fault);
      }
    }
    return Optional.empty();
  }
}
