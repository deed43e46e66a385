"""How a task's ``vigil run`` is started: a local subprocess, spark-submit, or a Kubernetes pod.

A launcher receives the ``vigil`` arguments (see :mod:`vigil_airflow.command`) and the operator
(for its cpu, memory and Spark conf). Credentials never pass through a launcher's arguments: the
local and spark-submit launchers hand the worker's environment to the child process, and the pod
launcher refers to Kubernetes secrets by name.
"""

from __future__ import annotations

import collections
import logging
import os
import subprocess
import threading
from typing import Mapping, Sequence

from vigil_airflow.command import check_no_secrets, cpu_cores, memory_size

try:  # Airflow 3
    from airflow.sdk.exceptions import AirflowException, AirflowFailException
except ImportError:  # pragma: no cover - older Airflow
    from airflow.exceptions import AirflowException, AirflowFailException

#: ``vigil run`` exit code for bad input (unknown job or bundle, bad date or parameter): a retry cannot help.
EXIT_BAD_INPUT = 3

#: ``vigil run`` exit code for drift found by a drift check in block mode: the data stays drifted on retry.
EXIT_DRIFT = 6

#: Lines of stderr (or of stdout when stderr is empty) quoted in the error of a failed run.
TAIL_LINES = 20

log = logging.getLogger(__name__)


class VigilRunFailed(AirflowException):
    """``vigil run`` ended with a non-zero exit code; Airflow retries the task per its ``retries``."""

    retryable = True

    def __init__(self, exit_code: int, tail: Sequence[str]):
        self.exit_code = exit_code
        self.tail = list(tail)
        lines = "\n".join(self.tail)
        super().__init__(f"vigil run exited with {exit_code}" + (f":\n{lines}" if lines else ""))


class VigilRunRefused(VigilRunFailed, AirflowFailException):
    """``vigil run`` refused its input (exit code 3) or found drift (6): the task fails at once, without retries."""

    retryable = False


def failure(exit_code: int, tail: Sequence[str]) -> VigilRunFailed:
    """The exception for a non-zero exit code: bad input and drift are not retried, everything else is."""
    return (VigilRunRefused if exit_code in (EXIT_BAD_INPUT, EXIT_DRIFT) else VigilRunFailed)(exit_code, tail)


class _Streamed:
    """Runs a command, copying each line of stdout and stderr into a logger as it comes."""

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def run(self, command: Sequence[str], env: Mapping[str, str] | None, logger: logging.Logger) -> int:
        process_env = dict(os.environ)
        process_env.update(env or {})
        stdout_tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        stderr_tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        lock = threading.Lock()
        try:
            self.process = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            stdin=subprocess.DEVNULL, text=True, bufsize=1, env=process_env,
                                            errors="replace")
        except OSError as e:
            raise AirflowException(f"Cannot start {command[0]}: {e.strerror or e}") from e

        def pump(stream, tail):
            for line in stream:
                line = line.rstrip("\n")
                with lock:
                    tail.append(line)
                    logger.info("%s", line)

        process = self.process
        threads = [threading.Thread(target=pump, args=(process.stdout, stdout_tail), daemon=True),
                   threading.Thread(target=pump, args=(process.stderr, stderr_tail), daemon=True)]
        for t in threads:
            t.start()
        code = process.wait()
        for t in threads:
            t.join()
        process.stdout.close()
        process.stderr.close()
        if code != 0:
            raise failure(code, list(stderr_tail) or list(stdout_tail))
        return code

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _airflow_variable(name: str) -> str | None:
    """An Airflow Variable, or None when it is not set or no Airflow is reachable (e.g. outside a task)."""
    try:
        from airflow.sdk import Variable
    except ImportError:  # pragma: no cover - older Airflow
        try:
            from airflow.models import Variable
        except ImportError:
            return None
    try:
        return Variable.get(name, default=None)
    except Exception:  # noqa: BLE001 - no metadata database or API outside a running task
        return None


class LocalLauncher:
    """Runs ``vigil`` as a subprocess of the Airflow worker, its output streamed into the task log.

    The executable is ``vigil_bin``, else the environment variable ``VIGIL_BIN``, else the Airflow
    Variable ``vigil_bin``, else ``vigil`` on the PATH. The worker's environment (stores, MLflow) is
    passed on, plus ``env``: vigil reads credentials from it, never from its command line.
    """

    VARIABLE = "vigil_bin"

    def __init__(self, vigil_bin: str | None = None, env: Mapping[str, str] | None = None):
        self.vigil_bin = vigil_bin
        self.env = dict(env or {})
        self._run = _Streamed()

    def executable(self) -> str:
        return self.vigil_bin or os.environ.get("VIGIL_BIN") or _airflow_variable(self.VARIABLE) or "vigil"

    def command(self, args: Sequence[str], operator=None) -> list[str]:
        return [self.executable(), *args]

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        return self._run.run(self.command(args, operator), self.env, logger or log)

    def kill(self) -> None:
        self._run.kill()


