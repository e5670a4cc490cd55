package dev.trovekeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP layer refuses before any resource sees them (a request line or header block too
 * long, a malformed query, Host header or path), sent as raw bytes to the API port and to the
 * management port: each answer is {@code application/problem+json} with a stable code and a detail
 * that says what to change, never an empty body.
 */
@QuarkusTest
class HttpLayerErrorsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRequestLineTooLongIs414ProblemOnBothPorts() {
    SoftAssertions softly = new SoftAssertions();
    for (int port : ports()) {
      String line = "GET /v1/instances?cursor=" + "a".repeat(5_000) + " HTTP/1.1";
      // also on the management port: its router checks before it looks for a route
      Answer answer = send(port, line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      problem(softly, port, answer, 414, "URI_TOO_LONG", "4096");
    }
    softly.assertAll();
  }

  @Test
  void headersTooLargeAre431ProblemOnBothPorts() {
    SoftAssertions softly = new SoftAssertions();
    for (int port : ports()) {
      StringBuilder request =
          new StringBuilder("GET /v1/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
      for (int i = 0; i < 30; i++) {
        request.append("X-Filler-").append(i).append(": ").append("b".repeat(1_000)).append("\r\n");
      }
      Answer answer = send(port, request.append("\r\n").toString());
      problem(softly, port, answer, 431, "HEADERS_TOO_LARGE", "20480");
    }
    softly.assertAll();
  }

  @Test
  void malformedRequestsAre400ProblemOnBothPorts() {
    SoftAssertions softly = new SoftAssertions();
    int[] ports = ports();
    // a path each port serves: the tenant API, and health on the management port
    String[] paths = {"/v1/instances", "/q/health/live"};
    for (int i = 0; i < ports.length; i++) {
      String path = paths[i];
      Map<String, String> malformed = new LinkedHashMap<>();
      malformed.put(
          "bad percent-encoding in the query",
          "GET " + path + "?status=%zz HTTP/1.1\r\nHost: localhost\r\n");
      malformed.put(
          "bad percent-encoding in the path",
          "GET " + path + "/%zz HTTP/1.1\r\nHost: localhost\r\n");
      malformed.put("an invalid Host", "GET " + path + " HTTP/1.1\r\nHost: bad host:x\r\n");
      malformed.put(
          "a Host with a bad port", "GET " + path + " HTTP/1.1\r\nHost: localhost:99999999\r\n");
      malformed.put("HTTP/1.1 without Host", "GET " + path + " HTTP/1.1\r\n");
      int port = ports[i];
      malformed.forEach(
          (what, request) -> {
            Answer answer = send(port, request + "Connection: close\r\n\r\n");
            problem(softly, port, answer.as(what), 400, null, null);
          });
    }
    softly.assertAll();
  }

  private static void problem(
      SoftAssertions softly, int port, Answer answer, int status, String code, String detail) {
    String what = "port " + port + " " + answer;
    softly.assertThat(answer.status).as(what).isEqualTo(status);
    softly
        .assertThat(answer.headers.getOrDefault("content-type", ""))
        .as(what)
        .startsWith("application/problem+json");
    JsonNode body;
    try {
      body = JSON.readTree(answer.body);
    } catch (IOException e) {
      softly.fail(what + ": body is not JSON");
      return;
    }
    if (body == null || !body.isObject()) {
      softly.fail(what + ": body is not a JSON object");
      return;
    }
    softly.assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
    softly.assertThat(body.path("code").asText()).as(what).isNotBlank();
    if (code != null) {
      softly.assertThat(body.path("code").asText()).as(what).isEqualTo(code);
    }
    softly.assertThat(body.path("detail").asText()).as(what).isNotBlank();
    if (detail != null) {
      softly.assertThat(body.path("detail").asText()).as(what).contains(detail);
    }
    softly.assertThat(body.path("requestId").asText()).as(what).isNotBlank();
  }

  private static int[] ports() {
    int api = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    int management = URI.create(Management.url("/q")).getPort();
    assertThat(api).isPositive();
    return new int[] {api, management};
  }

  /** What the server answered to raw bytes: status, headers (lower-case names) and body. */
  record Answer(String what, int status, Map<String, String> headers, String body) {
    Answer as(String name) {
      return new Answer(name, status, headers, body);
    }

    @Override
    public String toString() {
      return (what == null ? "" : what + " -> ")
          + status
          + " "
          + headers.get("content-type")
          + " "
          + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
  }

  /** Sends the bytes as they are and reads the answer until the server closes the connection. */
  static Answer send(int port, String request) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new AssertionError("port " + port + ": " + e, e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // the server may reset after answering a request it refused to read to the end
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      return new Answer(null, -1, Map.of(), raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = raw.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(null, status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}
