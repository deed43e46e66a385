"""``RunJobOperator``: one Vigil job class as one Airflow task."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Mapping

from vigil_airflow.command import EXECUTION_DATE_MODES, VigilCommand, check_no_secrets, cpu_cores, memory_size
from vigil_airflow.launchers import LocalLauncher
from vigil_airflow.schedule import next_fire_time

try:  # Airflow 3
    from airflow.sdk import BaseOperator
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:  # pragma: no cover - older Airflow
    from airflow.exceptions import AirflowFailException
    from airflow.models.baseoperator import BaseOperator

log = logging.getLogger(__name__)


class RunJobOperator(BaseOperator):
    """Runs the job ``<domain>.<JobName>`` of ``solution`` with ``vigil run``, as ThetaRay's RunNotebookOperator runs a notebook.

    The command line (see :mod:`vigil_airflow.command`) carries:

    * the execution date: the DAG run's logical date, or with ``execution_date_mode="PERIOD_END"``
      the end of its data interval (a monthly run for January gets 1 February). DAG files rendered by
      Vigil schedule with :func:`vigil_airflow.interval_schedule`, so that a run covers a period;
    * ``--bundle promoted --run-key <dag_id>/<run_id>``: vigil pins the commit promoted to the
      operational branch to the DAG run, so every task of the run uses the same bundle even if a
      sync happens mid-run; the next run gets the new one;
    * the task's ``parameters`` (non-strings as JSON) and ``spark_conf``, which are templated.

    ``container_cpu`` and ``container_memory`` size the task: the spark-submit launcher turns them
    into driver cores and memory, the Kubernetes launcher into pod requests and limits; the local
    launcher ignores them. ``launcher`` defaults to :class:`LocalLauncher`.

    A failed run is retried per the task's ``retries``, except bad input (exit code 3: unknown job
    or bundle, invalid date or parameter), which fails the task at once since a retry cannot help.
    """

    template_fields = ("parameters", "spark_conf")
    template_fields_renderers = {"parameters": "json", "spark_conf": "json"}
    ui_color = "#d8e7f5"

    def __init__(
        self,
        *,
        job: str,
        solution: str,
        parameters: Mapping[str, Any] | None = None,
        container_cpu: str | None = None,
        container_memory: str | None = None,
        spark_conf: Mapping[str, str] | None = None,
        execution_date_mode: str = "LOGICAL_DATE",
        environment: str = "public",
        bundle: str = "promoted",
        launcher=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if execution_date_mode not in EXECUTION_DATE_MODES:
            raise ValueError(
                f"Cannot use execution_date_mode {execution_date_mode!r} in task {self.task_id}: "
                f"expected one of {', '.join(EXECUTION_DATE_MODES)}")
        cpu_cores(container_cpu)
        memory_size(container_memory)
        check_no_secrets("parameter", parameters or {})
        check_no_secrets("Spark property", spark_conf or {})
        self.job = job
        self.solution = solution
        self.parameters = dict(parameters or {})
        self.spark_conf = {str(k): str(v) for k, v in (spark_conf or {}).items()}
        self.container_cpu = container_cpu
        self.container_memory = container_memory
        self.execution_date_mode = execution_date_mode
        self.environment = environment
        self.bundle = bundle
        self.launcher = launcher

    def execution_date(self, context: Mapping[str, Any]) -> datetime:
        """The date the job runs for: the logical date, or with PERIOD_END the end of the period it starts.

        The period end is the next time the DAG's cron schedule fires after the logical date, as
        ``Dag.executionDate`` computes it in Java: the same for scheduled, manual and local runs
        (Airflow infers the data interval of a manual run differently). A DAG without a cron
        schedule has no period: its runs get the data interval's end, which is the logical date
        unless a custom timetable says otherwise.
        """
        logical = context.get("logical_date")
        if logical is None:
            logical = context.get("data_interval_start") or getattr(context.get("dag_run"), "run_after", None)
        if logical is None:
            raise AirflowFailException(f"Cannot run job {self.job}: this DAG run has no logical date")
        if self.execution_date_mode == "LOGICAL_DATE":
            return logical
        period_end = next_fire_time(self._timetable(), logical)
        if period_end is not None:
            return period_end
        end = context.get("data_interval_end")
        return end if end is not None and end > logical else logical

    def command(self, context: Mapping[str, Any]) -> VigilCommand:
        """The ``vigil run`` command of this task in the DAG run of ``context``."""
        dag_run = context.get("dag_run")
        run_id = context.get("run_id") or getattr(dag_run, "run_id", None)
        if not run_id:
            raise AirflowFailException(f"Cannot run job {self.job}: the context has no run id")
        dag_id = getattr(dag_run, "dag_id", None) or self.dag_id
        return VigilCommand(solution=self.solution, job=self.job, execution_date=self.execution_date(context),
                            dag_id=dag_id, task_id=self.task_id, run_id=run_id, parameters=self.parameters,
                            spark_conf=self.spark_conf, bundle=self.bundle, environment=self.environment)

    def execute(self, context):
        args = self.command(context).arguments()
        self.log.info("vigil %s", " ".join(args))
        self._vigil_context = context
        launcher = self._launcher()
        # Raises VigilRunFailed (retried) or VigilRunRefused (not retried) on a non-zero exit.
        launcher.launch(args, operator=self, logger=self.log)

    def on_kill(self) -> None:
        kill = getattr(self._launcher(), "kill", None)
        if kill is not None:
            kill()

    def _timetable(self):
        try:
            return self.dag.timetable
        except (AttributeError, RuntimeError):  # not assigned to a DAG
            return None

    def _launcher(self):
        if self.launcher is None:
            self.launcher = LocalLauncher()
        return self.launcher
