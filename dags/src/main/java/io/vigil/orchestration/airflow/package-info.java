/**
 * A typed client for the REST API of Airflow 3 ({@code /api/v2} of the api-server): list DAGs,
 * pause and unpause, trigger a run with conf, read run and task-instance states, clear failed
 * tasks. metadata-sync uses it to unpause the DAGs it renders, and {@code vigil dag trigger|status}
 * expose it.
 */
package io.vigil.orchestration.airflow;
