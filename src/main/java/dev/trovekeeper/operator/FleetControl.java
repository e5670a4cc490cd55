package dev.trovekeeper.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The single fleet-wide switch row (id 1): while paused, no run starts anywhere. */
@Entity
@Table(name = "fleet_control")
public class FleetControl {

  public static final byte ID = 1;

  @Id public Byte id;

  public boolean paused;

  @Column(name = "paused_by")
  public String pausedBy;

  @Column(name = "paused_at")
  public Instant pausedAt;

  @Version public long version;
}
