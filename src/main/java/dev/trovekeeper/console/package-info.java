/**
 * The web console under {@code /console}: Qute pages with htmx for tenants and operators, signed in
 * through Keystone or a signed hand-off link, calling the same services as the REST API.
 */
package dev.trovekeeper.console;
