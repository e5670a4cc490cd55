/**
 * The tenant's view of its Trove instances ({@code /v1/instances}): each instance with its
 * protection and effective policy. Sits on top: reads inventory, policy and protection.
 */
package dev.trovekeeper.instance;
