"""The reference DAG file (the shape metadata-sync renders) against a real Airflow: parsed, serialised and run."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DAGS, calls

EXAMPLES = DAGS / "examples"
AIRFLOW = Path(sys.executable).parent / "airflow"


def _dagbag():
    try:
        from airflow.dag_processing.dagbag import DagBag
    except ImportError:  # pragma: no cover - older Airflow
        from airflow.models.dagbag import DagBag
    return DagBag(dag_folder=str(EXAMPLES))


def test_the_reference_dag_loads_without_import_errors():
    bag = _dagbag()
    assert bag.import_errors == {}
    dag = bag.dags["aml_monthly"]
    assert [t.task_id for t in dag.topological_sort()] == ["upload", "dataprep", "publish"]
    assert [t.task_id for t in dag.get_task("upload").downstream_list] == ["dataprep"]
    assert [t.task_id for t in dag.get_task("dataprep").downstream_list] == ["publish"]
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable" and dag.timetable.expression == "0 0 1 * *"
    assert dag.catchup and dag.max_active_runs == 1 and sorted(dag.tags) == ["aml", "reference"]
    upload, dataprep, publish = (dag.get_task(t) for t in ("upload", "dataprep", "publish"))
    assert upload.job == "aml.Upload" and upload.solution == "aml_monthly"
    assert upload.parameters == {"connectors": ["districts", "accounts", "transactions"]}
    assert upload.owner == "aml" and upload.retries == 2 and upload.retry_delay.total_seconds() == 60
    assert dataprep.spark_conf == {"spark.sql.shuffle.partitions": "4"} and dataprep.container_memory == "4Gi"
    assert publish.retries == 0
    assert {t.execution_date_mode for t in dag.tasks} == {"PERIOD_END"}


def test_the_reference_dag_serialises_the_same_way_each_time():
    from airflow.serialization.serialized_objects import DagSerialization

    def serialised():
        data = DagSerialization.to_dict(_dagbag().dags["aml_monthly"])
        data["dag"].pop("fileloc", None)
        return json.dumps(data, sort_keys=True, default=str)

    assert serialised() == serialised()


def test_the_reference_dag_holds_no_credentials():
    text = (EXAMPLES / "aml_monthly.py").read_text()
    assert not re.search(r"(?i)password|secret|token|access_key|://[^\s\"']*@", text)
    assert "os.environ" not in text and "Variable" not in text


@pytest.fixture
def airflow_env(tmp_path, fake_vigil):
    home = tmp_path / "airflow-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(EXAMPLES),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "VIGIL_BIN": str(fake_vigil),
        "VIGIL_PG_PASSWORD": "hunter2-must-not-leak",
    })
    migrate = subprocess.run([str(AIRFLOW), "db", "migrate"], env=env, capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
    return env


def test_airflow_dags_test_runs_every_task_through_vigil_run(airflow_env, fake_vigil):
    result = subprocess.run([str(AIRFLOW), "dags", "test", "aml_monthly", "1995-01-01"], env=airflow_env,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    lines = calls(fake_vigil)
    assert [line.split("--job ")[1].split()[0] for line in lines] == ["aml.Upload", "aml.Dataprep", "aml.Publish"]
    run_keys = {line.split("--run-key ")[1].split()[0] for line in lines}
    assert len(run_keys) == 1 and run_keys.pop().startswith("aml_monthly/manual__")
    for line in lines:
        assert line.startswith("run --solution aml_monthly --bundle promoted --run-key aml_monthly/")
        # PERIOD_END: the run for January 1995 processes the month that ends on 1 February.
        assert "--execution-date 1995-02-01T00:00:00" in line
    assert lines[0].endswith('--param connectors=["districts","accounts","transactions"] --dag aml_monthly --task upload')
    assert "--spark-conf spark.sql.shuffle.partitions=4 --dag aml_monthly --task dataprep" in lines[1]
    # The job's own output is in the task log; the worker's credentials reach it but are never printed.
    assert "fake vigil: --solution aml_monthly" in output and "fake vigil stderr line" in output
    assert "password in env: yes" in output and "hunter2" not in output
