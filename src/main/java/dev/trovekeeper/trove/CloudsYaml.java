package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one cloud from clouds.yaml, looked up where the OpenStack clients look: the explicit file,
 * ./clouds.yaml, ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml.
 */
final class CloudsYaml {

  private CloudsYaml() {}

  /** The {@code clouds.<name>} node, with {@code auth} and the region, or empty if not found. */
  static Optional<JsonNode> find(String cloud, Optional<String> explicitFile) {
    for (Path file : candidates(explicitFile)) {
      if (Files.isReadable(file)) {
        JsonNode node = read(file).path("clouds").path(cloud);
        if (!node.isMissingNode()) {
          return Optional.of(node);
        }
      }
    }
    return Optional.empty();
  }

  private static List<Path> candidates(Optional<String> explicitFile) {
    List<Path> files = new ArrayList<>();
    explicitFile.map(Path::of).ifPresent(files::add);
    files.add(Path.of("clouds.yaml"));
    files.add(Path.of(System.getProperty("user.home"), ".config", "openstack", "clouds.yaml"));
    files.add(Path.of("/etc/openstack/clouds.yaml"));
    return files;
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new TroveException(
          TroveFault.MISCONFIGURED,
          "clouds.yaml at " + file + " is not valid YAML: " + e.getMessage());
    }
  }
}
