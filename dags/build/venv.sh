#!/usr/bin/env bash
# Creates the build-local Python environment at <repo>/.venv: Airflow 3, MLflow, nbconvert +
# ipykernel, JupyterLab, pytest and the JJava kernel, pinned by requirements.txt and requirements.lock beside
# this script, plus vigil_airflow from dags/ on the path (a .pth file, so edits need no reinstall).
#
# The venv is re-created only when its stamp differs: a hash of both pin files, the Python version
# and the repository path. Otherwise the script returns at once. Several builds sharing one work
# tree may call it at the same time: a lock file serialises them.
#
# Environment: VIGIL_VENV (default <repo>/.venv), VIGIL_PYTHON (the interpreter to use).
# Prints one summary line. Exits non-zero, saying why, when no interpreter fits or pip fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${VIGIL_VENV:-$root/.venv}"
requirements="$here/requirements.txt"
constraints="$here/requirements.lock"

# A Python 3.10-3.13 interpreter (3.11 first: the lock was resolved with it).
pick_python() {
  local candidates=()
  [[ -n "${VIGIL_PYTHON:-}" ]] && candidates+=("$VIGIL_PYTHON")
  candidates+=(python3.11)
  for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.11.*/bin/python3; do [[ -x "$p" ]] && candidates+=("$p"); done
  candidates+=(/usr/bin/python3.11 /usr/local/bin/python3.11 python3.12 python3.10 python3.13 python3)
  local c version
  for c in "${candidates[@]}"; do
    # A pyenv shim exists even when it cannot run: ask the interpreter itself.
    version="$("$c" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3]) if (3, 10) <= sys.version_info[:2] <= (3, 13) else sys.exit(1)' 2>/dev/null)" || continue
    python="$c"
    python_version="$version"
    return 0
  done
  echo "vigil venv: cannot create $venv: no Python 3.10-3.13 found (tried ${candidates[*]}); set VIGIL_PYTHON" >&2
  return 1
}

stamp_of() {
  { cat "$requirements" "$constraints"; echo "python=$python_version"; echo "root=$root"; echo "layout=1"; } | sha256sum | cut -c1-64
}

pick_python
stamp="$(stamp_of)"
stamp_file="$venv/.vigil-venv-stamp"

if [[ -f "$stamp_file" && "$(head -n1 "$stamp_file")" == "$stamp" && -x "$venv/bin/python" ]]; then
  echo "vigil venv: $(sed -n 2p "$stamp_file") (cached)"
  exit 0
fi

mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
# Another build may have finished it while this one waited.
if [[ -f "$stamp_file" && "$(head -n1 "$stamp_file")" == "$stamp" && -x "$venv/bin/python" ]]; then
  echo "vigil venv: $(sed -n 2p "$stamp_file") (cached)"
  exit 0
fi

started=$SECONDS
log="$(mktemp "${TMPDIR:-/tmp}/vigil-venv.XXXXXX.log")"
echo "vigil venv: creating $venv with Python $python_version ($python); this takes a few minutes the first time; log: $log"
rm -rf "$venv"
if ! { "$python" -m venv "$venv" \
      && "$venv/bin/python" -m pip install --no-input --progress-bar off -r "$requirements" -c "$constraints"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "vigil venv: cannot create $venv: pip failed (see $log)" >&2
  exit 1
fi

site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$root/dags" > "$site/vigil_airflow.pth"

# The listing is read whole before it is searched: 'jupyter ... | grep -q' under pipefail fails at
# random when grep exits early and jupyter's next write meets a closed pipe.
if ! kernels="$("$venv/bin/jupyter" kernelspec list 2>>"$log")"; then
  tail -n 30 "$log" >&2
  echo "vigil venv: cannot create $venv: 'jupyter kernelspec list' failed (see $log)" >&2
  exit 1
fi
if ! grep -q '^ *java ' <<<"$kernels"; then
  printf '%s\n' "$kernels" >&2
  echo "vigil venv: cannot create $venv: the JJava kernelspec is missing from 'jupyter kernelspec list' (see $log)" >&2
  exit 1
fi

versions="$("$venv/bin/python" - <<'EOF'
from importlib.metadata import version
print(", ".join(f"{name} {version(name)}" for name in ("apache-airflow", "mlflow", "nbconvert", "jupyterlab", "ipykernel", "jjava", "pytest")))
EOF
)"
summary="$venv: Python $python_version, $versions, kernels java+python3"
printf '%s\n%s\n' "$stamp" "$summary" > "$stamp_file"
rm -f "$log"
echo "vigil venv: $summary (created in $((SECONDS - started)) s)"
