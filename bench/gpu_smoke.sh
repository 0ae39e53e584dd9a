#!/usr/bin/env bash
# GPU smoke test for a bare CUDA machine with PyTorch and no network (the device tool's):
# ASR on CUDA (float16) over the digit set, Piper TTS, one LLM request if a model is
# available, and a JSON report. Each device call carries at most 64 MiB and runs at most
# 10 minutes, so what the machine lacks travels in parcels (bench/gpu_smoke_parcels.py).
#
#   here:  bench/gpu_smoke.sh pack                 # wheels, models, 60 clips -> bench-out/gpu-smoke-parcels/N
#   there: bench/gpu_smoke.sh install PARCEL       # one call per parcel, back to back (the machine stays warm)
#   there: bench/gpu_smoke.sh run --out "$OUT/gpu-smoke.json" [--llm-url URL | --llm-model DIR]
#
#   anywhere: bench/gpu_smoke.sh run --dry-run      # inputs and the machine only, no model loaded
#             bench/gpu_smoke.sh run --device cpu   # the same stages on the CPU
#
# Installs go to $VERIVOICE_SMOKE_PREFIX (default /tmp/verivoice-smoke): wheels with pip from
# the parcel alone (--no-index), the project itself from this checkout. PYTHON picks the
# interpreter (default python3, the one that has torch there).
set -euo pipefail
# The checkout's verivoice/ folder is not the installed package (that maps pipeline/, bench/
# ... into it): never let the working directory shadow it, here or in worker processes.
export PYTHONSAFEPATH=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${VERIVOICE_SMOKE_PREFIX:-/tmp/verivoice-smoke}
PY=${PYTHON:-python3}
command=${1:-}
[ $# -gt 0 ] && shift

case "$command" in
  pack)
    cd "$ROOT"
    exec "$PY" -m verivoice.bench.gpu_smoke pack "$@"
    ;;
  install)
    parcel=${1:?usage: gpu_smoke.sh install PARCEL}
    mkdir -p "$PREFIX/site"
    shopt -s nullglob
    wheels=("$parcel"/wheels/*.whl)
    if [ ${#wheels[@]} -gt 0 ]; then
      "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
        --target "$PREFIX/site" "${wheels[@]}"
    fi
    if [ ! -f "$PREFIX/site/verivoice/__init__.py" ]; then
      # The checkout travels with every call; its build backend (setuptools) is already there.
      "$PY" -m pip install -q --no-index --no-deps --no-build-isolation --no-compile \
        --no-cache-dir --target "$PREFIX/site" "$ROOT"
    fi
    "$PY" "$ROOT/bench/gpu_smoke_parcels.py" assemble "$parcel" --prefix "$PREFIX"
    ;;
  run)
    if [ -d "$PREFIX/site" ]; then
      export PYTHONPATH="$PREFIX/site${PYTHONPATH:+:$PYTHONPATH}"
    fi
    exec "$PY" -m verivoice.bench.gpu_smoke run --files "$PREFIX/files" "$@"
    ;;
  *)
    sed -n '2,17p' "$0" >&2
    exit 2
    ;;
esac
