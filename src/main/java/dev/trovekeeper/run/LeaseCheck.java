package dev.trovekeeper.run;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses to start with a run lease that a late renewal could let run out. */
@ApplicationScoped
class LeaseCheck {

  void onStart(@Observes @Priority(1) StartupEvent event, RunConfig run) {
    LeaseBudget.problem(run.lease(), run.leaseRenewal())
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem);
            });
  }
}
