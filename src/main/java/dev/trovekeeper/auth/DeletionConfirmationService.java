package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deleting backups needs the project owner's consent: a request mails the owner a link carrying a
 * signed, single-use token bound to project, backups and requester; the link shows what would be
 * deleted, and posting its token starts the deletion once.
 */
@ApplicationScoped
public class DeletionConfirmationService {

  private final ConfirmationTokens tokens;
  private final DeletionConfirmationRepository confirmations;
  private final BackupDeleter deleter;
  private final DatasetDeleter datasets;
  private final OwnerEmails owners;
  private final ConfirmationMailer mailer;
  private final AuthConfig config;
  private final Clock clock;

  DeletionConfirmationService(
      ConfirmationTokens tokens,
      DeletionConfirmationRepository confirmations,
      BackupDeleter deleter,
      DatasetDeleter datasets,
      OwnerEmails owners,
      ConfirmationMailer mailer,
      AuthConfig config,
      Clock clock) {
    this.tokens = tokens;
    this.confirmations = confirmations;
    this.deleter = deleter;
    this.datasets = datasets;
    this.owners = owners;
    this.mailer = mailer;
    this.config = config;
    this.clock = clock;
  }

  /** As {@link #request(Caller, List, String)}, to the project's configured owner address. */
  public DeletionRequested request(Caller caller, List<String> artifactIds) {
    caller.require(Role.MEMBER);
    return request(caller, artifactIds, owners.of(projectOf(caller, artifactIds)));
  }

  /**
   * Asks {@code ownerEmail} to confirm deleting these backups. Needs the member role; backups of
   * another project answer 404 (operators may name any project's, one project per request).
   */
  public DeletionRequested request(Caller caller, List<String> artifactIds, String ownerEmail) {
    caller.require(Role.MEMBER);
    List<String> ids = artifactIds.stream().distinct().sorted().toList();
    String projectId = projectOf(caller, ids);
    Instant now = clock.instant();
    ConfirmationClaims claims =
        new ConfirmationClaims(
            UUID.randomUUID().toString(),
            projectId,
            ids,
            caller.userId(),
            now.plus(config.confirmation().validity()),
            null);
    QuarkusTransaction.requiringNew().run(() -> confirmations.persist(row(claims, now)));
    mail(ownerEmail, caller, claims, tokens.sign(claims));
    return new DeletionRequested(projectId, ids, mask(ownerEmail), claims.expiresAt(), null);
  }

  /**
   * Asks the owner of {@code projectId} to confirm deleting the dataset {@code datasetId} (member
   * role). The dataset feature has checked that the caller may see it; nothing is deleted until the
   * owner confirms.
   */
  public DeletionRequested requestDatasetDeletion(
      Caller caller, String projectId, String datasetId, String datasetName) {
    caller.require(Role.MEMBER);
    String ownerEmail = owners.of(projectId);
    Instant now = clock.instant();
    ConfirmationClaims claims =
        new ConfirmationClaims(
            UUID.randomUUID().toString(),
            projectId,
            List.of(),
            caller.userId(),
            now.plus(config.confirmation().validity()),
            datasetId);
    QuarkusTransaction.requiringNew().run(() -> confirmations.persist(row(claims, now)));
    String text =
        """
        %s (%s) asks to delete the dataset %s (%s) of project %s. Its scheduled backups stop;
        the backups it has are kept and age out under the retention rules for deleted targets.

        To see what would be deleted and confirm it, open this link before %s:
        %s
        (Opening the link deletes nothing: the page it shows has a button that confirms.)

        If you do not agree, ignore this mail: nothing is deleted without your confirmation.
        """
            .formatted(
                caller.userName(),
                caller.userId(),
                datasetName,
                datasetId,
                projectId,
                claims.expiresAt(),
                link(tokens.sign(claims)));
    send(ownerEmail, "Confirm deleting dataset " + datasetId + " of project " + projectId, text);
    return new DeletionRequested(
        projectId, List.of(), mask(ownerEmail), claims.expiresAt(), datasetId);
  }

  /**
   * What a confirmation token would delete, without deleting anything: the token must be valid,
   * unused and unexpired.
   */
  @Transactional
  public DeletionReview review(String token) {
    DeletionConfirmation row = usable(token);
    if (row.usedAt != null) {
      throw new KeeperException(ErrorCode.CONFIRMATION_USED, "this link was already used");
    }
    if (!row.expiresAt.isAfter(clock.instant())) {
      throw new KeeperException(ErrorCode.CONFIRMATION_EXPIRED, "the link has expired");
    }
    if (row.datasetId != null) {
      return new DeletionReview(
          row.projectId,
          List.of(),
          row.requester,
          row.expiresAt,
          "POST /v1/deletions/confirm",
          datasets
              .describe(row.projectId, row.datasetId)
              .orElseThrow(DeletionConfirmationService::datasetGone));
    }
    List<String> ids = row.artifactIdList();
    return new DeletionReview(
        row.projectId,
        deleter.describe(row.projectId, ids),
        row.requester,
        row.expiresAt,
        "POST /v1/deletions/confirm",
        null);
  }

