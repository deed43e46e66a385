import json
import logging
import types

import pytest

from conftest import calls
from vigil_airflow import KubernetesPodLauncher, LocalLauncher, SparkSubmitLauncher, VigilRunFailed, VigilRunRefused
from vigil_airflow.launchers import AirflowException, AirflowFailException


def _task(**values):
    base = dict(dag_id="aml_monthly", task_id="dataprep", container_cpu="2000m", container_memory="4Gi",
                spark_conf={"spark.sql.shuffle.partitions": "16"})
    base.update(values)
    return types.SimpleNamespace(**base)


def test_local_launcher_streams_stdout_and_stderr_into_the_log(fake_vigil, caplog):
    caplog.set_level(logging.INFO)
    assert LocalLauncher(vigil_bin=str(fake_vigil)).launch(["run", "--job", "aml.Upload"]) == 0
    assert calls(fake_vigil) == ["run --job aml.Upload"]
    assert "fake vigil: --job aml.Upload" in caplog.text
    assert "fake vigil stderr line" in caplog.text


def test_local_launcher_finds_vigil_in_the_environment(fake_vigil, monkeypatch):
    monkeypatch.setenv("VIGIL_BIN", str(fake_vigil))
    assert LocalLauncher().command(["run"]) == [str(fake_vigil), "run"]
    assert LocalLauncher(vigil_bin="/opt/vigil/vigil").command(["run"]) == ["/opt/vigil/vigil", "run"]


def test_local_launcher_falls_back_to_vigil_on_the_path(monkeypatch):
    monkeypatch.delenv("VIGIL_BIN", raising=False)
    assert LocalLauncher().executable() == "vigil"


