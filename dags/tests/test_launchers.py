import logging
import stat

import pytest

from vigil_airflow import KubernetesPodLauncher, LocalLauncher, SparkSubmitLauncher, VigilRunFailed


@pytest.fixture
def fake_vigil(tmp_path):
    """A stand-in for the vigil launcher: prints its arguments, exits with $FAKE_EXIT."""
    script = tmp_path / "vigil"
    script.write_text("#!/bin/sh\necho \"args: $*\"\necho \"second line\"\nexit ${FAKE_EXIT:-0}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_local_launcher_streams_output_into_the_log(fake_vigil, caplog):
    caplog.set_level(logging.INFO)
    assert LocalLauncher(vigil_bin=fake_vigil).launch(["run", "--job", "aml.Upload"]) == 0
    assert "args: run --job aml.Upload" in caplog.text
    assert "second line" in caplog.text


def test_local_launcher_reads_vigil_bin_from_the_environment(fake_vigil, monkeypatch):
    monkeypatch.setenv("VIGIL_BIN", fake_vigil)
    assert LocalLauncher().command(["run"]) == [fake_vigil, "run"]


def test_failures_carry_the_exit_code_and_bad_input_is_not_retryable(fake_vigil):
    with pytest.raises(VigilRunFailed) as failure:
        LocalLauncher(vigil_bin=fake_vigil, env={"FAKE_EXIT": "1"}).launch(["run"])
    assert failure.value.exit_code == 1 and failure.value.retryable
    assert "second line" in str(failure.value)
    with pytest.raises(VigilRunFailed) as bad_input:
        LocalLauncher(vigil_bin=fake_vigil, env={"FAKE_EXIT": "3"}).launch(["run"])
    assert not bad_input.value.retryable


def test_spark_submit_command_sizes_the_driver_and_passes_the_conf():
    launcher = SparkSubmitLauncher(jar="/opt/vigil/vigil-cli.jar", master="k8s://https://cluster:6443",
                                   deploy_mode="cluster", conf={"spark.executor.instances": "4"})
    command = launcher.command(["run", "--job", "aml.Dataprep"], cpu="2000m", memory="4Gi",
                               spark_conf={"spark.sql.shuffle.partitions": "16"})
    assert command == [
        "spark-submit", "--master", "k8s://https://cluster:6443", "--deploy-mode", "cluster",
        "--class", "io.vigil.cli.Main", "--driver-cores", "2", "--driver-memory", "4g",
        "--conf", "spark.executor.instances=4", "--conf", "spark.sql.shuffle.partitions=16",
        "/opt/vigil/vigil-cli.jar", "run", "--job", "aml.Dataprep",
    ]


def test_kubernetes_pod_requests_the_tasks_resources_and_keeps_secrets_as_references():
    launcher = KubernetesPodLauncher(image="registry.example/vigil:0.1.0", namespace="aml", service_account="vigil",
                                     env={"VIGIL_PG_URL": "jdbc:postgresql://pg:5432/vigil"},
                                     secret_env={"VIGIL_PG_PASSWORD": ("vigil-stores", "pg-password")})
    pod = launcher.pod("Dataprep_Task", ["run", "--job", "aml.Dataprep"], cpu="2000m", memory="4Gi")
    container = pod["spec"]["containers"][0]
    assert pod["metadata"] == {"name": "vigil-dataprep-task", "namespace": "aml",
                               "labels": {"app.kubernetes.io/managed-by": "vigil"}}
    assert pod["spec"]["serviceAccountName"] == "vigil" and pod["spec"]["restartPolicy"] == "Never"
    assert container["command"] == ["vigil"] and container["args"] == ["run", "--job", "aml.Dataprep"]
    assert container["resources"] == {"requests": {"cpu": "2000m", "memory": "4Gi"},
                                      "limits": {"cpu": "2000m", "memory": "4Gi"}}
    assert {"name": "VIGIL_PG_PASSWORD",
            "valueFrom": {"secretKeyRef": {"name": "vigil-stores", "key": "pg-password"}}} in container["env"]
    assert "pg-password" not in str([e.get("value") for e in container["env"]])
