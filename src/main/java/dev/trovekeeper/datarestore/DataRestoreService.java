package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.ProjectScope;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.dataset.LiveSources;
import dev.trovekeeper.dataset.SourceLimits;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunResponse;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tenant's restores of dataset backups: ask for one (member role, audited; a run of the same
 * engine), estimate one without writing anything, read its state and counts and page through its
 * error log (reader role). Another project's dataset, backup or restore is 404, as an unknown one.
 */
@ApplicationScoped
public class DataRestoreService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DatasetService datasets;
  private final RunService runs;
  private final DataRestoreStore store;
  private final AuditService audit;
  private final LiveSources live;
  private final ObjectStore objects;
  private final ArchiveSettings settings;

  DataRestoreService(
      DatasetService datasets,
      RunService runs,
      DataRestoreStore store,
      AuditService audit,
      LiveSources live,
      ObjectStore objects,
      ArchiveSettings settings) {
    this.datasets = datasets;
    this.runs = runs;
    this.store = store;
    this.audit = audit;
    this.live = live;
    this.objects = objects;
    this.settings = settings;
  }

  /**
   * Queues a restore of the dataset's backup {@code request.backupId()} into its live source: 404
   * for a dataset or backup unknown or of another project, 409 for a backup not COMPLETED or a
   * deleted dataset, 400 for a selection that names nothing.
   */
  @Transactional
  public RunResponse request(
      Caller caller, String datasetId, DataRestoreRequest request, String requestId) {
    caller.require(Role.MEMBER);
    check(request);
    Target target = datasets.target(caller, datasetId);
    if (target.isGone()) {
      throw new KeeperException(ErrorCode.CONFLICT, "the dataset was deleted");
    }
    Artifact backup = completed(target, request.backupId());
    Run run = runs.createRequested(target.id, target.projectId, Operation.RESTORE_DATA);
    store.create(
        run.id,
        target.id,
        target.projectId,
        backup.id,
        backup.publicId,
        Selection.json(request.selection()),
        Boolean.TRUE.equals(request.includeAdded()));
    RunResponse response = RunResponse.of(run, target);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "dataset.restore",
        "run",
        run.publicId,
        target.projectId,
        null,
        request,
        requestId);
    return response;
  }

  /**
   * What the restore would cost: calls per entity and in total, and their duration under the
   * source's rate limit, from the backup's manifest and the dataset's configuration (the source is
   * not called, nothing is written). Same refusals as {@link #request}.
   */
  public RestoreEstimate estimate(Caller caller, String datasetId, DataRestoreRequest request) {
    caller.require(Role.MEMBER);
    check(request);
    Target target =
        QuarkusTransaction.requiringNew().call(() -> datasets.target(caller, datasetId));
    Artifact backup =
        QuarkusTransaction.requiringNew().call(() -> completed(target, request.backupId()));
    Manifest manifest =
        ArchiveReader.open(
                objects,
                settings,
                new ArchiveId(
                    target.projectId,
                    UUID.fromString(target.externalId),
                    UUID.fromString(backup.externalId)))
            .manifest();
    SourceLimits limits =
        live.limits(target.id)
            .orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no such dataset"));
    Selection selection = Selection.parse(Selection.json(request.selection()));
    List<RestoreEstimate.EntityEstimate> entities = new ArrayList<>();
    long total = 0;
    for (Manifest.Entity entity : manifest.entities()) {
      long selected =
          selection.whole(entity.name())
              ? entity.records()
              : request.selection().objects() == null
                  ? 0
                  : request.selection().objects().stream()
                      .filter(o -> o.entity().equals(entity.name()))
                      .count();
      Integer page = limits.pageSizes().get(entity.name());
      // the safety backup and the comparison each read the entity once
      long reads =
          page == null ? 2 : 2 * Math.max(1, (entity.records() + page - 1) / Math.max(1, page));
      entities.add(
          new RestoreEstimate.EntityEstimate(
              entity.name(), entity.records(), selected, reads, selected));
      total += reads + selected;
    }
    if (limits.rateLimit() == null) {
      return new RestoreEstimate(
          backup.publicId, limits.kind().name(), entities, total, null, null, null);
    }
    int requests = limits.rateLimit().requests();
    double window = limits.rateLimit().window().toMillis() / 1000.0;
    long eta = (long) Math.ceil(total * window / requests);
    return new RestoreEstimate(
        backup.publicId, limits.kind().name(), entities, total, requests, window, eta);
  }

  /** The restore's state and counts; 404 when unknown or of another project. */
  @Transactional
  public DataRestoreResponse summary(Caller caller, String restoreId) {
    caller.require(Role.READER);
    DataRestoreStore.Summary s = visible(caller, restoreId);
    long[] c = s.counts();
    return new DataRestoreResponse(
        s.publicId(),
        s.datasetId(),
        s.backupPublicId(),
        s.safetyRunId(),
        s.safetyBackupId(),
        RunState.valueOf(s.state()),
        s.reasonCode(),
        s.reason(),
        parse(s.selection()),
        s.includeAdded(),
        new DataRestoreResponse.Counts(c[0] + c[1] + c[2], c[0], c[1], c[2], c[3], c[4], c[5]),
        s.createdAt(),
        s.finishedAt());
  }

  /** A page of the restore's error log, in the order the refusals happened. */
  @Transactional
  public Page<RestoreErrorResponse> errors(
      Caller caller, String restoreId, String limit, String cursor) {
    caller.require(Role.READER);
    int size = Page.limit(limit);
    String after = Cursor.decode(cursor);
    DataRestoreStore.Summary restore = visible(caller, restoreId);
    String prefix = restore.publicId().replace("-", "") + ".";
    long afterSeq = 0;
    if (after != null) {
      if (!after.startsWith(prefix) || !after.substring(prefix.length()).matches("\\d{1,18}")) {
        throw Cursor.invalid();
      }
      afterSeq = Long.parseLong(after.substring(prefix.length()));
    }
    Page<DataRestoreStore.ErrorRow> page =
        Page.of(store.errorPage(restore.runId(), afterSeq, size + 1), size, r -> prefix + r.seq());
    return new Page<>(
        page.items().stream()
            .map(
                r ->
                    new RestoreErrorResponse(
                        r.entity(), r.objectId(), r.action(), r.status(), r.message()))
            .toList(),
        page.nextCursor());
  }

  private static void check(DataRestoreRequest request) {
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a restore body is required");
    }
    DataRestoreRequest.Selection s = request.selection();
    boolean named =
        (s.entities() != null && !s.entities().isEmpty())
            || (s.objects() != null && !s.objects().isEmpty());
    if (s.everything() && named) {
      throw KeeperException.invalid(
          "selection", "is either {\"all\": true} or entities and objects, not both");
    }
    if (!s.everything() && !named) {
      throw KeeperException.invalid(
          "selection", "names nothing: {\"all\": true}, entities or objects");
    }
  }

  private Artifact completed(Target target, String backupId) {
    Artifact backup =
        runs.backup(target.id, backupId)
            .orElseThrow(
                () -> new KeeperException(ErrorCode.NOT_FOUND, "no such backup of the dataset"));
    if (!"COMPLETED".equals(backup.status)) {
      throw new KeeperException(
          ErrorCode.CONFLICT,
          "only a COMPLETED backup can be restored; backup " + backupId + " is " + backup.status);
    }
    return backup;
  }

  private DataRestoreStore.Summary visible(Caller caller, String restoreId) {
    return store
        .summary(restoreId)
        .filter(d -> ProjectScope.allows(caller, d.projectId()))
        .orElseThrow(
            () -> new KeeperException(ErrorCode.NOT_FOUND, "no such restore in the project"));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a stored selection is not JSON", e);
    }
  }
}
