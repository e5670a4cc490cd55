package dev.trovekeeper.run;

import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.CallerContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A run's progress, once or as a stream, and cancelling a queued run. */
@Path("/v1/runs/{runId}")
public class RunResource {

  /** How often the stream looks at the run. */
  static final Duration POLL = Duration.ofMillis(500);

  /** A stream ends after this long even if the run has not finished. */
  static final Duration MAX_STREAM = Duration.ofHours(1);

  /** SSE event name of a change; the final state is sent as {@link #FINISHED}. */
  static final String PROGRESS = "progress";

  static final String FINISHED = "finished";

  private final InstanceBackupService service;
  private final CallerContext context;

  RunResource(InstanceBackupService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A run's state and progress (reader role; 404 for another project)")
  public RunResponse get(@Parameter(description = "run id") @PathParam("runId") String runId) {
    return service.run(context.caller(), runId);
  }

  @POST
  @Path("/cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Cancel a queued run before it starts (member role, audited): it ends CANCELLED. A"
              + " dataset backup that has started stops at its next check (about a second),"
              + " its unfinished archive is deleted and it ends CANCELLED (a started migration"
              + " stops after its current batch; what it wrote stays); a started Trove backup"
              + " is 409; cancelling a cancelled run answers it again")
  public RunResponse cancel(
      @Parameter(description = "run id") @PathParam("runId") String runId,
      @Context ContainerRequestContext http) {
    return service.cancel(context.caller(), runId, RequestIdFilter.of(http));
  }

  @GET
  @Path("/progress")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Blocking
  @Operation(
      summary =
          "Server-Sent Events: the run each time it changes (event 'progress', the final state as"
              + " event 'finished'), ending after the final state (reader role; at most one hour)."
              + " Each event's id is the run's version: a client reconnecting with Last-Event-ID"
              + " gets only later changes")
  public Multi<OutboundSseEvent> progress(
      @Parameter(description = "run id") @PathParam("runId") String runId,
      @Parameter(description = "id of the last event received, to resume after it")
          @HeaderParam("Last-Event-ID")
          String lastEventId,
      @Context Sse sse) {
    Caller caller = context.caller();
    var first = service.snapshot(caller, runId); // 404 before the stream starts
    AtomicLong sent = new AtomicLong(resumeAfter(lastEventId));
    AtomicBoolean ended = new AtomicBoolean(false);
    AtomicReference<RunResponse> last = new AtomicReference<>();
    Multi<InstanceBackupService.RunSnapshot> later =
        Multi.createFrom()
            .ticks()
            .startingAfter(POLL)
            .onExecutor(Infrastructure.getDefaultWorkerPool())
            .every(POLL)
            .onOverflow()
            .drop()
            .map(tick -> service.snapshot(caller, runId));
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(first), later)
        // the stream ends once the final state was sent (or seen before a resume)
        .select()
        .first(snapshot -> !ended.get())
        .invoke(snapshot -> ended.set(RunResponse.finished(snapshot.run())))
        .select()
        // only changes: a newer version whose content differs (a claim alone changes nothing)
        .where(snapshot -> snapshot.version() > sent.get() && !snapshot.run().equals(last.get()))
        .invoke(
            snapshot -> {
              sent.set(snapshot.version());
              last.set(snapshot.run());
            })
        .map(snapshot -> event(sse, snapshot))
        .select()
        .first(MAX_STREAM);
  }

  private static OutboundSseEvent event(Sse sse, InstanceBackupService.RunSnapshot snapshot) {
    return sse.newEventBuilder()
        .id(Long.toString(snapshot.version()))
        .name(RunResponse.finished(snapshot.run()) ? FINISHED : PROGRESS)
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(RunResponse.class, snapshot.run())
        .build();
  }

  /** The version a resuming client has seen; anything unreadable counts as nothing seen. */
  private static long resumeAfter(String lastEventId) {
    if (lastEventId == null || !lastEventId.matches("\\d{1,18}")) {
      return -1;
    }
    return Long.parseLong(lastEventId);
  }
}
