package dev.trovekeeper.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Gives every request an id (the caller's {@code X-Request-Id} if sane), echoed in the answer. */
@Provider
public class RequestIdFilter implements ContainerResponseFilter {

  public static final String HEADER = "X-Request-Id";
  static final String PROPERTY = "trove-keeper.request-id";

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    boolean sane = given != null && given.matches("[A-Za-z0-9._-]{1,64}");
    request.setProperty(PROPERTY, sane ? given : UUID.randomUUID().toString());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
  }

  /** The id of the request (null outside one). */
  public static String of(ContainerRequestContext request) {
    Object id = request == null ? null : request.getProperty(PROPERTY);
    return id == null ? null : id.toString();
  }
}
