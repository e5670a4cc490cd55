package dev.trovekeeper.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Absolute links the API hands out ({@code Location}), built from the configured public URL ({@code
 * KEEPER_PUBLIC_URL}), never from the request's {@code Host} header, which the client chooses.
 */
@ApplicationScoped
public class PublicUrl {

  private final String base;

  PublicUrl(@ConfigProperty(name = "keeper.auth.public-url") String base) {
    this.base = base.replaceAll("/+$", "");
  }

  /** The absolute URI of {@code path} (which starts with a slash). */
  public URI of(String path) {
    return URI.create(base + path);
  }
}
