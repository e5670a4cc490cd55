/**
 * Benchmarks, not tests: tagged {@code bench}, excluded from {@code mvn verify}, run on demand (see
 * README, "Benchmarks").
 */
package dev.trovekeeper.bench;