class SparkSubmitLauncher:
    """Runs the Vigil CLI's main class through ``spark-submit``, the driver sized by the task.

    ``jar`` is the Vigil CLI jar with its dependencies, as the cluster sees it. The task's Spark
    settings become ``--conf`` options (over the launcher's own ``conf``), its cpu and memory the
    driver's cores and memory, and the CLI receives the same arguments as with the local launcher.
    """

    MAIN_CLASS = "io.vigil.cli.Main"

    def __init__(self, jar: str, master: str = "yarn", deploy_mode: str = "client",
                 spark_submit: str = "spark-submit", conf: Mapping[str, str] | None = None,
                 env: Mapping[str, str] | None = None):
        check_no_secrets("Spark property", conf or {})
        self.jar = jar
        self.master = master
        self.deploy_mode = deploy_mode
        self.spark_submit = spark_submit
        self.conf = dict(conf or {})
        self.env = dict(env or {})
        self._run = _Streamed()

    def command(self, args: Sequence[str], operator=None) -> list[str]:
        cpu = getattr(operator, "container_cpu", None)
        memory = getattr(operator, "container_memory", None)
        spark_conf = getattr(operator, "spark_conf", None) or {}
        command = [self.spark_submit, "--master", self.master, "--deploy-mode", self.deploy_mode,
                   "--class", self.MAIN_CLASS]
        dag_id, task_id = getattr(operator, "dag_id", None), getattr(operator, "task_id", None)
        if dag_id and task_id:
            command += ["--name", f"vigil:{dag_id}.{task_id}"]
        cores, mem = cpu_cores(cpu), memory_size(memory)
        if cores is not None:
            command += ["--driver-cores", str(cores)]
        if mem is not None:
            command += ["--driver-memory", mem]
        merged = {**self.conf, **spark_conf}
        for key in sorted(merged):
            command += ["--conf", f"{key}={merged[key]}"]
        return [*command, self.jar, *args]

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        return self._run.run(self.command(args, operator), self.env, logger or log)

    def kill(self) -> None:
        self._run.kill()


class KubernetesPodLauncher:
    """Runs ``vigil run`` in a Kubernetes pod whose requests and limits are the task's cpu and memory.

    Secrets reach the pod only as references: ``secret_env`` maps an environment variable to
    ``(secret name, key)``, ``secret_env_from`` names whole secrets to expose; ``env`` holds values
    that are not secret. :meth:`pod` renders the pod spec; :meth:`launch` runs it with Airflow's
    Kubernetes provider (``apache-airflow-providers-cncf-kubernetes``), which must be installed.
    """

    def __init__(self, image: str, namespace: str = "default", service_account: str | None = None,
                 env: Mapping[str, str] | None = None,
                 secret_env: Mapping[str, tuple[str, str]] | None = None,
                 secret_env_from: Sequence[str] = (),
                 vigil_bin: str = "vigil", image_pull_policy: str = "IfNotPresent"):
        check_no_secrets("environment variable", env or {})
        self.image = image
        self.namespace = namespace
        self.service_account = service_account
        self.env = dict(env or {})
        self.secret_env = dict(secret_env or {})
        self.secret_env_from = list(secret_env_from)
        self.vigil_bin = vigil_bin
        self.image_pull_policy = image_pull_policy

    def pod(self, args: Sequence[str], operator=None) -> dict:
        """The pod spec as a plain dict (Kubernetes API v1), deterministic for the same task and arguments."""
        cpu = getattr(operator, "container_cpu", None)
        memory = getattr(operator, "container_memory", None)
        dag_id = getattr(operator, "dag_id", None) or "vigil"
        task_id = getattr(operator, "task_id", None) or "task"
        env: list[dict] = [{"name": k, "value": self.env[k]} for k in sorted(self.env)]
        env += [{"name": k, "valueFrom": {"secretKeyRef": {"name": self.secret_env[k][0], "key": self.secret_env[k][1]}}}
                for k in sorted(self.secret_env)]
        container: dict = {"name": "vigil", "image": self.image, "imagePullPolicy": self.image_pull_policy,
                           "command": [self.vigil_bin], "args": list(args), "env": env}
        if self.secret_env_from:
            container["envFrom"] = [{"secretRef": {"name": name}} for name in self.secret_env_from]
        amounts = {k: v for k, v in (("cpu", cpu), ("memory", memory)) if v is not None}
        if amounts:
            container["resources"] = {"requests": dict(amounts), "limits": dict(amounts)}
        spec: dict = {"restartPolicy": "Never", "containers": [container]}
        if self.service_account:
            spec["serviceAccountName"] = self.service_account
        return {"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": _dns_label(f"vigil-{dag_id}-{task_id}"), "namespace": self.namespace,
                             "labels": {"app.kubernetes.io/managed-by": "vigil",
                                        "vigil.io/dag": _label_value(dag_id),
                                        "vigil.io/task": _label_value(task_id)}},
                "spec": spec}

    def launch(self, args: Sequence[str], operator=None, logger: logging.Logger | None = None) -> int:
        try:
            from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
        except ImportError as e:  # the provider is an optional package
            raise AirflowFailException(
                "Cannot launch a Kubernetes pod: install apache-airflow-providers-cncf-kubernetes in the Airflow") from e
        spec = self.pod(args, operator)
        pod_operator = KubernetesPodOperator(
            task_id=spec["metadata"]["name"], namespace=self.namespace, image=self.image,
            pod_template_dict=spec, get_logs=True, on_finish_action="delete_pod")
        pod_operator.execute(context=getattr(operator, "_vigil_context", {}))
        return 0

    def kill(self) -> None:
        """Pod deletion on kill is left to the Kubernetes provider."""


def _dns_label(name: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower())
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned.strip("-")[:63].rstrip("-")


def _label_value(value: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in value)
    return cleaned[:63].strip("-_.")
