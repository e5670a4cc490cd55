package dev.trovekeeper.testing;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits for what the inventory registers from the demo region. */
public final class Targets {

  private Targets() {}

  /** The target of a Trove instance, once its notification (or a reconcile) registered it. */
  public static Target awaitInstance(TargetRepository targets, String instanceId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                    () ->
                        targets
                            .findByExternalId(TargetKind.TROVE_INSTANCE, instanceId)
                            .orElse(null)),
            t -> t != null);
  }
}
