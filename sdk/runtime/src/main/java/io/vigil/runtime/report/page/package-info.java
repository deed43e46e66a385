/**
 * Self-contained HTML report pages (inline style, no script, no external resource), with every value
 * HTML-escaped: a general table page and the top-anomalies page saved with a detection model.
 */
package io.vigil.runtime.report.page;
