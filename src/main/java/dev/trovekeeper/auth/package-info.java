/**
 * Authentication and authorisation: Keystone tokens and console JWTs, roles, project scoping and
 * the signed deletion confirmations.
 */
package dev.trovekeeper.auth;
