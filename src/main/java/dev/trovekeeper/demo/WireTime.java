package dev.trovekeeper.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The date formats seen on the wire, all UTC. */
final class WireTime {

  private static final DateTimeFormatter TROVE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter PAYLOAD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter OSLO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter KEYSTONE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private WireTime() {}

  /** Trove API dates: {@code 2026-11-21T23:26:33}. */
  static String trove(Instant t) {
    return t == null ? null : TROVE.format(t);
  }

  /** Notification payload dates: {@code 2026-11-21T23:26:33Z}. */
  static String payload(Instant t) {
    return t == null ? null : PAYLOAD.format(t);
  }

  /** oslo.messaging timestamps: {@code 2026-11-21 23:26:33.611372}. */
  static String oslo(Instant t) {
    return OSLO.format(t.truncatedTo(ChronoUnit.MICROS));
  }

  /** Keystone token dates: {@code 2026-11-22T01:02:03.000000Z}. */
  static String keystone(Instant t) {
    return KEYSTONE.format(t.truncatedTo(ChronoUnit.MICROS));
  }
}
