#!/usr/bin/env bash
# GPU smoke test for a bare CUDA machine with PyTorch and no network (the device tool's):
# ASR on CUDA (float16) over the digit set, Piper TTS, one LLM request if a model is
# available, and a JSON report. Each device call carries at most 64 MiB and runs at most
# 10 minutes, so what the machine lacks travels in parcels (bench/gpu_smoke_parcels.py).
#
#   here:  bench/gpu_smoke.sh pack                 # wheels, models, 60 clips -> bench-out/gpu-smoke-parcels/N
#   there: bench/gpu_smoke.sh install PARCEL       # one call per parcel, back to back (the machine stays warm)
#   there: bench/gpu_smoke.sh run --out "$OUT/gpu-smoke.json" [--llm-url URL | --llm-model DIR]
#          VERIVOICE_SMOKE_CUBLAS13_AS_12=1 ... run: cuBLAS 13 under cuBLAS 12's name (an experiment)
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
    if [ "${VERIVOICE_SMOKE_CUBLAS13_AS_12:-0}" = 1 ]; then
      # An experiment, not a supported set-up (the report names it): ctranslate2 4.8.5
      # dlopens libcublas.so.12 and calls eight cuBLAS functions whose signatures CUDA 13
      # kept. On a machine that has only cuBLAS 13 (torch's), that library answers under
      # the old name, so float16 Whisper can be timed on its GPU at all.
      lib=$(ldconfig -p | awk '/libcublas\.so\.13 / && !found {print $NF; found=1}' || true)
      [ -n "$lib" ] || lib=$("$PY" -c 'import glob, site; print(next(iter(sorted(
          p for d in site.getsitepackages()
          for p in glob.glob(d + "/nvidia/**/libcublas.so.13", recursive=True))), ""))')
      if [ -z "$lib" ]; then echo "no libcublas.so.13 here" >&2; exit 1; fi
      mkdir -p "$PREFIX/cublas13-as-12"
      ln -sf "$lib" "$PREFIX/cublas13-as-12/libcublas.so.12"
      export LD_LIBRARY_PATH="$PREFIX/cublas13-as-12:$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      export VERIVOICE_SMOKE_CUBLAS_COMPAT="$lib"
    fi
    exec "$PY" -m verivoice.bench.gpu_smoke run --files "$PREFIX/files" "$@"
    ;;
  *)
    sed -n '2,18p' "$0" >&2
    exit 2
    ;;
esac
