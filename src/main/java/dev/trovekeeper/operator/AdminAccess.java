package dev.trovekeeper.operator;

import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.CallerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Lets only operators through: every admin endpoint starts with {@link #require()}. */
@RequestScoped
public class AdminAccess {

  private final CallerContext context;
  private final ContainerRequestContext request;

  AdminAccess(CallerContext context, ContainerRequestContext request) {
    this.context = context;
    this.request = request;
  }

  /**
   * The operator making the request; 401 without credentials, 403 unless an admin of the operator
   * project.
   */
  public AdminActor require() {
    Caller caller = context.caller().requireOperator();
    return new AdminActor(caller.userId(), caller.projectId(), RequestIdFilter.of(request));
  }
}
