import runpy
import threading
import time
import types
from datetime import datetime, timezone
from pathlib import Path

import pendulum
import pytest

from conftest import calls
from vigil_airflow import LocalLauncher, RunJobOperator, interval_schedule
from vigil_airflow.launchers import AirflowException, AirflowFailException

GOLDEN = Path(__file__).resolve().parents[2] / "metadata-sync/src/test/resources/golden/dags/vigil_demo__aml_monthly.py"


def _dag(schedule=None):
    from airflow.sdk import DAG
    return DAG(dag_id="aml_monthly", schedule=schedule or interval_schedule("@monthly"),
               start_date=pendulum.datetime(1995, 1, 1, tz="UTC"))


def _context(**values):
    run = types.SimpleNamespace(run_id="scheduled__1995-01-01T00:00:00+00:00", dag_id="aml_monthly")
    base = {"dag_run": run, "run_id": run.run_id,
            "logical_date": datetime(1995, 1, 1, tzinfo=timezone.utc),
            "data_interval_start": datetime(1995, 1, 1, tzinfo=timezone.utc),
            "data_interval_end": datetime(1995, 2, 1, tzinfo=timezone.utc)}
    base.update(values)
    return base


def _arg(args, option):
    return args[args.index(option) + 1]


def test_period_end_runs_with_the_end_of_the_data_interval():
    with _dag():
        op = RunJobOperator(task_id="upload", solution="aml_monthly", job="aml.Upload",
                            execution_date_mode="PERIOD_END", parameters={"connectors": ["districts"]})
    args = op.command(_context()).arguments()
    assert _arg(args, "--execution-date") == "1995-02-01T00:00:00"
    assert _arg(args, "--run-key") == "aml_monthly/scheduled__1995-01-01T00:00:00+00:00"
    assert _arg(args, "--bundle") == "promoted" and _arg(args, "--solution") == "aml_monthly"
    assert 'connectors=["districts"]' in args
    assert args[-4:] == ["--dag", "aml_monthly", "--task", "upload"]


def test_logical_date_mode_runs_with_the_logical_date():
    with _dag():
        op = RunJobOperator(task_id="dataprep", solution="aml_monthly", job="aml.Dataprep")
    assert _arg(op.command(_context()).arguments(), "--execution-date") == "1995-01-01T00:00:00"


def test_period_end_of_a_manual_run_is_the_end_of_the_period_its_logical_date_starts():
    # Airflow gives a manual run the interval that ends at its logical date; vigil counts from it.
    with _dag():
        op = RunJobOperator(task_id="upload", solution="s", job="aml.Upload", execution_date_mode="PERIOD_END")
    manual = _context(logical_date=datetime(1995, 1, 1, tzinfo=timezone.utc),
                      data_interval_start=datetime(1994, 12, 1, tzinfo=timezone.utc),
                      data_interval_end=datetime(1995, 1, 1, tzinfo=timezone.utc))
    assert _arg(op.command(manual).arguments(), "--execution-date") == "1995-02-01T00:00:00"
    mid_month = _context(logical_date=datetime(1995, 1, 15, 12, tzinfo=timezone.utc))
    assert _arg(op.command(mid_month).arguments(), "--execution-date") == "1995-02-01T00:00:00"


@pytest.mark.parametrize("schedule,logical,end", [
    ("0 0 1 */3 *", datetime(1995, 1, 1), "1995-04-01T00:00:00"),
    ("@weekly", datetime(2024, 1, 7), "2024-01-14T00:00:00"),
    ("@daily", datetime(2024, 2, 28), "2024-02-29T00:00:00"),
    ("@annually", datetime(1995, 1, 1), "1996-01-01T00:00:00"),
])
def test_period_end_follows_the_cron_schedule(schedule, logical, end):
    with _dag(schedule=interval_schedule(schedule)):
        op = RunJobOperator(task_id="t", solution="s", job="aml.Upload", execution_date_mode="PERIOD_END")
    context = _context(logical_date=logical.replace(tzinfo=timezone.utc))
    assert _arg(op.command(context).arguments(), "--execution-date") == end


def test_period_end_also_reads_a_trigger_schedule():
    from airflow.sdk import CronTriggerTimetable
    with _dag(schedule=CronTriggerTimetable("@monthly", timezone="UTC")):
        op = RunJobOperator(task_id="t", solution="s", job="aml.Upload", execution_date_mode="PERIOD_END")
    at = datetime(1995, 2, 1, tzinfo=timezone.utc)
    args = op.command(_context(logical_date=at, data_interval_start=at, data_interval_end=at)).arguments()
    assert _arg(args, "--execution-date") == "1995-03-01T00:00:00"


