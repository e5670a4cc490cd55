package dev.trovekeeper.demo;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A newcomer's way to a token: while the built-in demo region runs (never with a real OpenStack),
 * {@code GET /demo/tokens/alice} answers a Keystone token of a seeded demo user, as plain text for
 * {@code TOKEN=$(curl -s ...)}. Without the demo region it answers 404.
 */
@Path("/demo/tokens/{user}")
@Tag(name = "demo")
public class DemoTokenResource {

  /** The seeded users a newcomer may take: name -> (password, project). */
  static final Map<String, String[]> USERS =
      Map.of(
          DemoSeed.ALICE,
          new String[] {DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID},
          DemoSeed.RITA,
          new String[] {DemoSeed.RITA_PASSWORD, DemoSeed.PROJECT_A_ID},
          DemoSeed.BOB,
          new String[] {DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID},
          DemoSeed.OPS,
          new String[] {DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID});

  /** What the start-up log and README say. */
  static final String HELP =
      "alice (member of demo-project-a), rita (reader of demo-project-a), bob (member of"
          + " demo-project-b), ops (fleet operator)";

  private final DemoRegionLauncher launcher;

  DemoTokenResource(DemoRegionLauncher launcher) {
    this.launcher = launcher;
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary = "Demo region only: a Keystone token of a seeded demo user (" + HELP + ")",
      description = "404 unless the built-in demo region runs (it never does with OS_AUTH_URL).")
  public String token(@PathParam("user") String user) {
    DemoRegion region =
        launcher
            .region()
            .orElseThrow(
                () -> new KeeperException(ErrorCode.NOT_FOUND, "the demo region is not running"));
    String[] login = USERS.get(user);
    if (login == null) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "no demo user '" + user + "': " + HELP);
    }
    return region
        .issueToken(user, login[0], login[1])
        .orElseThrow(
            () -> new KeeperException(ErrorCode.NOT_FOUND, "demo user " + user + " has no token"));
  }
}
