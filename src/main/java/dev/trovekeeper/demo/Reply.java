package dev.trovekeeper.demo;

import java.util.Map;

/** One HTTP answer: status, body (may be empty), content type and extra headers. */
record Reply(int status, String body, String contentType, Map<String, String> headers) {

  /** Not sent: tells the region to pause this many ms halfway through the body (Fault STALL). */
  static final String STALL_HEADER = "X-Demo-Stall-Ms";

  static Reply json(int status, Object body) {
    return new Reply(status, Json.write(body), "application/json", Map.of());
  }

  static Reply empty(int status) {
    return new Reply(status, "", null, Map.of());
  }

  Reply withHeader(String name, String value) {
    var all = new java.util.LinkedHashMap<>(headers);
    all.put(name, value);
    return new Reply(status, body, contentType, Map.copyOf(all));
  }
}
