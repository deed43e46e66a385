from datetime import datetime, timezone

import pytest

from vigil_airflow import VigilCommand, cpu_cores, memory_size


def test_arguments_are_the_vigil_run_contract():
    cmd = VigilCommand(solution="aml_monthly", job="aml.Upload",
                       execution_date=datetime(1995, 2, 1, tzinfo=timezone.utc), dag_id="aml_monthly",
                       task_id="upload", run_id="scheduled__1995-01-01T00:00:00+00:00",
                       parameters={"connectors": ["districts", "accounts"], "limit": 5, "mode": "full"},
                       spark_conf={"spark.sql.shuffle.partitions": "4"})
    assert cmd.arguments() == [
        "run", "--solution", "aml_monthly", "--bundle", "promoted",
        "--run-key", "aml_monthly/scheduled__1995-01-01T00:00:00+00:00",
        "--job", "aml.Upload", "--execution-date", "1995-02-01T00:00:00",
        "--dag", "aml_monthly", "--task", "upload", "--env", "public",
        "--param", 'connectors=["districts", "accounts"]', "--param", "limit=5", "--param", "mode=full",
        "--spark-conf", "spark.sql.shuffle.partitions=4",
    ]


def test_dates_are_rendered_in_utc_without_offset():
    from datetime import timedelta
    paris = timezone(timedelta(hours=1))
    cmd = VigilCommand(solution="s", job="d.J", execution_date=datetime(1995, 2, 1, 1, 0, tzinfo=paris),
                       dag_id="d", task_id="t", run_id="r")
    assert "1995-02-01T00:00:00" in cmd.arguments()


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
