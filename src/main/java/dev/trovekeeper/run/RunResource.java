package dev.trovekeeper.run;

import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.CallerContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A run's progress, once or as a stream. */
@Path("/v1/runs/{runId}")
public class RunResource {

  /** How often the stream looks at the run. */
  static final Duration POLL = Duration.ofMillis(500);

  /** A stream ends after this long even if the run has not finished. */
  static final Duration MAX_STREAM = Duration.ofHours(1);

  private final InstanceBackupService service;
  private final CallerContext context;

  RunResource(InstanceBackupService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A run's state and progress (reader role; 404 for another project)")
  public RunResponse get(@Parameter(description = "run id") @PathParam("runId") long runId) {
    return service.run(context.caller(), runId);
  }

  @GET
  @Path("/progress")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary =
          "Server-Sent Events: the run each time its progress changes, ending after its final"
              + " state (reader role; at most one hour)")
  public Multi<RunResponse> progress(
      @Parameter(description = "run id") @PathParam("runId") long runId) {
    Caller caller = context.caller();
    RunResponse first = service.run(caller, runId); // 404 before the stream starts
    AtomicBoolean ended = new AtomicBoolean(RunResponse.finished(first));
    Multi<RunResponse> later =
        Multi.createFrom()
            .ticks()
            .startingAfter(POLL)
            .onExecutor(Infrastructure.getDefaultWorkerPool())
            .every(POLL)
            .onOverflow()
            .drop()
            .map(tick -> service.run(caller, runId))
            // takes the final state, then ends at the next tick
            .select()
            .first(run -> !ended.getAndSet(RunResponse.finished(run)));
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(first), later)
        .skip()
        .repetitions()
        .select()
        .first(MAX_STREAM);
  }
}
