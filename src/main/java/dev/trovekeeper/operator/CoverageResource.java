package dev.trovekeeper.operator;

import dev.trovekeeper.api.KeeperException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet coverage report as JSON or CSV (admin role). */
@Path("/v1/admin/coverage")
@Tag(name = "operator")
public class CoverageResource {

  static final String CSV = "text/csv";

  private final CoverageService coverage;
  private final AdminAccess admin;

  CoverageResource(CoverageService coverage, AdminAccess admin) {
    this.coverage = coverage;
    this.admin = admin;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV})
  @Operation(
      summary =
          "Protection of every live instance (NO_POLICY, PAUSED, FAILING, STALE, PROTECTED) with"
              + " totals; CSV with Accept: text/csv or ?format=csv")
  public Response report(
      @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
      @Parameter(description = "only this project") @QueryParam("project") String projectId,
      HttpHeaders headers) {
    admin.require();
    CoverageReport report = coverage.report(projectId);
    if (!csv(format, headers)) {
      return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }
    return Response.ok(CoverageCsv.write(report), CSV + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"coverage.csv\"")
        .build();
  }

  private static boolean csv(String format, HttpHeaders headers) {
    if (format != null) {
      return switch (format.toLowerCase(java.util.Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw KeeperException.invalid("format", "must be json or csv");
      };
    }
    return headers.getAcceptableMediaTypes().stream()
        .findFirst()
        .map(type -> type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType())
        .orElse(false);
  }
}
