package dev.trovekeeper.dataset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Mails to a project's owner about suspended datasets ({@code keeper.dataset.suspension-mail}). */
@ConfigMapping(prefix = "keeper.dataset.suspension-mail")
public interface SuspensionMailConfig {

  /** How often queued mails are looked for; also the first wait before a failed send is retried. */
  @WithDefault("5s")
  Duration interval();

  /**
   * Tries before a mail is given up (logged as an error; the suspension stays). An unknown owner
   * address counts as a failed try, so an operator who sets it soon still gets the mail out.
   */
  @WithDefault("10")
  int maxAttempts();

  /** Longest wait between two tries (the wait doubles from {@link #interval()}). */
  @WithDefault("1h")
  Duration retryMaxDelay();
}
