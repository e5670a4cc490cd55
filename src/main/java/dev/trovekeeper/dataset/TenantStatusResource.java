package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The tenants' platform tells the service that a tenant became inactive (or active again). Not a
 * tenant call: no Keystone token, but an HMAC signature of the raw body with a shared secret
 * ({@link WebhookSignatures}), checked before the body is read.
 */
@Path("/v1/webhooks/tenant-status")
public class TenantStatusResource {

  private final WebhookSignatures signatures;
  private final TenantStatusService service;
  private final ObjectMapper json;

  TenantStatusResource(
      WebhookSignatures signatures, TenantStatusService service, ObjectMapper json) {
    this.signatures = signatures;
    this.service = service;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Tenant status from the platform (signed with X-Keeper-Signature, no token)",
      description =
          "inactive suspends every dataset of the project (or the one named), reason"
              + " TENANT_INACTIVE; active resumes nothing (the tenant resumes by API). Signed as"
              + " t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">; 401 for a missing,"
              + " wrong or stale signature, 503 without a configured secret (docs/OPERATIONS.md)")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TenantStatusRequest.class)))
  public TenantStatusResponse post(
      @HeaderParam(WebhookSignatures.HEADER) String signature, byte[] body) throws IOException {
    byte[] raw = body == null ? new byte[0] : body;
    signatures.verify(signature, raw);
    TenantStatusRequest request =
        raw.length == 0 ? null : json.readValue(raw, TenantStatusRequest.class);
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "the body must be a JSON object");
    }
    return service.apply(request);
  }
}
