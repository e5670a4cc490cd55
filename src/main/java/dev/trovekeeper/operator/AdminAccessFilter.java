package dev.trovekeeper.operator;

import dev.trovekeeper.auth.CallerContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses non-operators on {@code /v1/admin/*} before anything else happens, so a tenant learns
 * nothing from body validation either; the resources check again with {@link AdminAccess}.
 */
public class AdminAccessFilter {

  private final CallerContext context;

  AdminAccessFilter(CallerContext context) {
    this.context = context;
  }

  @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
  public void requireAdmin(ContainerRequestContext request) {
    String path =
        "/" + request.getUriInfo().getPath().replaceAll("/{2,}", "/").replaceAll("^/", "");
    if (path.equals("/v1/admin") || path.startsWith("/v1/admin/")) {
      context.caller().requireOperator();
    }
  }
}
