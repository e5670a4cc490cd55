package dev.trovekeeper.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * How to read one tenant dataset: the source's kind and configuration (JSON, without secrets) and
 * its credentials, encrypted by {@link CredentialCipher} and never returned. The dataset's name,
 * project and public id live on its target (kind {@code DATASET}, external id a UUID), so policies,
 * schedules, runs and retention treat it exactly as an instance.
 */
@Entity
@Table(name = "datasets")
public class Dataset {

  /** The id of the dataset's {@code targets} row. */
  @Id
  @Column(name = "target_id")
  public Long targetId;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "source_kind")
  public SourceKind sourceKind;

  /** The source's configuration as JSON, secrets excluded. */
  @Column(name = "source_config")
  public String sourceConfig;

  /** AES-GCM ciphertext of the credentials JSON, bound to the target id; null when none. */
  @Column(name = "credentials_enc")
  public byte[] credentialsEnc;

  /** False while the dataset is suspended (source refused our credentials, tenant inactive). */
  public boolean active = true;

  /** Why it is suspended (e.g. SOURCE_UNAUTHORIZED, BY_TENANT); null while active. */
  @Column(name = "suspended_reason_code")
  public String suspendedReasonCode;

  @Column(name = "suspended_reason")
  public String suspendedReason;

  /** Who suspended it: a user id, {@code source}, {@code webhook}. */
  @Column(name = "suspended_by")
  public String suspendedBy;

  @Column(name = "suspended_at")
  public Instant suspendedAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