  /**
   * Uses a confirmation token: checks signature and expiry, marks its nonce used (once only) and
   * starts deleting the bound backups in the same transaction.
   */
  @Transactional
  public DeletionConfirmed confirm(String token) {
    DeletionConfirmation row = usable(token);
    if (!confirmations.markUsed(row.nonce, clock.instant())) {
      throw row.usedAt != null
          ? new KeeperException(ErrorCode.CONFIRMATION_USED, "this link was already used")
          : new KeeperException(ErrorCode.CONFIRMATION_EXPIRED, "the link has expired");
    }
    if (row.datasetId != null) {
      datasets
          .describe(row.projectId, row.datasetId)
          .orElseThrow(DeletionConfirmationService::datasetGone);
      datasets.delete(row.projectId, row.datasetId, row.requester);
      Log.infof(
          "Deletion of dataset %s of project %s confirmed (requested by %s)",
          row.datasetId, row.projectId, row.requester);
      return new DeletionConfirmed(row.projectId, List.of(), row.requester, row.datasetId);
    }
    List<String> ids = row.artifactIdList();
    deleter.delete(row.projectId, ids);
    Log.infof(
        "Deletion of backups %s of project %s confirmed (requested by %s)",
        ids, row.projectId, row.requester);
    return new DeletionConfirmed(row.projectId, ids, row.requester, null);
  }

  private static KeeperException datasetGone() {
    return new KeeperException(ErrorCode.CONFLICT, "the dataset was deleted already");
  }

  private String link(String token) {
    return config.publicUrl().replaceAll("/+$", "") + "/v1/deletions/confirm?token=" + token;
  }

  /** The stored confirmation a token signed by this service names, bound to the same backups. */
  private DeletionConfirmation usable(String token) {
    if (token == null || token.isBlank()) {
      throw ConfirmationTokens.invalid();
    }
    ConfirmationClaims claims = tokens.verify(token);
    DeletionConfirmation row =
        confirmations.findByIdOptional(claims.nonce()).orElseThrow(ConfirmationTokens::invalid);
    if (!row.projectId.equals(claims.projectId())
        || !row.artifactIdList().equals(claims.artifactIds())
        || !java.util.Objects.equals(row.datasetId, claims.datasetId())) {
      throw ConfirmationTokens.invalid();
    }
    return row;
  }

  /**
   * The one project of these backups. A backup of another project and one that does not exist
   * answer the same 404, also to operators, so that neither tells the other apart.
   */
  private String projectOf(Caller caller, List<String> ids) {
    Map<String, String> projects = deleter.projectsOf(ids);
    for (String id : ids) {
      String project = projects.get(id);
      if (project == null || !ProjectScope.allows(caller, project)) {
        throw new KeeperException(ErrorCode.NOT_FOUND, "no such backup in the project");
      }
    }
    List<String> distinct = projects.values().stream().distinct().toList();
    if (distinct.size() != 1) {
      throw new KeeperException(
          ErrorCode.VALIDATION_FAILED, "one deletion request covers one project's backups");
    }
    return distinct.get(0);
  }

  private void mail(String to, Caller caller, ConfirmationClaims claims, String token) {
    String link = link(token);
    String text =
        """
        %s (%s) asks to delete these backups of project %s: %s.

        To see what would be deleted and confirm it, open this link before %s:
        %s
        (Opening the link deletes nothing: the page it shows has a button that confirms.)

        If you do not agree, ignore this mail: nothing is deleted without your confirmation.
        """
            .formatted(
                caller.userName(),
                caller.userId(),
                claims.projectId(),
                claims.artifactIds(),
                claims.expiresAt(),
                link);
    send(to, "Confirm deleting backups of project " + claims.projectId(), text);
  }

  private void send(String to, String subject, String text) {
    try {
      mailer.send(Mail.withText(to, subject, text));
      // Recipient and subject only: the body holds the link, which is as good as the owner's yes.
      Log.infof("Deletion confirmation mailed to %s: %s", to, subject);
    } catch (RuntimeException e) {
      Log.error("Cannot send the deletion confirmation mail", e);
      throw new KeeperException(ErrorCode.MAIL_UNAVAILABLE, "the confirmation mail cannot be sent");
    }
  }

  private static DeletionConfirmation row(ConfirmationClaims claims, Instant now) {
    DeletionConfirmation row = new DeletionConfirmation();
    row.nonce = claims.nonce();
    row.projectId = claims.projectId();
    row.requester = claims.requester();
    row.artifactIds = DeletionConfirmation.join(claims.artifactIds());
    row.datasetId = claims.datasetId();
    row.createdAt = now;
    row.expiresAt = claims.expiresAt();
    return row;
  }

  private static String mask(String email) {
    int at = email.indexOf('@');
    return at <= 1
        ? "***" + email.substring(Math.max(at, 0))
        : email.charAt(0) + "***" + email.substring(at);
  }

  /** Deletes up to {@code batch} confirmations that expired before {@code cutoff}. */
  @Transactional
  public int pruneExpiredBefore(java.time.Instant cutoff, int batch) {
    return confirmations
        .getEntityManager()
        .createNativeQuery(
            "DELETE FROM deletion_confirmations WHERE expires_at < ?1 ORDER BY expires_at LIMIT ?2")
        .setParameter(1, java.time.LocalDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
        .setParameter(2, batch)
        .executeUpdate();
  }
}
