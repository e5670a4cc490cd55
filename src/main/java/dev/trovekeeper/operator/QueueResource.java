package dev.trovekeeper.operator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The run queue and recent failures (admin role). */
@Path("/v1/admin/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class QueueResource {

  private final QueueService queue;
  private final AdminAccess admin;

  QueueResource(QueueService queue, AdminAccess admin) {
    this.queue = queue;
    this.admin = admin;
  }

  @GET
  @Operation(
      summary =
          "Queue depth (PENDING and due), runs waiting for a slot, active runs and the 50 most"
              + " recent failed runs with reasons")
  public QueueReport report() {
    admin.require();
    return queue.report();
  }
}
