/**
 * Black-box tests of the packaged service: each starts {@code quarkus-run.jar} as a child process
 * with its own working directory and talks to it over HTTP only.
 */
package dev.trovekeeper.it;
