#!/usr/bin/env bash
# Makes sure a headless Chromium is on this machine for the tests that open Vigil's HTML pages in a
# real browser (GraphCommandTest). It uses VIGIL_CHROMIUM or the chromium on the PATH; otherwise, as
# root on Debian, it installs Debian's chromium package (about a minute). It writes the browser's path
# to the file given as its first argument, where the tests read it.
# Exits non-zero, saying why, when there is no browser and it cannot install one.
set -euo pipefail

out="${1:?usage: chromium.sh <file to write the browser path to>}"
browser="${VIGIL_CHROMIUM:-}"
if [[ -z "$browser" ]]; then
  browser="$(command -v chromium || command -v chromium-browser || true)"
fi
if [[ -z "$browser" ]]; then
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "vigil chromium: no chromium found and cannot install one (needs root and apt-get); install Debian's chromium package or set VIGIL_CHROMIUM" >&2
    exit 1
  fi
  started=$SECONDS
  log="$(mktemp "${TMPDIR:-/tmp}/vigil-chromium.XXXXXX.log")"
  echo "vigil chromium: installing Debian's chromium package for the browser tests; log: $log"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be stale on a fresh machine: refresh them only when the first try fails.
  if ! apt-get install -y -q --no-install-recommends chromium >"$log" 2>&1; then
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } >>"$log" 2>&1; then
      tail -n 20 "$log" >&2
      echo "vigil chromium: cannot install chromium (see $log)" >&2
      exit 1
    fi
  fi
  browser="$(command -v chromium)"
  echo "vigil chromium: installed in $((SECONDS - started)) s"
fi
mkdir -p "$(dirname "$out")"
printf '%s\n' "$browser" > "$out"
echo "vigil chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
