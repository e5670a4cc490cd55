/**
 * OpenStack connector: Keystone v3 tokens (openstack4j), our own small Trove v1.0 client
 * (openstack4j has no backups API) with typed refusals, and the oslo notification listener.
 */
package dev.trovekeeper.trove;
