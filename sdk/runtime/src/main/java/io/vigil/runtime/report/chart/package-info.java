/**
 * PNG charts for model, drift and monitoring reports, drawn with XChart without a display
 * ({@code java.awt.headless}): histograms, overlaid histograms of two or more distributions, 2-D
 * scatter plots by label, and bar charts. Pure functions of plain arrays that write one file each.
 */
package io.vigil.runtime.report.chart;
