package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreHealthCheckTest {

  @TempDir Path dir;

  @Test
  void upWithKindAndLocationWhenReachable() {
    HealthCheckResponse response =
        new ObjectStoreHealthCheck(new FilesystemObjectStore(dir.resolve("objects"))).call();

    assertThat(response.getName()).isEqualTo("object-store");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow())
        .containsEntry("kind", "filesystem")
        .containsEntry("location", dir.resolve("objects").toString());
  }

  @Test
  void downWithTheReasonWhenNot() throws IOException {
    Path file = Files.createFile(dir.resolve("not-a-dir"));

    HealthCheckResponse response =
        new ObjectStoreHealthCheck(new FilesystemObjectStore(file.resolve("objects"))).call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry("transient", false)
        .containsKey("error");
  }
}
