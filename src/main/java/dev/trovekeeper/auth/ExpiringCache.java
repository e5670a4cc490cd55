package dev.trovekeeper.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A bounded least-recently-used map whose entries each expire at their own instant. */
final class ExpiringCache<K, V> {

  private record Entry<V>(V value, Instant expiresAt) {}

  private final Map<K, Entry<V>> entries;

  ExpiringCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  synchronized Optional<V> get(K key, Instant now) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!now.isBefore(entry.expiresAt())) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  synchronized void put(K key, V value, Instant expiresAt) {
    entries.put(key, new Entry<>(value, expiresAt));
  }

  synchronized int size() {
    return entries.size();
  }
}
