package dev.trovekeeper.run;

import dev.trovekeeper.trove.OpenStackConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses to start with a run lease shorter than one Trove call's worst case. */
@ApplicationScoped
class LeaseCheck {

  void onStart(@Observes @Priority(1) StartupEvent event, RunConfig run, OpenStackConfig trove) {
    LeaseBudget.problem(
            run.lease(),
            LeaseBudget.worstCaseCall(
                trove.retryMaxAttempts(),
                trove.timeout(),
                trove.retryBaseDelay(),
                trove.retryMaxDelay()))
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem);
            });
  }
}
