package dev.trovekeeper.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The next slot of one target, and which replica holds its claim until when. */
@Entity
@Table(name = "schedules")
public class Schedule {

  public static final String ACTIVE = "ACTIVE";
  public static final String QUARANTINED = "QUARANTINED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "policy_id")
  public Long policyId;

  @Column(name = "next_fire_at")
  public Instant nextFireAt;

  @Column(name = "last_slot_at")
  public Instant lastSlotAt;

  @Column(name = "jitter_seconds")
  public int jitterSeconds;

  public boolean enabled = true;

  /** ACTIVE, or QUARANTINED: firing it failed; the engine skips it until its policy changes. */
  public String state = ACTIVE;

  @Column(name = "quarantine_reason")
  public String quarantineReason;

  @Column(name = "quarantined_at")
  public Instant quarantinedAt;

  @Column(name = "claimed_by")
  public String claimedBy;

  @Column(name = "claim_expires_at")
  public Instant claimExpiresAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