def test_the_worker_environment_reaches_vigil_but_not_the_log(fake_vigil, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    monkeypatch.setenv("VIGIL_PG_PASSWORD", "hunter2-not-logged")
    LocalLauncher(vigil_bin=str(fake_vigil)).launch(["run"])
    assert "password in env: yes" in caplog.text
    assert "hunter2" not in caplog.text


def test_a_failure_is_an_airflow_exception_with_the_last_stderr_lines(fake_vigil):
    with pytest.raises(VigilRunFailed) as failure:
        LocalLauncher(vigil_bin=str(fake_vigil), env={"FAKE_EXIT": "1"}).launch(["run"])
    assert isinstance(failure.value, AirflowException) and not isinstance(failure.value, AirflowFailException)
    assert failure.value.exit_code == 1 and failure.value.retryable
    assert str(failure.value) == "vigil run exited with 1:\nfake vigil stderr line"


def test_bad_input_fails_the_task_without_retries(fake_vigil):
    with pytest.raises(VigilRunRefused) as refused:
        LocalLauncher(vigil_bin=str(fake_vigil), env={"FAKE_EXIT": "3"}).launch(["run"])
    assert isinstance(refused.value, AirflowFailException)
    assert refused.value.exit_code == 3 and not refused.value.retryable


def test_drift_fails_the_task_without_retries(fake_vigil):
    with pytest.raises(VigilRunRefused) as refused:
        LocalLauncher(vigil_bin=str(fake_vigil), env={"FAKE_EXIT": "6"}).launch(["run"])
    assert isinstance(refused.value, AirflowFailException)
    assert refused.value.exit_code == 6 and not refused.value.retryable


def test_a_missing_executable_is_reported(tmp_path):
    with pytest.raises(AirflowException, match="Cannot start .*/nowhere/vigil"):
        LocalLauncher(vigil_bin=str(tmp_path / "nowhere" / "vigil")).launch(["run"])


def test_spark_submit_sizes_the_driver_and_passes_the_conf():
    launcher = SparkSubmitLauncher(jar="/opt/vigil/vigil-cli.jar", master="k8s://https://cluster:6443",
                                   deploy_mode="cluster", conf={"spark.executor.instances": "4"})
    assert launcher.command(["run", "--job", "aml.Dataprep"], _task()) == [
        "spark-submit", "--master", "k8s://https://cluster:6443", "--deploy-mode", "cluster",
        "--class", "io.vigil.cli.Main", "--name", "vigil:aml_monthly.dataprep",
        "--driver-cores", "2", "--driver-memory", "4g",
        "--conf", "spark.executor.instances=4", "--conf", "spark.sql.shuffle.partitions=16",
        "/opt/vigil/vigil-cli.jar", "run", "--job", "aml.Dataprep",
    ]


def test_spark_submit_without_sizes_leaves_the_driver_to_spark():
    command = SparkSubmitLauncher(jar="vigil.jar").command(["run"], _task(container_cpu=None, container_memory=None,
                                                                        spark_conf={}))
    assert "--driver-cores" not in command and "--driver-memory" not in command
    assert command[-2:] == ["vigil.jar", "run"]


def test_spark_submit_runs_and_streams(fake_vigil, caplog):
    caplog.set_level(logging.INFO)
    SparkSubmitLauncher(jar="vigil.jar", spark_submit=str(fake_vigil)).launch(["run"], _task())
    assert calls(fake_vigil)[0].startswith("--master yarn --deploy-mode client --class io.vigil.cli.Main")
    assert "fake vigil stderr line" in caplog.text


def test_spark_submit_refuses_credentials_in_its_conf():
    with pytest.raises(ValueError, match="names a credential"):
        SparkSubmitLauncher(jar="vigil.jar", conf={"spark.hadoop.fs.s3a.secret.key": "x"})


def test_kubernetes_pod_requests_the_tasks_resources_and_keeps_secrets_as_references():
    launcher = KubernetesPodLauncher(image="registry.example/vigil:0.1.0", namespace="aml", service_account="vigil",
                                     env={"VIGIL_PG_URL": "jdbc:postgresql://pg:5432/vigil"},
                                     secret_env={"VIGIL_PG_PASSWORD": ("vigil-stores", "pg-password")},
                                     secret_env_from=["vigil-mlflow"])
    pod = launcher.pod(["run", "--job", "aml.Dataprep"], _task(task_id="Dataprep_Task"))
    assert pod["metadata"] == {"name": "vigil-aml-monthly-dataprep-task", "namespace": "aml",
                               "labels": {"app.kubernetes.io/managed-by": "vigil", "vigil.io/dag": "aml_monthly",
                                          "vigil.io/task": "Dataprep_Task"}}
    assert pod["spec"]["serviceAccountName"] == "vigil" and pod["spec"]["restartPolicy"] == "Never"
    container = pod["spec"]["containers"][0]
    assert container["command"] == ["vigil"] and container["args"] == ["run", "--job", "aml.Dataprep"]
    assert container["resources"] == {"requests": {"cpu": "2000m", "memory": "4Gi"},
                                      "limits": {"cpu": "2000m", "memory": "4Gi"}}
    assert container["env"] == [
        {"name": "VIGIL_PG_URL", "value": "jdbc:postgresql://pg:5432/vigil"},
        {"name": "VIGIL_PG_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "vigil-stores", "key": "pg-password"}}},
    ]
    assert container["envFrom"] == [{"secretRef": {"name": "vigil-mlflow"}}]
    assert json.dumps(pod) == json.dumps(launcher.pod(["run", "--job", "aml.Dataprep"], _task(task_id="Dataprep_Task")))


def test_kubernetes_pod_without_sizes_has_no_resources():
    pod = KubernetesPodLauncher(image="vigil").pod(["run"], _task(container_cpu=None, container_memory=None))
    assert "resources" not in pod["spec"]["containers"][0]


def test_kubernetes_pod_names_fit_a_dns_label():
    pod = KubernetesPodLauncher(image="vigil").pod(["run"], _task(dag_id="a" * 50, task_id="b" * 50))
    assert len(pod["metadata"]["name"]) <= 63 and not pod["metadata"]["name"].endswith("-")


def test_kubernetes_env_refuses_secret_values():
    with pytest.raises(ValueError, match="names a credential"):
        KubernetesPodLauncher(image="vigil", env={"VIGIL_PG_PASSWORD": "x"})
