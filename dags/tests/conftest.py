import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest

# Airflow needs a home before it is imported; tests never touch the user's.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="vigil-airflow-test-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
DAGS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DAGS))


@pytest.fixture
def fake_vigil(tmp_path):
    """A stand-in for the vigil launcher: records its arguments, prints to stdout and stderr, exits with $FAKE_EXIT."""
    script = tmp_path / "vigil"
    script.write_text(
        "#!/bin/sh\n"
        f"echo \"$*\" >> '{tmp_path / 'calls'}'\n"
        "echo \"fake vigil: $2 $3\"\n"
        "echo \"fake vigil stderr line\" >&2\n"
        "echo \"password in env: ${VIGIL_PG_PASSWORD:+yes}\"\n"
        "exit ${FAKE_EXIT:-0}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def calls(fake_vigil):
    """The argument lines the fake vigil received, one per run."""
    path = fake_vigil.parent / "calls"
    return path.read_text().splitlines() if path.exists() else []
