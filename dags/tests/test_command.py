from datetime import datetime, timedelta, timezone

import pytest

from vigil_airflow import VigilCommand, cpu_cores, memory_size
from vigil_airflow.command import check_no_secrets


def _command(**overrides):
    values = dict(solution="aml_monthly", job="aml.Upload", execution_date=datetime(1995, 2, 1, tzinfo=timezone.utc),
                  dag_id="aml_monthly", task_id="upload", run_id="scheduled__1995-01-01T00:00:00+00:00")
    values.update(overrides)
    return VigilCommand(**values)


def test_arguments_follow_the_vigil_run_contract():
    cmd = _command(parameters={"mode": "full", "connectors": ["districts", "accounts"], "limit": 5,
                               "options": {"b": True, "a": None}},
                   spark_conf={"spark.sql.shuffle.partitions": "4", "spark.executor.memory": "2g"})
    assert cmd.arguments() == [
        "run", "--solution", "aml_monthly", "--bundle", "promoted",
        "--run-key", "aml_monthly/scheduled__1995-01-01T00:00:00+00:00",
        "--job", "aml.Upload", "--execution-date", "1995-02-01T00:00:00",
        "--param", 'connectors=["districts","accounts"]', "--param", "limit=5", "--param", "mode=full",
        "--param", 'options={"a":null,"b":true}',
        "--spark-conf", "spark.executor.memory=2g", "--spark-conf", "spark.sql.shuffle.partitions=4",
        "--dag", "aml_monthly", "--task", "upload",
    ]


def test_the_same_task_gives_the_same_line_whatever_the_order_of_its_maps():
    a = _command(parameters={"x": 1, "y": {"q": 1, "p": 2}}, spark_conf={"b": "1", "a": "2"})
    b = _command(parameters={"y": {"p": 2, "q": 1}, "x": 1}, spark_conf={"a": "2", "b": "1"})
    assert a.arguments() == b.arguments()


def test_private_environment_is_passed_only_when_asked():
    assert "--env" not in _command().arguments()
    assert _command(environment="private").arguments()[-2:] == ["--env", "private"]


def test_dates_are_rendered_in_utc_without_offset():
    paris = timezone(timedelta(hours=1))
    assert "1995-02-01T00:00:00" in _command(execution_date=datetime(1995, 2, 1, 1, 0, tzinfo=paris)).arguments()
    assert "1995-02-01T00:00:00" in _command(execution_date=datetime(1995, 2, 1)).arguments()


@pytest.mark.parametrize("cpu,cores", [("1000m", 1), ("1500m", 2), ("2", 2), ("0.5", 1), (None, None)])
def test_cpu_in_whole_cores(cpu, cores):
    assert cpu_cores(cpu) == cores


@pytest.mark.parametrize("memory,size", [("2Gi", "2g"), ("512Mi", "512m"), ("1536Mi", "1536m"), ("4G", "4g"), (None, None)])
def test_memory_as_jvm_size(memory, size):
    assert memory_size(memory) == size


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="Cannot read CPU"):
        cpu_cores("lots")
    with pytest.raises(ValueError, match="Cannot read memory"):
        memory_size("2 gigs")


@pytest.mark.parametrize("key", ["db_password", "spark.hadoop.fs.s3a.secret.key", "fs.s3a.access.key", "api_token"])
def test_keys_that_name_credentials_are_refused(key):
    with pytest.raises(ValueError, match="names a credential"):
        check_no_secrets("parameter", {key: "x"})


def test_ordinary_keys_pass():
    check_no_secrets("Spark property", {"spark.hadoop.fs.s3a.aws.credentials.provider": "env", "connectors": []})
