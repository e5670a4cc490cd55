package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.ProjectScope;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunResponse;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tenant's diffs: ask for one (member role, audited; a run of the same engine), read its
 * summary and page through its changes (reader role). Another project's diff, dataset or backup is
 * 404, as an unknown one.
 */
@ApplicationScoped
public class DiffService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final DatasetService datasets;
  private final RunService runs;
  private final DiffStore store;
  private final AuditService audit;

  DiffService(DatasetService datasets, RunService runs, DiffStore store, AuditService audit) {
    this.datasets = datasets;
    this.runs = runs;
    this.store = store;
    this.audit = audit;
  }

  /**
   * Queues a diff of the dataset's backup {@code backupId} against its other backup {@code
   * otherBackupId} or, without one, against the live data: 404 for a dataset or backup that is
   * unknown or of another project, 409 for a backup that is not COMPLETED or a deleted dataset.
   */
  @Transactional
  public RunResponse request(
      Caller caller, String datasetId, DiffRequest request, String requestId) {
    caller.require(Role.MEMBER);
    Target target = datasets.target(caller, datasetId);
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a diff body is required");
    }
    if (target.isGone()) {
      throw new KeeperException(ErrorCode.CONFLICT, "the dataset was deleted");
    }
    Artifact base = completed(target, request.backupId());
    Artifact other =
        request.otherBackupId() == null ? null : completed(target, request.otherBackupId());
    Run run = runs.createRequested(target.id, target.projectId, Operation.DIFF);
    store.create(run.id, target.id, target.projectId, base.id, other == null ? null : other.id);
    RunResponse response = RunResponse.of(run, target);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "dataset.diff",
        "run",
        run.publicId,
        target.projectId,
        null,
        response,
        requestId);
    return response;
  }

  /** The diff's state and counts; 404 when unknown or of another project. */
  @Transactional
  public DiffResponse summary(Caller caller, String diffId) {
    caller.require(Role.READER);
    DiffStore.Summary diff = visible(caller, diffId);
    List<DiffResponse.EntityCounts> entities =
        store.entities(diff.runId()).stream()
            .map(
                e ->
                    new DiffResponse.EntityCounts(
                        e.entity(), e.added(), e.changed(), e.removed(), e.unchanged()))
            .toList();
    DiffResponse.Counts totals =
        new DiffResponse.Counts(
            entities.stream().mapToLong(DiffResponse.EntityCounts::added).sum(),
            entities.stream().mapToLong(DiffResponse.EntityCounts::changed).sum(),
            entities.stream().mapToLong(DiffResponse.EntityCounts::removed).sum(),
            entities.stream().mapToLong(DiffResponse.EntityCounts::unchanged).sum());
    return new DiffResponse(
        diff.publicId(),
        diff.datasetId(),
        diff.baseBackupId(),
        diff.otherBackupId(),
        RunState.valueOf(diff.state()),
        diff.reasonCode(),
        diff.createdAt(),
        diff.finishedAt(),
        totals,
        entities);
  }

  /**
   * A page of the diff's changes in comparison order (entity, then id), optionally of one entity
   * and one kind; every parameter is checked before the diff is looked up.
   */
  @Transactional
  public Page<ChangeResponse> changes(
      Caller caller, String diffId, String entity, String kind, String limit, String cursor) {
    caller.require(Role.READER);
    if (entity != null && !ENTITY.matcher(entity).matches()) {
      throw KeeperException.invalid(
          "entity", "must be an entity name (letters, digits, '_', '-'; up to 64)");
    }
    ChangeKind changeKind = kind(kind);
    int size = Page.limit(limit);
    String after = Cursor.decode(cursor);
    DiffStore.Summary diff = visible(caller, diffId);
    long afterSeq = after == null ? 0 : position(diff, after);
    List<DiffStore.ChangeRow> rows =
        store.changes(diff.runId(), entity, changeKind, afterSeq, size + 1);
    Page<DiffStore.ChangeRow> page =
        Page.of(rows, size, r -> diff.publicId().replace("-", "") + "." + r.seq());
    return new Page<>(
        page.items().stream()
            .map(r -> new ChangeResponse(r.entity(), r.objectId(), r.kind(), patch(r.patch())))
            .toList(),
        page.nextCursor());
  }

  private Artifact completed(Target target, String backupId) {
    Artifact backup =
        runs.backup(target.id, backupId)
            .orElseThrow(
                () -> new KeeperException(ErrorCode.NOT_FOUND, "no such backup of the dataset"));
    if (!"COMPLETED".equals(backup.status)) {
      throw new KeeperException(
          ErrorCode.CONFLICT,
          "only a COMPLETED backup can be compared; backup " + backupId + " is " + backup.status);
    }
    return backup;
  }

  private DiffStore.Summary visible(Caller caller, String diffId) {
    return store
        .summary(diffId)
        .filter(d -> ProjectScope.allows(caller, d.projectId()))
        .orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no such diff in the project"));
  }

  /** The change number a cursor of this diff's list carries; a cursor of another list is 400. */
  private static long position(DiffStore.Summary diff, String key) {
    String prefix = diff.publicId().replace("-", "") + ".";
    if (!key.startsWith(prefix) || !key.substring(prefix.length()).matches("\\d{1,18}")) {
      throw Cursor.invalid();
    }
    return Long.parseLong(key.substring(prefix.length()));
  }

  private static ChangeKind kind(String kind) {
    if (kind == null) {
      return null;
    }
    try {
      return ChangeKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw KeeperException.invalid(
          "kind", "must be one of " + Arrays.toString(ChangeKind.values()));
    }
  }

  private static JsonNode patch(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("a stored patch is not JSON", e);
    }
  }
}
