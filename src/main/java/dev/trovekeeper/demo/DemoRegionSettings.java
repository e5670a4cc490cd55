package dev.trovekeeper.demo;

import java.time.Duration;

/**
 * How the demo region behaves.
 *
 * @param regionName the region in the catalog and in Trove's answers
 * @param instanceBuildDelay time an instance stays BUILD before ACTIVE
 * @param backupStartDelay time a backup stays NEW before BUILDING
 * @param backupBuildDelay time a backup stays BUILDING before COMPLETED or FAILED
 * @param instanceDeleteDelay time an instance stays SHUTDOWN before it is gone
 * @param instanceRestartDelay time an instance stays REBOOT after a restart action
 * @param backupDeleteDelay time a deleted backup is still listed (Trove deletes in the background)
 * @param tokenTtl lifetime of Keystone tokens
 * @param backupQuota backups per project (Trove's {@code max_backups_per_tenant}, 50); a project
 *     may have its own, see {@link DemoRegion#setBackupQuota}
 * @param instanceQuota instances per project, shown in {@code GET /limits}
 * @param volumeQuota volumes per project, shown in {@code GET /limits}
 * @param rateLimitPerMinute requests per verb per project per minute (Trove's {@code http_*_rate},
 *     200); 0 turns rate limiting off
 * @param mgmtRateLimitPerMinute POSTs on {@code mgmt/*} per project per minute ({@code
 *     http_mgmt_post_rate}, 200)
 * @param seed whether to create the users, projects and instances of {@link DemoSeed}
 * @param port loopback port to listen on; 0 picks a free one
 */
public record DemoRegionSettings(
    String regionName,
    Duration instanceBuildDelay,
    Duration backupStartDelay,
    Duration backupBuildDelay,
    Duration instanceDeleteDelay,
    Duration instanceRestartDelay,
    Duration backupDeleteDelay,
    Duration tokenTtl,
    int backupQuota,
    int instanceQuota,
    int volumeQuota,
    int rateLimitPerMinute,
    int mgmtRateLimitPerMinute,
    boolean seed,
    int port) {

  /** Realistic delays, Trove's default limits, seeded. */
  public static DemoRegionSettings defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    var b = new Builder();
    b.regionName = regionName;
    b.instanceBuildDelay = instanceBuildDelay;
    b.backupStartDelay = backupStartDelay;
    b.backupBuildDelay = backupBuildDelay;
    b.instanceDeleteDelay = instanceDeleteDelay;
    b.instanceRestartDelay = instanceRestartDelay;
    b.backupDeleteDelay = backupDeleteDelay;
    b.tokenTtl = tokenTtl;
    b.backupQuota = backupQuota;
    b.instanceQuota = instanceQuota;
    b.volumeQuota = volumeQuota;
    b.rateLimitPerMinute = rateLimitPerMinute;
    b.mgmtRateLimitPerMinute = mgmtRateLimitPerMinute;
    b.seed = seed;
    b.port = port;
    return b;
  }

  /** Mutable builder for {@link DemoRegionSettings}. */
  public static final class Builder {
    private String regionName = "RegionOne";
    private Duration instanceBuildDelay = Duration.ofSeconds(10);
    private Duration backupStartDelay = Duration.ofSeconds(1);
    private Duration backupBuildDelay = Duration.ofSeconds(3);
    private Duration instanceDeleteDelay = Duration.ofSeconds(2);
    private Duration instanceRestartDelay = Duration.ofSeconds(3);
    private Duration backupDeleteDelay = Duration.ofSeconds(1);
    private Duration tokenTtl = Duration.ofHours(1);
    private int backupQuota = 50;
    private int instanceQuota = 5;
    private int volumeQuota = 40;
    private int rateLimitPerMinute = 200;
    private int mgmtRateLimitPerMinute = 200;
    private boolean seed = true;
    private int port;

    private Builder() {}

    public Builder regionName(String v) {
      regionName = v;
      return this;
    }

    public Builder instanceBuildDelay(Duration v) {
      instanceBuildDelay = v;
      return this;
    }

    public Builder backupStartDelay(Duration v) {
      backupStartDelay = v;
      return this;
    }

    public Builder backupBuildDelay(Duration v) {
      backupBuildDelay = v;
      return this;
    }

    public Builder instanceDeleteDelay(Duration v) {
      instanceDeleteDelay = v;
      return this;
    }

    public Builder instanceRestartDelay(Duration v) {
      instanceRestartDelay = v;
      return this;
    }

    /** How long a deleted backup stays listed (COMPLETED) before it is gone; ZERO: at once. */
    public Builder backupDeleteDelay(Duration v) {
      backupDeleteDelay = v;
      return this;
    }

    public Builder tokenTtl(Duration v) {
      tokenTtl = v;
      return this;
    }

    public Builder backupQuota(int v) {
      backupQuota = v;
      return this;
    }

    public Builder instanceQuota(int v) {
      instanceQuota = v;
      return this;
    }

    public Builder volumeQuota(int v) {
      volumeQuota = v;
      return this;
    }

    /** POSTs on {@code mgmt/*} per project per minute. */
    public Builder mgmtRateLimitPerMinute(int v) {
      mgmtRateLimitPerMinute = v;
      return this;
    }

    /** Requests per verb per project per minute; 0 turns rate limiting off. */
    public Builder rateLimitPerMinute(int v) {
      rateLimitPerMinute = v;
      return this;
    }

    public Builder seed(boolean v) {
      seed = v;
      return this;
    }

    /** Loopback port; 0 (the default) picks a free one. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** Sets all six lifecycle delays at once (handy in tests). */
    public Builder allDelays(Duration v) {
      return instanceBuildDelay(v)
          .backupStartDelay(v)
          .backupBuildDelay(v)
          .instanceDeleteDelay(v)
          .instanceRestartDelay(v)
          .backupDeleteDelay(v);
    }

    public DemoRegionSettings build() {
      return new DemoRegionSettings(
          regionName,
          instanceBuildDelay,
          backupStartDelay,
          backupBuildDelay,
          instanceDeleteDelay,
          instanceRestartDelay,
          backupDeleteDelay,
          tokenTtl,
          backupQuota,
          instanceQuota,
          volumeQuota,
          rateLimitPerMinute,
          mgmtRateLimitPerMinute,
          seed,
          port);
    }
  }
}
