"""How a task's ``vigil run`` is started: a local subprocess, spark-submit, or a Kubernetes pod."""

from __future__ import annotations

import collections
import logging
import os
import subprocess
from typing import Mapping, Sequence

from vigil_airflow.command import cpu_cores, memory_size

#: ``vigil run`` exit code for bad input (unknown job or bundle, bad date): retrying cannot help.
EXIT_BAD_INPUT = 3

log = logging.getLogger(__name__)


class VigilRunFailed(RuntimeError):
    """``vigil run`` ended with a non-zero exit code; ``retryable`` is False for bad input."""

    def __init__(self, exit_code: int, tail: Sequence[str]):
        self.exit_code = exit_code
        self.retryable = exit_code != EXIT_BAD_INPUT
        lines = "\n".join(tail)
        super().__init__(f"vigil run exited with {exit_code}" + (f":\n{lines}" if lines else ""))


def _stream(command: Sequence[str], env: Mapping[str, str] | None, logger: logging.Logger) -> int:
    """Runs ``command``, copying each output line into the task log; keeps the last lines for errors."""
    tail: collections.deque[str] = collections.deque(maxlen=20)
    process_env = dict(os.environ)
    if env:
        process_env.update(env)
    with subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=process_env, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            tail.append(line)
            logger.info("%s", line)
        code = process.wait()
    if code != 0:
        raise VigilRunFailed(code, list(tail))
    return code


class LocalLauncher:
    """Runs ``vigil`` as a subprocess of the Airflow worker.

    The executable is ``vigil_bin``, else the environment variable ``VIGIL_BIN``, else ``vigil``
    on the PATH. The worker's environment (stores, MLflow) is passed on unchanged: credentials are
    read from it by vigil, never put on the command line.
    """

    def __init__(self, vigil_bin: str | None = None, env: Mapping[str, str] | None = None):
        self.vigil_bin = vigil_bin
        self.env = dict(env or {})

    def executable(self) -> str:
        return self.vigil_bin or os.environ.get("VIGIL_BIN") or "vigil"

    def command(self, args: Sequence[str]) -> list[str]:
        return [self.executable(), *args]

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        return _stream(self.command(args), self.env, logger or log)


class SparkSubmitLauncher:
    """Runs the Vigil CLI's main class through ``spark-submit``, the driver sized by the task.

    ``jar`` is the Vigil CLI jar with its dependencies on the cluster's class path; the Spark
    settings of the task become ``--conf`` options, and the CLI receives the same arguments as with
    the local launcher.
    """

    MAIN_CLASS = "io.vigil.cli.Main"

    def __init__(self, jar: str, master: str = "yarn", deploy_mode: str = "client",
                 spark_submit: str = "spark-submit", conf: Mapping[str, str] | None = None,
                 env: Mapping[str, str] | None = None):
        self.jar = jar
        self.master = master
        self.deploy_mode = deploy_mode
        self.spark_submit = spark_submit
        self.conf = dict(conf or {})
        self.env = dict(env or {})

    def command(self, args: Sequence[str], cpu: str | None = None, memory: str | None = None,
                spark_conf: Mapping[str, str] | None = None) -> list[str]:
        command = [self.spark_submit, "--master", self.master, "--deploy-mode", self.deploy_mode,
                   "--class", self.MAIN_CLASS]
        cores, mem = cpu_cores(cpu), memory_size(memory)
        if cores is not None:
            command += ["--driver-cores", str(cores)]
        if mem is not None:
            command += ["--driver-memory", mem]
        merged = {**self.conf, **(spark_conf or {})}
        for key in sorted(merged):
            command += ["--conf", f"{key}={merged[key]}"]
        return [*command, self.jar, *args]

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        cpu = getattr(operator, "container_cpu", None)
        memory = getattr(operator, "container_memory", None)
        spark_conf = getattr(operator, "spark_conf", None)
        return _stream(self.command(args, cpu, memory, spark_conf), self.env, logger or log)


class KubernetesPodLauncher:
    """Runs ``vigil run`` in a Kubernetes pod whose requests and limits come from the task's cpu and memory.

    Secrets reach the pod only as references: ``secret_env`` maps an environment variable to
    ``(secret name, key)``; ``env`` holds non-secret values. The pod spec is rendered by
    :meth:`pod`; :meth:`launch` creates it with the Kubernetes provider of Airflow.
    """

    def __init__(self, image: str, namespace: str = "default", service_account: str | None = None,
                 env: Mapping[str, str] | None = None,
                 secret_env: Mapping[str, tuple[str, str]] | None = None,
                 vigil_bin: str = "vigil"):
        self.image = image
        self.namespace = namespace
        self.service_account = service_account
        self.env = dict(env or {})
        self.secret_env = dict(secret_env or {})
        self.vigil_bin = vigil_bin

    def pod(self, name: str, args: Sequence[str], cpu: str | None = None, memory: str | None = None) -> dict:
        resources: dict = {}
        if cpu is not None or memory is not None:
            amounts = {k: v for k, v in (("cpu", cpu), ("memory", memory)) if v is not None}
            resources = {"requests": dict(amounts), "limits": dict(amounts)}
        env: list[dict] = [{"name": k, "value": self.env[k]} for k in sorted(self.env)]
        env += [{"name": k, "valueFrom": {"secretKeyRef": {"name": self.secret_env[k][0], "key": self.secret_env[k][1]}}}
                for k in sorted(self.secret_env)]
        container = {"name": "vigil", "image": self.image, "command": [self.vigil_bin], "args": list(args),
                     "env": env}
        if resources:
            container["resources"] = resources
        spec: dict = {"restartPolicy": "Never", "containers": [container]}
        if self.service_account:
            spec["serviceAccountName"] = self.service_account
        return {"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": _pod_name(name), "namespace": self.namespace,
                             "labels": {"app.kubernetes.io/managed-by": "vigil"}},
                "spec": spec}

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        try:
            from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
        except ImportError as e:  # the provider is an optional extra of Airflow
            raise RuntimeError("Cannot launch a Kubernetes pod: install apache-airflow-providers-cncf-kubernetes") from e
        spec = self.pod(getattr(operator, "task_id", "vigil"), args, getattr(operator, "container_cpu", None),
                        getattr(operator, "container_memory", None))
        container = spec["spec"]["containers"][0]
        pod_operator = KubernetesPodOperator(
            task_id=spec["metadata"]["name"], namespace=self.namespace, image=self.image, cmds=container["command"],
            arguments=container["args"], env_vars=container["env"], container_resources=container.get("resources"),
            service_account_name=self.service_account, get_logs=True)
        pod_operator.execute(context=getattr(operator, "_vigil_context", {}))
        return 0


def _pod_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return ("vigil-" + cleaned)[:63].rstrip("-")
