package dev.trovekeeper.operator;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.audit.AuditService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, newest first, paged (admin role). */
@Path("/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class AuditResource {

  private final AuditService audit;
  private final AdminAccess admin;

  AuditResource(AuditService audit, AdminAccess admin) {
    this.audit = audit;
    this.admin = admin;
  }

  @GET
  @Operation(summary = "Who changed what, with before and after, newest first")
  public Page<AdminAuditEntry> list(
      @Parameter(description = "only entries about this project") @QueryParam("project")
          String projectId,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor) {
    admin.require();
    int size = Page.limit(limit);
    List<AdminAuditEntry> fetched =
        audit.list(projectId, Cursor.decode(cursor), size + 1).stream()
            .map(AdminAuditEntry::of)
            .toList();
    return Page.of(fetched, size, AdminAuditEntry::id);
  }
}
