#!/usr/bin/env bash
# Creates the build-local Python environment (.venv at the repository root) with Airflow, MLflow,
# Jupyter with the JJava kernel, pytest, and vigil_airflow (editable). It is reused while the lock
# file and the Python version are unchanged, so only the first build pays for the install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCK="$ROOT/dags/build/requirements.lock"
VENV="$ROOT/.venv"
STAMP="$VENV/.vigil-stamp"

python=""
for candidate in python3.11 python3.12 python3.10 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))'; then
    python="$(command -v "$candidate")"
    break
  fi
done
if [ -z "$python" ]; then
  echo "vigil: no Python 3.10 to 3.13 found for the build-local .venv (Airflow 3 needs one)" >&2
  exit 1
fi

want="$(sha256sum "$LOCK" | cut -c1-64) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
  echo "vigil: .venv is up to date ($VENV)"
  exit 0
fi

echo "vigil: creating .venv with Airflow, MLflow, Jupyter and JJava (first build only; a few minutes)"
start=$(date +%s)
rm -rf "$VENV"
"$python" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip >/dev/null
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$LOCK"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -e "$ROOT/dags"
echo "$want" > "$STAMP"
echo "vigil: .venv ready in $(( $(date +%s) - start )) s: $("$VENV/bin/airflow" version 2>/dev/null | tail -n 1) airflow," \
  "$("$VENV/bin/mlflow" --version 2>/dev/null | tail -n 1)"
