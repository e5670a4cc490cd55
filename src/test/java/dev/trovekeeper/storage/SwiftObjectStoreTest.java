package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.testing.SwiftServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real OpenStack Swift (proxy, account, container and object servers with
 * tempauth, see {@link SwiftServer}), configured as the app would be; segments of 8 MiB so large
 * objects become static large objects, and listing pages of 100 names.
 */
class SwiftObjectStoreTest extends ObjectStoreContractTest {

  private static final int SEGMENT = 8 * 1024 * 1024;
  private static Map<String, String> overrides;
  private static ObjectStore store;

  @BeforeAll
  static void startSwift() {
    overrides = new HashMap<>(SwiftServer.shared().config());
    overrides.put("keeper.storage.swift.segment-size", String.valueOf(SEGMENT));
    overrides.put("keeper.storage.swift.list-page-size", "100");
    store = ObjectStoreProducer.create(S3ObjectStoreTest.config(overrides));
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected ObjectStore storeWithWrongCredentials() {
    Map<String, String> wrong = new HashMap<>(overrides);
    wrong.put("keeper.storage.swift.tempauth.key", wrongSecret());
    return ObjectStoreProducer.create(S3ObjectStoreTest.config(wrong));
  }

  @Override
  protected String wrongSecret() {
    return "not-the-swift-key";
  }

  @Test
  void isTheSwiftAdapter() {
    assertThat(store).isInstanceOf(SwiftObjectStore.class);
    assertThat(store.kind()).isEqualTo("swift");
    assertThat(store.location()).isEqualTo("swift://" + SwiftServer.CONTAINER);
  }

  @Test
  void largeObjectIsAStaticLargeObjectWhoseSegmentsGoWithIt() throws IOException {
    ObjectKey key = ObjectKey.of("slo-" + UUID.randomUUID() + "/big.bin");
    long size = 2L * SEGMENT + 5;
    store.put(key, new GeneratedContent(size, 3), size, "application/octet-stream");

    Raw raw = Raw.login();
    HttpResponse<Void> head = raw.send("HEAD", SwiftServer.CONTAINER + "/" + key.value());
    assertThat(head.headers().firstValue("X-Static-Large-Object")).contains("True");
    assertThat(raw.list(SwiftServer.CONTAINER + "_segments", key.value())).hasSize(3);

    store.put(key, new GeneratedContent(size, 4), size, "application/octet-stream");
    assertThat(raw.list(SwiftServer.CONTAINER + "_segments", key.value()))
        .as("the replaced object's segments are deleted")
        .hasSize(3);

    store.delete(key);
    assertThat(raw.list(SwiftServer.CONTAINER + "_segments", key.value())).isEmpty();
  }

  @Test
  void expiredTokenIsRenewedOnceAndTheRequestRepeated() throws IOException {
    ObjectKey key = ObjectKey.of("token-" + UUID.randomUUID() + "/doc");
    byte[] body = "after a 401".getBytes(StandardCharsets.UTF_8);
    store.checkReachable(); // holds a token now

    SwiftServer.shared().expireTokens();
    store.put(key, new ByteArrayInputStream(body), body.length, "text/plain");
    SwiftServer.shared().expireTokens();
    try (InputStream in = store.get(key)) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    SwiftServer.shared().expireTokens();
    long size = SEGMENT + 11L;
    store.put(key, new GeneratedContent(size, 9), ObjectStore.UNKNOWN_LENGTH, "a/b");
    SwiftServer.shared().expireTokens();
    assertThat(store.stat(key)).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(size));
    SwiftServer.shared().expireTokens();
    store.delete(key);
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void wrongKeyIsAPermanentFailureOfEveryCall() {
    try (ObjectStore wrong = storeWithWrongCredentials()) {
      assertThatThrownBy(() -> wrong.get(ObjectKey.of("any/key")))
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("401");
    }
  }

  @Test
  void unreachableSwiftIsTransient() {
    Map<String, String> down = new HashMap<>(overrides);
    down.put("keeper.storage.swift.tempauth.url", "http://127.0.0.1:1/auth/v1.0");
    try (ObjectStore other = ObjectStoreProducer.create(S3ObjectStoreTest.config(down))) {
      assertThatThrownBy(other::checkReachable)
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isTrue());
    }
  }

  @Test
  void serverErrorsAreTransient() {
    ObjectKey key = ObjectKey.of("down-" + UUID.randomUUID() + "/doc");
    store.checkReachable();

    SwiftServer.shared()
        .whileObjectServerIsDown(
            () ->
                assertThatThrownBy(
                        () -> store.put(key, new ByteArrayInputStream(new byte[3]), 3, "a/b"))
                    .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("503")
                    .hasMessageContaining(key.value()));

    store.put(key, new ByteArrayInputStream(new byte[3]), 3, "a/b");
    assertThat(store.exists(key)).isTrue();
  }

  @Test
  void missingContainerIsPermanentWhenCreationIsOff() {
    Map<String, String> noCreate = new HashMap<>(overrides);
    noCreate.put("keeper.storage.swift.container", "no-such-container");
    noCreate.put("keeper.storage.swift.create-container", "false");
    try (ObjectStore other = ObjectStoreProducer.create(S3ObjectStoreTest.config(noCreate))) {
      assertThatThrownBy(other::checkReachable)
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("no-such-container");
    }
  }

  /** Plain Swift requests, to look behind the adapter. */
  private record Raw(HttpClient http, String token, String storageUrl) {

    static Raw login() throws IOException {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<Void> auth =
          send(
              http,
              HttpRequest.newBuilder(URI.create(SwiftServer.shared().authUrl()))
                  .header("X-Auth-User", SwiftServer.USER)
                  .header("X-Auth-Key", SwiftServer.KEY)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return new Raw(
          http,
          auth.headers().firstValue("X-Auth-Token").orElseThrow(),
          auth.headers().firstValue("X-Storage-Url").orElseThrow());
    }

    HttpResponse<Void> send(String method, String path) throws IOException {
      return send(
          http,
          HttpRequest.newBuilder(URI.create(storageUrl + "/" + path))
              .header("X-Auth-Token", token)
              .method(method, HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }

    java.util.List<String> list(String container, String prefix) throws IOException {
      HttpResponse<String> listing =
          send(
              http,
              HttpRequest.newBuilder(URI.create(storageUrl + "/" + container + "?prefix=" + prefix))
                  .header("X-Auth-Token", token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return listing.body().lines().filter(line -> !line.isBlank()).toList();
    }

    private static <T> HttpResponse<T> send(
        HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      try {
        return http.send(request, handler);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
