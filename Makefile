# Two commands for a newcomer: `make run` (set up, then the demo on bundled CPU models) and
# `make test` (set up, then the whole test suite). Both install into .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench-asr clean serve demo

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
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
