/**
 * Tests of the deployment artefacts: the Helm chart in {@code charts/trove-keeper} and the
 * kustomize manifests in {@code kubernetes/} rendered from it.
 */
package dev.trovekeeper.deploy;
