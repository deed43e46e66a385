"""Run Vigil job classes from Airflow.

``RunJobOperator`` builds the ``vigil run`` command line of a task from the DAG run (its logical
date or period end, its run id) and the task's parameters, and hands it to a launcher: a local
subprocess, ``spark-submit``, or a Kubernetes pod.
"""

from vigil_airflow.command import EXECUTION_DATE_MODES, VigilCommand, cpu_cores, memory_size
from vigil_airflow.launchers import (
    KubernetesPodLauncher,
    LocalLauncher,
    SparkSubmitLauncher,
    VigilRunFailed,
)
from vigil_airflow.operator import RunJobOperator

__all__ = [
    "EXECUTION_DATE_MODES",
    "KubernetesPodLauncher",
    "LocalLauncher",
    "RunJobOperator",
    "SparkSubmitLauncher",
    "VigilCommand",
    "VigilRunFailed",
    "cpu_cores",
    "memory_size",
]
