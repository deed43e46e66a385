/**
 * The model update monitoring report (S1 §21): what a promoted sync changed in the solution's
 * models, with the versions the references resolve to before and after it.
 */
package io.vigil.sync.report;
