"""Run Vigil job classes from Airflow.

``RunJobOperator`` builds the ``vigil run`` command line of a task from the DAG run (its logical
date or period end, its run id) and the task's parameters, and hands it to a launcher: a local
subprocess, ``spark-submit``, or a Kubernetes pod. ``interval_schedule`` gives rendered DAGs
schedules whose runs cover a period.
"""

from vigil_airflow.command import EXECUTION_DATE_MODES, VigilCommand, cpu_cores, format_date, memory_size
from vigil_airflow.launchers import (
    EXIT_BAD_INPUT,
    KubernetesPodLauncher,
    LocalLauncher,
    SparkSubmitLauncher,
    VigilRunFailed,
    VigilRunRefused,
)
from vigil_airflow.operator import RunJobOperator
from vigil_airflow.schedule import interval_schedule

__version__ = "0.1.0"

__all__ = [
    "EXECUTION_DATE_MODES",
    "EXIT_BAD_INPUT",
    "KubernetesPodLauncher",
    "LocalLauncher",
    "RunJobOperator",
    "SparkSubmitLauncher",
    "VigilCommand",
    "VigilRunFailed",
    "VigilRunRefused",
    "cpu_cores",
    "format_date",
    "interval_schedule",
    "memory_size",
]
