package dev.trovekeeper.operator;

import dev.trovekeeper.policy.PolicyResponse;
import dev.trovekeeper.policy.PolicySpec;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The global default policy (admin role). */
@Path("/v1/admin/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class AdminPolicyResource {

  private final AdminPolicyService policies;
  private final AdminAccess admin;

  AdminPolicyResource(AdminPolicyService policies, AdminAccess admin) {
    this.policies = policies;
    this.admin = admin;
  }

  @GET
  @Operation(
      summary = "The global default policy (applies where no project or instance policy does)")
  public PolicyResponse get() {
    admin.require();
    return policies.global();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the global default policy (400 listing every invalid field)")
  public PolicyResponse put(@NotNull PolicySpec spec) {
    return policies.setGlobal(admin.require(), spec);
  }
}
