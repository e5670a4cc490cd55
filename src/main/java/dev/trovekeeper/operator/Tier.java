package dev.trovekeeper.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalTime;

/** An operator-defined tier: the bounds tenant policies of its projects must stay within. */
@Entity
@Table(name = "tiers")
public class Tier {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  public String description;

  @Column(name = "min_keep_last")
  public Integer minKeepLast;

  @Column(name = "min_max_age_days")
  public Integer minMaxAgeDays;

  @Column(name = "max_runs_per_day")
  public Integer maxRunsPerDay;

  @Column(name = "min_interval_minutes")
  public Integer minIntervalMinutes;

  @Column(name = "window_earliest")
  public LocalTime windowEarliest;

  @Column(name = "window_latest")
  public LocalTime windowLatest;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
