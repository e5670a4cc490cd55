package dev.trovekeeper.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Deleting backups with the project owner's confirmation. The mailed link only shows what would be
 * deleted ({@code GET}, safe for mail scanners that open links); the owner confirms with a {@code
 * POST} carrying the token in its body.
 */
@Path("/v1/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionResource {

  /** The review page holds the token and a button: never cached, framed or sent as Referer. */
  private static final String PAGE_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

  private final DeletionConfirmationService service;
  private final CallerContext context;

  DeletionResource(DeletionConfirmationService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(202)
  @APIResponse(
      responseCode = "202",
      description = "the owner was mailed a confirmation link",
      content = @Content(schema = @Schema(implementation = DeletionRequested.class)))
  @Operation(summary = "Ask the project owner, by mail, to confirm deleting backups (member role)")
  public DeletionRequested request(@Valid @NotNull DeletionRequest request) {
    return service.request(context.caller(), request.artifactIds());
  }

  @GET
  @Path("/confirm")
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "Show what a mailed confirmation link would delete (HTML, or JSON on request)",
      description = "Deletes nothing: the page's button POSTs the token to confirm.")
  public Response reviewPage(@QueryParam("token") String token) {
    return page(ConfirmationPages.review(service.review(token), token));
  }

  @GET
  @Path("/confirm")
  @Produces(MediaType.APPLICATION_JSON)
  public DeletionReview review(@QueryParam("token") String token) {
    return service.review(token);
  }

  @POST
  @Path("/confirm")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "Confirm a deletion with the mailed single-use token (no other credentials)")
  public Response confirmForm(@FormParam("token") String token) {
    return page(ConfirmationPages.confirmed(service.confirm(token)));
  }

  @POST
  @Path("/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public DeletionConfirmed confirm(@Valid @NotNull ConfirmationRequest request) {
    return service.confirm(request.token());
  }

  private static Response page(String html) {
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", PAGE_POLICY)
        .header("X-Frame-Options", "DENY")
        .build();
  }
}
