package dev.trovekeeper.source.rest;

import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.rest.RestSourceConfig.Entity;
import dev.trovekeeper.source.rest.RestSourceConfig.PagingType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pages of a read fetched ahead of the reader, in read order and across entities: every
 * numbered entity's first page at once (it gives the total), then, for each entity whose total is
 * known, its remaining pages, at most {@code ahead} pages queued or fetched but not yet taken. The
 * pool's threads ({@code concurrency}) bound the requests in flight; the window is larger, so that
 * one slow page, the reader's own pauses or the end of an entity never leave the pool idle while
 * the source's rate allows requests (a slot of the shared limit nobody waits for is lost). The
 * reader thread alone calls it.
 */
final class PageWindow implements AutoCloseable {

  /** How often the reader, waiting for a page, looks whether more pages can be planned. */
  private static final long REFILL_EVERY_MS = 20;

  private record Ahead(int entity, long index, Future<Page> page) {}

  private final List<Entity> entities;
  private final PageFetcher pages;
  private final ExecutorService pool;
  private final int ahead;
  private final List<Future<Page>> firstPages = new ArrayList<>();
  private final ArrayDeque<Ahead> window = new ArrayDeque<>();
  // the entity whose remaining pages are being submitted (-1: none), its next page and page count
  private int planned = -1;
  private long next;
  private long count;
  // the next entity to plan once {@code planned} is fully submitted
  private int candidate;

  /** Submits the first page of every numbered entity. */
  PageWindow(List<Entity> entities, PageFetcher pages, ExecutorService pool, int ahead) {
    this.entities = entities;
    this.pages = pages;
    this.pool = pool;
    this.ahead = ahead;
    for (var entity : entities) {
      firstPages.add(numbered(entity) ? submit(entity, 0) : null);
    }
  }

  /** Whether the entity is read by page number or offset (its pages can be fetched ahead). */
  static boolean numbered(Entity entity) {
    var type = entity.paging().type();
    return type == PagingType.PAGE || type == PagingType.OFFSET;
  }

  /** The pages of an entity with {@code total} records. */
  static long pageCount(Entity entity, long total) {
    int limit = entity.paging().limit();
    return (total + limit - 1) / limit;
  }

  /** The first page of numbered entity {@code index}, waiting for it. */
  Page first(int index) throws InterruptedException {
    return await(firstPages.get(index));
  }

  /**
   * Page {@code page} (1 or more, below {@link #pageCount}) of numbered entity {@code index} whose
   * first page announced a total: the reader takes them in order.
   */
  Page take(int index, long page) throws InterruptedException {
    refill();
    var head = window.pollFirst();
    if (head == null || head.entity() != index || head.index() != page) {
      throw new IllegalStateException("page " + page + " of entity " + index + " was not planned");
    }
    while (true) {
      try {
        return unwrap(head.page(), REFILL_EVERY_MS);
      } catch (TimeoutException slow) {
        // meanwhile the next entity's first page may have come: plan its pages
        refill();
      }
    }
  }

  /** Submits pages until {@code ahead} are waiting or the next entity's total is not known yet. */
  private void refill() throws InterruptedException {
    while (window.size() < ahead) {
      if (planned >= 0 && next < count) {
        var entity = entities.get(planned);
        window.add(new Ahead(planned, next, submit(entity, next)));
        next++;
        continue;
      }
      if (candidate >= entities.size()) {
        return;
      }
      var first = firstPages.get(candidate);
      if (first == null) {
        candidate++; // cursor or link paging: the reader follows it page by page
        continue;
      }
      if (!first.isDone()) {
        return; // planned when it comes
      }
      long total;
      try {
        total = unwrap(first, 0).total();
      } catch (RuntimeException | TimeoutException failed) {
        return; // the reader meets the failure when it reaches that entity
      }
      if (total >= 0) {
        planned = candidate;
        next = 1;
        count = pageCount(entities.get(candidate), total);
      }
      candidate++; // without a total the reader asks page after page
    }
  }

  private Future<Page> submit(Entity entity, long index) {
    var url = pages.numbered(entity, index);
    return pool.submit(() -> pages.fetch(entity, url));
  }

  /** Cancels what was fetched ahead and not taken. */
  @Override
  public void close() {
    window.forEach(a -> a.page().cancel(true));
    window.clear();
    firstPages.forEach(
        f -> {
          if (f != null) {
            f.cancel(true);
          }
        });
  }

  private static Page await(Future<Page> page) throws InterruptedException {
    try {
      return unwrap(page, -1);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e); // no timeout given
    }
  }

  /** The page, waiting at most {@code millis} (-1: as long as it takes). */
  private static Page unwrap(Future<Page> page, long millis)
      throws InterruptedException, TimeoutException {
    try {
      return millis < 0 ? page.get() : page.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof InterruptedException i) {
        throw i;
      }
      throw new SourceException("reading a page failed: " + e.getCause(), true, e.getCause());
    }
  }
}
