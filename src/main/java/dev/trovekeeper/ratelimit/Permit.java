package dev.trovekeeper.ratelimit;

/**
 * Leave to send one request, to be reported back with its outcome.
 *
 * @param grantedAtMillis when it was granted (epoch ms)
 * @param limit the shared current limit when it was granted
 * @param ceiling the configured limit
 */
public record Permit(long grantedAtMillis, int limit, int ceiling) {}
