package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Passes everything to a real store and counts the bytes uploaded through {@link #put}. */
class CountingObjectStore implements ObjectStore {

  private final ObjectStore delegate;
  private final AtomicLong uploaded = new AtomicLong();

  CountingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  long uploadedBytes(String prefix) {
    return prefix.isEmpty()
        ? uploaded.get()
        : byPrefix.getOrDefault(prefix, new AtomicLong()).get();
  }

  private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> byPrefix =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void put(ObjectKey key, InputStream content, long length, String contentType) {
    AtomicLong forPrefix =
        byPrefix.computeIfAbsent(
            key.value().substring(0, key.value().indexOf('/') + 1), k -> new AtomicLong());
    delegate.put(
        key,
        new FilterInputStream(content) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              uploaded.incrementAndGet();
              forPrefix.incrementAndGet();
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              uploaded.addAndGet(n);
              forPrefix.addAndGet(n);
            }
            return n;
          }
        },
        length,
        contentType);
  }

  @Override
  public InputStream get(ObjectKey key) {
    return delegate.get(key);
  }

  @Override
  public Optional<ObjectInfo> stat(ObjectKey key) {
    return delegate.stat(key);
  }

  @Override
  public void delete(ObjectKey key) {
    delegate.delete(key);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public void checkReachable() {
    delegate.checkReachable();
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  @Override
  public String location() {
    return delegate.location();
  }
}
