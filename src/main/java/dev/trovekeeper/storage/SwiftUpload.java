package dev.trovekeeper.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Writes one object. Up to the segment size it is one streamed PUT; larger or of unknown length it
 * becomes a static large object: segments streamed one after the other into the segment container
 * under {@code <key>/<upload id>/<number>}, then {@code PUT ?multipart-manifest=put} of the
 * manifest, which makes the object appear at once and whole. Nothing but a small probe of an
 * unknown-length stream ({@value #PROBE} bytes) is held in memory.
 */
final class SwiftUpload {

  /** Unknown-length streams shorter than this are sent as one object, from memory. */
  static final int PROBE = 1024 * 1024;

  /** Swift's default {@code max_manifest_segments}. */
  static final int MAX_SEGMENTS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SwiftClient client;
  private final String container;
  private final String segmentContainer;
  private final long segmentSize;

  SwiftUpload(SwiftClient client, String container, String segmentContainer, long segmentSize) {
    this.client = client;
    this.container = container;
    this.segmentContainer = segmentContainer;
    this.segmentSize = segmentSize;
  }

  /** A stored segment, as the manifest lists it. */
  record Segment(String path, String etag, long size) {}

  void put(ObjectKey key, InputStream content, long length, String contentType) {
    if (length != ObjectStore.UNKNOWN_LENGTH && length <= segmentSize) {
      putSingle(key, new UploadSlice(content, length), length, contentType);
      return;
    }
    if (length != ObjectStore.UNKNOWN_LENGTH) {
      if ((length + segmentSize - 1) / segmentSize > MAX_SEGMENTS) {
        throw new StorageException(
            length + " bytes need more than " + MAX_SEGMENTS + " segments: raise the segment size",
            false,
            client.location(),
            key,
            null);
      }
      putSegmented(key, new PushbackInputStream(content), length, contentType);
      return;
    }
    byte[] probe;
    try {
      probe = content.readNBytes(PROBE);
    } catch (IOException e) {
      throw new StorageException("reading the content failed", false, client.location(), key, e);
    }
    if (probe.length < PROBE) {
      putSingle(
          key,
          new UploadSlice(new ByteArrayInputStream(probe), probe.length),
          probe.length,
          contentType);
      return;
    }
    InputStream rest =
        new SequenceInputStream(new ByteArrayInputStream(probe), new Unclosed(content));
    putSegmented(key, new PushbackInputStream(rest), length, contentType);
  }

  private void putSingle(ObjectKey key, UploadSlice slice, long length, String contentType) {
    String etag = send("put", key, objectPath(key), slice, length, contentType);
    check(key, slice, length);
    if (etag != null && !etag.equalsIgnoreCase(slice.md5Hex())) {
      throw new StorageException(
          "Swift stored other bytes than were sent (ETag " + etag + ")",
          true,
          client.location(),
          key,
          null);
    }
  }

  private void putSegmented(
      ObjectKey key, PushbackInputStream source, long length, String contentType) {
    String uploadId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    List<Segment> segments = new ArrayList<>();
    long total = 0;
    try {
      while (length == ObjectStore.UNKNOWN_LENGTH ? hasMore(key, source) : total < length) {
        if (segments.size() == MAX_SEGMENTS) {
          throw new StorageException(
              "the stream needs more than " + MAX_SEGMENTS + " segments: raise the segment size",
              false,
              client.location(),
              key,
              null);
        }
        long size =
            length == ObjectStore.UNKNOWN_LENGTH
                ? segmentSize
                : Math.min(segmentSize, length - total);
        String name = segmentName(key, uploadId, segments.size() + 1);
        UploadSlice slice = new UploadSlice(source, size);
        String etag =
            send(
                "segment upload",
                key,
                SwiftClient.encode(segmentContainer) + "/" + name,
                slice,
                length == ObjectStore.UNKNOWN_LENGTH ? ObjectStore.UNKNOWN_LENGTH : size,
                "application/octet-stream");
        String md5 = slice.md5Hex();
        segments.add(new Segment("/" + segmentContainer + "/" + name, md5, slice.count()));
        if (length != ObjectStore.UNKNOWN_LENGTH) {
          check(key, slice, size);
        }
        if (etag != null && !etag.equalsIgnoreCase(md5)) {
          throw new StorageException(
              "Swift stored other bytes than were sent in segment " + name,
              true,
              client.location(),
              key,
              null);
        }
        total += slice.count();
      }
      putManifest(key, segments, contentType);
    } catch (RuntimeException e) {
      deleteSegments(segments, e);
      throw e;
    }
  }

  private boolean hasMore(ObjectKey key, PushbackInputStream source) {
    try {
      int next = source.read();
      if (next < 0) {
        return false;
      }
      source.unread(next);
      return true;
    } catch (IOException e) {
      throw new StorageException("reading the content failed", false, client.location(), key, e);
    }
  }

  /**
   * PUTs the slice as {@code path} (with Content-Length when {@code length} is known, chunked
   * otherwise) and returns Swift's ETag.
   */
  private String send(
      String action, ObjectKey key, String path, UploadSlice slice, long length, String type) {
    BodyPublisher publisher;
    if (length == ObjectStore.UNKNOWN_LENGTH) {
      publisher = BodyPublishers.ofInputStream(() -> slice); // chunked
    } else if (length == 0) {
      publisher = BodyPublishers.ofByteArray(new byte[0]); // fromPublisher refuses length 0
    } else {
      publisher = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> slice), length);
    }
    SwiftClient.Call call =
        SwiftClient.Call.of("PUT", path)
            .header("Content-Type", type)
            .body(() -> publisher, () -> !slice.touched(), length < 0 ? segmentSize : length);
    HttpResponse<String> response;
    try {
      response = client.sendForString(action, key, call);
    } catch (StorageException e) {
      throw sourceProblem(key, slice, length).orElseThrow(() -> e);
    }
    if (response.statusCode() != 201) {
      throw SwiftFailures.status(
          action, response.statusCode(), response.body(), client.location(), key);
    }
    return response.headers().firstValue("ETag").map(SwiftUpload::unquote).orElse(null);
  }

  /** A failure that is the caller's stream's fault (it failed or was short), permanent. */
  private java.util.Optional<StorageException> sourceProblem(
      ObjectKey key, UploadSlice slice, long length) {
    if (slice.sourceFailure() != null) {
      return java.util.Optional.of(
          new StorageException(
              "reading the content failed", false, client.location(), key, slice.sourceFailure()));
    }
    if (length != ObjectStore.UNKNOWN_LENGTH && slice.count() < length) {
      return java.util.Optional.of(tooShort(key, slice.count(), length));
    }
    return java.util.Optional.empty();
  }

  private void check(ObjectKey key, UploadSlice slice, long expected) {
    if (slice.count() != expected) {
      throw tooShort(key, slice.count(), expected);
    }
  }

  private StorageException tooShort(ObjectKey key, long actual, long expected) {
    return new StorageException(
        "expected " + expected + " bytes but the stream had " + actual,
        false,
        client.location(),
        key,
        null);
  }

  private void putManifest(ObjectKey key, List<Segment> segments, String contentType) {
    ArrayNode manifest = JSON.createArrayNode();
    for (Segment segment : segments) {
      manifest
          .addObject()
          .put("path", segment.path())
          .put("etag", segment.etag())
          .put("size_bytes", segment.size());
    }
    byte[] body = manifest.toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        client.sendForString(
            "manifest upload",
            key,
            SwiftClient.Call.of("PUT", objectPath(key))
                .query("multipart-manifest", "put")
                .header("Content-Type", contentType)
                .body(() -> BodyPublishers.ofByteArray(body), () -> true, body.length));
    if (response.statusCode() != 201) {
      throw SwiftFailures.status(
          "manifest upload", response.statusCode(), response.body(), client.location(), key);
    }
  }

  /** Deletes segments of a failed upload or of a replaced object; failures only leave garbage. */
  void deleteSegments(List<Segment> segments, Exception cause) {
    for (Segment segment : segments) {
      try {
        HttpResponse<String> response =
            client.sendForString(
                "segment delete", null, SwiftClient.Call.of("DELETE", segment.path().substring(1)));
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404 && cause != null) {
          cause.addSuppressed(
              new StorageException(
                  "segment " + segment.path() + " left behind: " + response.statusCode(),
                  false,
                  client.location(),
                  null,
                  null));
        }
      } catch (StorageException e) {
        if (cause != null) {
          cause.addSuppressed(e);
        }
      }
    }
  }

  String objectPath(ObjectKey key) {
    return SwiftClient.encode(container) + "/" + key.value();
  }

  /**
   * {@code <key>/<upload>/<number>}; for keys so long that this would pass Swift's 1024-byte limit,
   * the key's SHA-256 stands in for it.
   */
  private static String segmentName(ObjectKey key, String uploadId, int number) {
    String suffix = "/" + uploadId + "/" + String.format("%08d", number);
    String base = key.value();
    if (base.length() + suffix.length() > ObjectKey.MAX_LENGTH) {
      base = "sha256-" + sha256(base);
    }
    return base + suffix;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unquote(String etag) {
    return etag.replace("\"", "");
  }

  /** The caller's stream, which the upload reads to its end but never closes. */
  private static final class Unclosed extends java.io.FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // see ObjectStore#put
    }
  }
}
