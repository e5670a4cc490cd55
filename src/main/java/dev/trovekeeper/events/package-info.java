/**
 * Signals to other systems: the transactional outbox of outgoing events relayed to Kafka, and the
 * Prometheus metrics per target and project.
 */
package dev.trovekeeper.events;
