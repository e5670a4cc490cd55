package dev.trovekeeper.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A read request: method, path, query parameters, headers and body. */
record Request(
    HttpExchange exchange, String method, String path, Map<String, String> query, String body) {

  static Request of(HttpExchange ex) throws IOException {
    var body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var uri = ex.getRequestURI();
    var query = new LinkedHashMap<String, String>();
    if (uri.getRawQuery() != null) {
      for (var pair : uri.getRawQuery().split("&")) {
        var kv = pair.split("=", 2);
        query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    return new Request(ex, ex.getRequestMethod().toUpperCase(), uri.getPath(), query, body);
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** {@code https://host:port}: Trove's links always say https (it sits behind TLS). */
  String linkBase() {
    var host = header("Host");
    return "https://" + (host != null ? host : "127.0.0.1");
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
