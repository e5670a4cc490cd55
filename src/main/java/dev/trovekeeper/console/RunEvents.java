package dev.trovekeeper.console;

import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.run.InstanceBackupService;
import dev.trovekeeper.run.RunResponse;
import dev.trovekeeper.run.RunState;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's progress bar as Server-Sent Events of HTML (htmx's SSE extension swaps them in): event
 * {@code progress} on each change, {@code finished} with the final state, then the stream ends. The
 * same data as {@code /v1/runs/{id}/progress}, authenticated by the console session.
 */
@Path("/console/runs/{runId}/events")
public class RunEvents {

  static final Duration POLL = Duration.ofMillis(500);
  static final Duration MAX_STREAM = Duration.ofHours(1);

  @Location("console/progress.html")
  Template progress;

  private final ConsoleAccess access;
  private final InstanceBackupService service;

  RunEvents(ConsoleAccess access, InstanceBackupService service) {
    this.access = access;
    this.service = service;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Blocking
  public Multi<OutboundSseEvent> events(
      @Context HttpHeaders headers, @PathParam("runId") String runId, @Context Sse sse) {
    Caller caller = access.require(headers).caller();
    RunResponse first = ConsoleFailure.call(() -> service.run(caller, runId));
    AtomicBoolean ended = new AtomicBoolean(false);
    AtomicReference<RunResponse> last = new AtomicReference<>();
    Multi<RunResponse> later =
        Multi.createFrom()
            .ticks()
            .startingAfter(POLL)
            .onExecutor(Infrastructure.getDefaultWorkerPool())
            .every(POLL)
            .onOverflow()
            .drop()
            .map(tick -> service.run(caller, runId));
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(first), later)
        .select()
        .first(run -> !ended.get())
        .invoke(run -> ended.set(finished(run)))
        .select()
        .where(run -> !run.equals(last.get()))
        .invoke(last::set)
        .map(run -> event(sse, run))
        .select()
        .first(MAX_STREAM);
  }

  private OutboundSseEvent event(Sse sse, RunResponse run) {
    // one line: each line of an SSE event's data is a "data:" field of its own
    String html = progress.data("run", run).render().replaceAll("\\s*\\n\\s*", " ").trim();
    return sse.newEventBuilder()
        .name(finished(run) ? "finished" : "progress")
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(String.class, html)
        .build();
  }

  static boolean finished(RunResponse run) {
    return run.state() == RunState.SUCCEEDED
        || run.state() == RunState.FAILED
        || run.state() == RunState.SKIPPED
        || run.state() == RunState.CANCELLED
        || run.state() == RunState.PARTIAL;
  }
}