def test_period_end_of_a_run_without_period_is_its_logical_date():
    with _dag(schedule="@once"):
        op = RunJobOperator(task_id="upload", solution="s", job="aml.Upload", execution_date_mode="PERIOD_END")
    at = datetime(1995, 3, 1, tzinfo=timezone.utc)
    args = op.command(_context(logical_date=at, data_interval_start=at, data_interval_end=at)).arguments()
    assert _arg(args, "--execution-date") == "1995-03-01T00:00:00"


def test_a_run_without_logical_date_runs_for_its_run_after():
    with _dag():
        op = RunJobOperator(task_id="upload", solution="s", job="aml.Upload")
    run = types.SimpleNamespace(run_id="manual__x", dag_id="aml_monthly", run_after=datetime(2024, 5, 6, 7, 8, 9))
    args = op.command(_context(dag_run=run, run_id="manual__x", logical_date=None, data_interval_start=None,
                               data_interval_end=None)).arguments()
    assert _arg(args, "--execution-date") == "2024-05-06T07:08:09"


def test_interval_schedule_gives_runs_a_period_and_leaves_manual_schedules_alone():
    from airflow.sdk import CronDataIntervalTimetable
    assert isinstance(interval_schedule("@monthly"), CronDataIntervalTimetable)
    assert isinstance(interval_schedule("0 0 1 */3 *"), CronDataIntervalTimetable)
    assert interval_schedule(None) is None and interval_schedule("@once") == "@once"


def test_unknown_modes_and_sizes_are_refused():
    with pytest.raises(ValueError, match="execution_date_mode"):
        RunJobOperator(task_id="x", solution="s", job="d.J", execution_date_mode="WHENEVER")
    with pytest.raises(ValueError, match="Cannot read memory"):
        RunJobOperator(task_id="x", solution="s", job="d.J", container_memory="lots")


def test_credentials_in_parameters_are_refused():
    with pytest.raises(ValueError, match="parameter 'db_password': it names a credential"):
        RunJobOperator(task_id="x", solution="s", job="d.J", parameters={"db_password": "hunter2"})


def test_execute_runs_the_launcher_and_fails_without_retry_on_bad_input(fake_vigil):
    with _dag():
        ok = RunJobOperator(task_id="upload", solution="aml_monthly", job="aml.Upload",
                            launcher=LocalLauncher(vigil_bin=str(fake_vigil)))
        failing = RunJobOperator(task_id="flaky", solution="aml_monthly", job="aml.Upload",
                                 launcher=LocalLauncher(vigil_bin=str(fake_vigil), env={"FAKE_EXIT": "1"}))
        bad = RunJobOperator(task_id="bad", solution="aml_monthly", job="aml.Nope",
                             launcher=LocalLauncher(vigil_bin=str(fake_vigil), env={"FAKE_EXIT": "3"}))
    ok.execute(_context())
    assert "--job aml.Upload" in calls(fake_vigil)[0]
    with pytest.raises(AirflowException, match="exited with 1") as retried:
        failing.execute(_context())
    assert not isinstance(retried.value, AirflowFailException)
    with pytest.raises(AirflowFailException, match="exited with 3"):
        bad.execute(_context())


def test_on_kill_stops_the_running_job(tmp_path):
    script = tmp_path / "vigil"
    script.write_text("#!/bin/sh\necho started\nexec sleep 60\n")
    script.chmod(0o755)
    with _dag():
        op = RunJobOperator(task_id="slow", solution="s", job="aml.Slow", launcher=LocalLauncher(vigil_bin=str(script)))
    errors = []
    worker = threading.Thread(target=lambda: _capture(errors, op.execute, _context()))
    worker.start()
    deadline = time.monotonic() + 10
    while op.launcher._run.process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    op.on_kill()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert errors and "exited with -15" in str(errors[0])


def _capture(errors, fn, *args):
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001
        errors.append(e)


@pytest.mark.skipif(not GOLDEN.exists(), reason="metadata-sync's golden DAG file is not in this checkout")
def test_the_dag_file_metadata_sync_renders_imports_cleanly():
    rendered = runpy.run_path(str(GOLDEN))
    dag = rendered["dag"]
    assert dag.dag_id == "aml_monthly"
    assert [t.task_id for t in dag.topological_sort()] == ["upload", "dataprep", "publish"]
    upload = dag.get_task("upload")
    assert upload.job == "aml.Upload" and upload.execution_date_mode == "PERIOD_END"
    assert [t.task_id for t in upload.downstream_list] == ["dataprep"]
