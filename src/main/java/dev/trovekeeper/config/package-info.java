/**
 * Configuration value types shared by every feature's {@code @ConfigMapping}: {@link
 * dev.trovekeeper.config.Secret} keeps credentials out of logs. Imports no other package.
 */
package dev.trovekeeper.config;
