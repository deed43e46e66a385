/** {@code vigil drift}: a flow's drift tests for an execution date, as a table. */
package io.vigil.cli.drift;
