/**
 * Built-in demo OpenStack region: a Keystone v3 + Trove v1.0 simulator on the JDK HTTP server.
 * Plain Java (no CDI) so tests start it in-process; it matches the recordings in trove-wire.
 */
package dev.trovekeeper.demo;
