/**
 * Cross-feature HTTP plumbing: the error codes, the one mapper that writes every error as
 * application/problem+json (RFC 9457), the HTTP layer's own refusals as problems (HttpLayerGuard),
 * opaque cursor pages and the request-id filter.
 */
package dev.trovekeeper.api;
