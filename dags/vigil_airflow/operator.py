"""``RunJobOperator``: one Vigil job class as one Airflow task."""

from __future__ import annotations

from typing import Any, Mapping

from vigil_airflow.command import EXECUTION_DATE_MODES, VigilCommand
from vigil_airflow.launchers import LocalLauncher, VigilRunFailed

try:  # Airflow 3
    from airflow.sdk import BaseOperator
except ImportError:  # Airflow 2.10+
    from airflow.models.baseoperator import BaseOperator

try:  # Airflow 3
    from airflow.sdk.exceptions import AirflowException, AirflowFailException
except ImportError:  # Airflow 2.10+
    from airflow.exceptions import AirflowException, AirflowFailException


class RunJobOperator(BaseOperator):
    """Runs the job ``<domain>.<JobName>`` of ``solution`` with ``vigil run``.

    The execution date is the DAG run's logical date, or with ``execution_date_mode="PERIOD_END"``
    the end of its data interval (ThetaRay's ExecutionDateMode.PERIOD_END). The bundle is the one
    promoted to the operational branch, pinned to the DAG run, so a sync during the run does not
    change the code its remaining tasks run (the next run gets the new bundle). A failure of bad
    input (exit code 3) is not retried; other failures follow the task's retries.
    """

    template_fields = ("parameters", "spark_conf")
    ui_color = "#d8e7f5"

    def __init__(
        self,
        *,
        job: str,
        solution: str,
        parameters: Mapping[str, Any] | None = None,
        spark_conf: Mapping[str, str] | None = None,
        container_cpu: str | None = None,
        container_memory: str | None = None,
        execution_date_mode: str = "LOGICAL_DATE",
        environment: str = "public",
        bundle: str = "promoted",
        launcher=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if execution_date_mode not in EXECUTION_DATE_MODES:
            raise ValueError(f"Cannot use execution_date_mode {execution_date_mode!r}: expected one of {EXECUTION_DATE_MODES}")
        self.job = job
        self.solution = solution
        self.parameters = dict(parameters or {})
        self.spark_conf = dict(spark_conf or {})
        self.container_cpu = container_cpu
        self.container_memory = container_memory
        self.execution_date_mode = execution_date_mode
        self.environment = environment
        self.bundle = bundle
        self.launcher = launcher

    def execution_date(self, context: Mapping[str, Any]):
        """The date the job runs for: the logical date, or the data interval's end for PERIOD_END."""
        if self.execution_date_mode == "PERIOD_END":
            end = context.get("data_interval_end")
            if end is not None:
                return end
        for key in ("logical_date", "data_interval_start", "run_after"):
            value = context.get(key)
            if value is not None:
                return value
        raise AirflowFailException("Cannot find the execution date of this run: it has no logical date")

    def command(self, context: Mapping[str, Any]) -> VigilCommand:
        dag_run = context.get("dag_run")
        run_id = context.get("run_id") or getattr(dag_run, "run_id", None)
        dag_id = getattr(context.get("dag"), "dag_id", None) or getattr(dag_run, "dag_id", None) or self.dag_id
        return VigilCommand(solution=self.solution, job=self.job, execution_date=self.execution_date(context),
                            dag_id=dag_id, task_id=self.task_id, run_id=run_id, parameters=self.parameters,
                            spark_conf=self.spark_conf, bundle=self.bundle, environment=self.environment)

    def execute(self, context):
        args = self.command(context).arguments()
        self.log.info("vigil %s", " ".join(args))
        launcher = self.launcher or LocalLauncher()
        self._vigil_context = context
        try:
            launcher.launch(args, operator=self, logger=self.log)
        except VigilRunFailed as e:
            if not e.retryable:
                raise AirflowFailException(str(e)) from e
            raise AirflowException(str(e)) from e
