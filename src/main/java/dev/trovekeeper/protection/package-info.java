/**
 * The one definition of how well a target is protected: the facts read in one query, the state
 * decided by one pure function. The tenant API, the coverage report and the metrics all read it.
 */
package dev.trovekeeper.protection;
