/**
 * Authentication and authorisation: Keystone tokens and console JWTs, roles, project scoping, the
 * signed deletion confirmations, and the Secret type that keeps credentials out of logs.
 */
package dev.trovekeeper.auth;
