/**
 * Readers of tenant application data (REST APIs in {@code rest}, shared-schema SQL in {@code sql})
 * and the {@link dev.trovekeeper.source.RecordSink} they stream records into.
 */
package dev.trovekeeper.source;
