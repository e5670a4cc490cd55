package dev.trovekeeper.source.rest;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of an RFC 8288 {@code Link} header. */
final class LinkHeader {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern REL_NEXT =
      Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

  private LinkHeader() {}

  /** The next page's URL, resolved against {@code base}; empty when there is none. */
  static Optional<URI> next(String header, URI base) {
    if (header == null) {
      return Optional.empty();
    }
    var links = LINK.matcher(header);
    while (links.find()) {
      var params = REL_NEXT.matcher(links.group(2));
      while (params.find()) {
        for (var rel : params.group(1).trim().split("\\s+")) {
          if (rel.equalsIgnoreCase("next")) {
            try {
              return Optional.of(base.resolve(links.group(1).trim()));
            } catch (IllegalArgumentException e) {
              return Optional.empty();
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
