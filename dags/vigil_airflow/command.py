"""The ``vigil run`` command line of a task, independent of Airflow so that it can be tested alone.

The contract, shared with ``vigil dag run`` (the embedded orchestrator) and the Java CLI::

    vigil run --solution <name> --bundle promoted --run-key <dag_id>/<run_id>
              --job <domain.JobName> --execution-date <YYYY-MM-DDTHH:MM:SS, UTC>
              [--param k=v]... [--spark-conf k=v]... [--dag <dag_id> --task <task_id>]

Parameters and Spark properties come in key order; a parameter value that is not a string is
written as compact JSON with sorted keys, so the same task always gives the same line.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

EXECUTION_DATE_MODES = ("LOGICAL_DATE", "PERIOD_END")

#: Keys that name a credential: such values belong in the environment, never in a DAG file or a command.
_SECRET_KEY = re.compile(r"(password|passwd|secret|token|access[._-]?key|private[._-]?key)", re.IGNORECASE)

_CPU = re.compile(r"^(\d+(?:\.\d+)?)(m?)$")
_MEMORY = re.compile(r"^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T|k)?$")


def format_date(value: datetime) -> str:
    """The execution date as vigil reads it: ISO-8601 in UTC without an offset."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def format_value(value: Any) -> str:
    """A parameter value on the command line: strings as they are, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def check_no_secrets(what: str, values: Mapping[str, Any]) -> None:
    """Refuses keys that name a credential: they would end up in the DAG file, the command line and the logs."""
    for key in values:
        if _SECRET_KEY.search(str(key)):
            raise ValueError(
                f"Cannot use {what} '{key}': it names a credential; set it in the environment of the workers instead"
            )


def cpu_cores(cpu: str | None) -> int | None:
    """Kubernetes CPU ("1000m", "2", "0.5") as whole cores, rounded up; None stays None."""
    if cpu is None:
        return None
    match = _CPU.match(str(cpu).strip())
    if not match:
        raise ValueError(f"Cannot read CPU '{cpu}': write it like 1000m or 2")
    amount = float(match.group(1)) / (1000 if match.group(2) else 1)
    return max(1, math.ceil(amount))


def memory_size(memory: str | None) -> str | None:
    """Kubernetes memory ("2Gi", "512Mi") as a JVM size ("2g", "512m"); None stays None."""
    if memory is None:
        return None
    match = _MEMORY.match(str(memory).strip())
    if not match:
        raise ValueError(f"Cannot read memory '{memory}': write it like 2Gi or 512Mi")
    number, unit = float(match.group(1)), match.group(2) or ""
    mebibytes = number * {"": 1 / (1024 * 1024), "K": 1 / 1024, "k": 1 / 1024, "Ki": 1 / 1024, "M": 1, "Mi": 1,
                          "G": 1024, "Gi": 1024, "T": 1024 * 1024, "Ti": 1024 * 1024}[unit]
    mebibytes = max(1, math.ceil(mebibytes))
    return f"{mebibytes // 1024}g" if mebibytes % 1024 == 0 else f"{mebibytes}m"


@dataclass(frozen=True)
class VigilCommand:
    """Everything ``vigil run`` needs for one task of one DAG run."""

    solution: str
    job: str
    execution_date: datetime
    dag_id: str
    task_id: str
    run_id: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    spark_conf: Mapping[str, str] = field(default_factory=dict)
    bundle: str = "promoted"
    environment: str = "public"

    @property
    def run_key(self) -> str:
        """Pins ``--bundle promoted`` to one commit for every task of the DAG run."""
        return f"{self.dag_id}/{self.run_id}"

    def arguments(self) -> list[str]:
        """The arguments after ``vigil``: deterministic, and free of secrets by construction."""
        args = [
            "run",
            "--solution", self.solution,
            "--bundle", self.bundle,
            "--run-key", self.run_key,
            "--job", self.job,
            "--execution-date", format_date(self.execution_date),
        ]
        for key in sorted(self.parameters):
            args += ["--param", f"{key}={format_value(self.parameters[key])}"]
        for key in sorted(self.spark_conf):
            args += ["--spark-conf", f"{key}={self.spark_conf[key]}"]
        args += ["--dag", self.dag_id, "--task", self.task_id]
        if self.environment != "public":
            args += ["--env", self.environment]
        return args
