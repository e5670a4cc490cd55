package dev.trovekeeper.retention;

import java.util.List;

/**
 * The outcome of {@link Retention#decide}: every input backup is in exactly one of the two lists,
 * each ordered oldest first (creation time, then id).
 *
 * @param keep the backups that stay
 * @param delete the backups that go, including those deleted by cascade (see {@link Deletion})
 */
public record RetentionDecision(List<Kept> keep, List<Deletion> delete) {

  /** Makes both lists unmodifiable copies. */
  public RetentionDecision {
    keep = List.copyOf(keep);
    delete = List.copyOf(delete);
  }

  /** The ids to send {@code DELETE /backups/{id}} for, oldest first: the non-cascaded deletes. */
  public List<String> toRequest() {
    return delete.stream().filter(d -> !d.cascaded()).map(Deletion::id).toList();
  }
}
