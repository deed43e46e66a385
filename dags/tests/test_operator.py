import types
from datetime import datetime, timezone
from pathlib import Path

import pendulum
import pytest

from vigil_airflow import LocalLauncher, RunJobOperator

GOLDEN = Path(__file__).resolve().parents[2] / "metadata-sync/src/test/resources/golden/dags/vigil_demo__aml_monthly.py"


def _dag():
    try:
        from airflow.sdk import DAG
    except ImportError:
        from airflow import DAG
    return DAG(dag_id="aml_monthly", schedule="@monthly", start_date=pendulum.datetime(1995, 1, 1, tz="UTC"))


def _context(**values):
    run = types.SimpleNamespace(run_id="scheduled__1995-01-01T00:00:00+00:00", dag_id="aml_monthly")
    base = {"dag_run": run, "run_id": run.run_id, "dag": types.SimpleNamespace(dag_id="aml_monthly"),
            "logical_date": datetime(1995, 1, 1, tzinfo=timezone.utc),
            "data_interval_start": datetime(1995, 1, 1, tzinfo=timezone.utc),
            "data_interval_end": datetime(1995, 2, 1, tzinfo=timezone.utc)}
    base.update(values)
    return base


def test_period_end_runs_with_the_end_of_the_data_interval():
    with _dag():
        op = RunJobOperator(task_id="upload", solution="aml_monthly", job="aml.Upload",
                            execution_date_mode="PERIOD_END", parameters={"connectors": ["districts"]})
    args = op.command(_context()).arguments()
    assert args[args.index("--execution-date") + 1] == "1995-02-01T00:00:00"
    assert args[args.index("--run-key") + 1] == "aml_monthly/scheduled__1995-01-01T00:00:00+00:00"
    assert 'connectors=["districts"]' in args


def test_logical_date_mode_runs_with_the_logical_date():
    with _dag():
        op = RunJobOperator(task_id="dataprep", solution="aml_monthly", job="aml.Dataprep")
    args = op.command(_context()).arguments()
    assert args[args.index("--execution-date") + 1] == "1995-01-01T00:00:00"


def test_unknown_modes_are_refused():
    with pytest.raises(ValueError, match="execution_date_mode"):
        RunJobOperator(task_id="x", solution="s", job="d.J", execution_date_mode="WHENEVER")


def test_execute_runs_the_launcher_and_fails_without_retry_on_bad_input(tmp_path):
    script = tmp_path / "vigil"
    script.write_text("#!/bin/sh\necho \"$@\" > " + str(tmp_path / "args") + "\nexit ${FAKE_EXIT:-0}\n")
    script.chmod(0o755)
    with _dag():
        ok = RunJobOperator(task_id="upload", solution="aml_monthly", job="aml.Upload",
                            launcher=LocalLauncher(vigil_bin=str(script)))
        bad = RunJobOperator(task_id="bad", solution="aml_monthly", job="aml.Nope",
                             launcher=LocalLauncher(vigil_bin=str(script), env={"FAKE_EXIT": "3"}))
    ok.execute(_context())
    assert "--job aml.Upload" in (tmp_path / "args").read_text()
    from vigil_airflow.operator import AirflowFailException
    with pytest.raises(AirflowFailException, match="exited with 3"):
        bad.execute(_context())


def test_the_dag_file_metadata_sync_renders_imports_cleanly():
    import runpy
    rendered = runpy.run_path(str(GOLDEN))
    dag = rendered["dag"]
    assert dag.dag_id == "aml_monthly"
    assert [t.task_id for t in dag.topological_sort()] == ["upload", "dataprep", "publish"]
    upload = dag.get_task("upload")
    assert upload.job == "aml.Upload" and upload.execution_date_mode == "PERIOD_END"
    assert upload.container_cpu == "1000m" and upload.retries == 2
    assert upload.parameters == {"connectors": ["transactions", "accounts"], "fail_on_no_data": True}
    assert dag.get_task("dataprep").retries == 0
    assert [t.task_id for t in dag.get_task("upload").downstream_list] == ["dataprep"]
