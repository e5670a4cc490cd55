package dev.trovekeeper.demo;

import java.util.Optional;

/**
 * Trove v1.0 under {@code /v1.0/{project_id}}: keystonemiddleware's token check, Trove's tenant
 * check, injected faults, the rate limit, then the routes.
 */
final class TroveHandler {

  private final IdentityStore identity;
  private final FaultInjector faults;
  private final RateLimiter rateLimiter;
  private final TroveRoutes routes;

  TroveHandler(
      IdentityStore identity, FaultInjector faults, RateLimiter rateLimiter, TroveRoutes routes) {
    this.identity = identity;
    this.faults = faults;
    this.rateLimiter = rateLimiter;
    this.routes = routes;
  }

  Reply handle(Request req, String projectId) throws InterruptedException {
    var fault = faults.take(req.method(), req.path(), projectId);
    if (fault.isPresent() && !fault.get().passesThrough()) {
      return fault.get().reply(req.path());
    }
    if (fault.isPresent() && fault.get().kind() == Fault.Kind.HANG) {
      Thread.sleep(fault.get().duration().toMillis());
    }
    Optional<Token> token = identity.valid(req.header("X-Auth-Token"));
    if (token.isEmpty()) {
      return KeystoneHandler.unauthorized();
    }
    var t = token.get();
    var tokenProject = t.project() == null ? null : t.project().id();
    if (!projectId.equals(tokenProject) && !t.isAdmin()) {
      return forbidden(tokenProject);
    }
    var below = req.path().substring(("/v1.0/" + projectId).length());
    var refusal = rateLimiter.acquire(projectId, req.method(), below);
    if (refusal != null) {
      return RateLimiter.refusal(refusal);
    }
    var backupFails = fault.isPresent() && fault.get().kind() == Fault.Kind.BACKUP_FAILS;
    Reply reply;
    try {
      reply = routes.route(req, Caller.of(t, projectId), backupFails);
    } catch (TroveException e) {
      return e.reply();
    }
    if (fault.isPresent() && fault.get().kind() == Fault.Kind.STALL) {
      return reply.withHeader(
          Reply.STALL_HEADER, String.valueOf(fault.get().duration().toMillis()));
    }
    return reply;
  }

  /** Trove's TenantBasedAuth refusal: HTML, not JSON (as recorded). */
  private static Reply forbidden(String tokenProject) {
    var html =
        "<html>\n <head>\n  <title>403 Forbidden</title>\n </head>\n <body>\n"
            + "  <h1>403 Forbidden</h1>\n  Access was denied to this resource.<br /><br />\n"
            + "User with tenant id "
            + tokenProject
            + " cannot access this resource.\n </body>\n</html>";
    return new Reply(403, html, "text/html; charset=UTF-8", java.util.Map.of());
  }
}
