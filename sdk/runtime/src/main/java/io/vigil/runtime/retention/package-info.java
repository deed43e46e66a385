/**
 * Retention purge (S1 §3.4): the data of an APPEND dataset older than its {@code retention_policy}
 * keeps is deleted from Delta and from the CDD, and each purge is audited.
 */
package io.vigil.runtime.retention;
