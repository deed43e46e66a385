/**
 * Monitoring reports (S1 §21): after an upload, after a distribution and when a sync promotes a
 * model change, a self-contained HTML page with its charts is stored under
 * {@code reports/<kind>/<date>/} in the solution bucket, and an external notification target is told
 * its path. Each kind is switched on in the {@code reports} block of {@code solution.yaml}.
 */
package io.vigil.runtime.monitoring;
