# seqrl: every target sets itself up first (creates .venv if missing, installs the project), then runs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.seqrl-installed
PROFILE ?= quick
ONLY   ?=
PORT   ?= 8888
JOBS   ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install test test-slow test-nbs test-py reproduce bench lab docs readme export clean-nbs outputs

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

# torch goes first and pinned: unpinned, pip pulls the CUDA build (several GB) on a CPU machine
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0 2> >(grep -v '^WARNING: Location' >&2)
	$(BIN)/pip install -q -e ".[dev]" 2> >(grep -v '^WARNING: Location' >&2)
	$(BIN)/python -c "import seqrl, torch, mujoco, gymnasium, dm_control, metaworld, minari, papermill, nbdev, mkdocs"
	@touch $@

install: $(STAMP)  ## create .venv and install seqrl with its dev tools

# the tests run $(JOBS) workers side by side: one torch/OpenMP thread each, or spinning threads oversubscribe the cores
test: $(STAMP)  ## the whole test suite: library notebooks, then pytest (sync, smoke runs, driver, docs)
	OMP_NUM_THREADS=1 $(BIN)/nbdev-test --n-workers $(JOBS)
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n $(JOBS) tests

test-slow: $(STAMP)  ## the long checks left out of `make test` (the heaviest full-profile dry runs), about 7 minutes
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n $(JOBS) tests -m slow

reproduce: $(STAMP)  ## run every experiment notebook: PROFILE=smoke|quick|full (quick), ONLY=name,..., DRY=1 (capped dry run)
	$(BIN)/python -m seqrl.reproduce --profile $(PROFILE) $(if $(ONLY),--only $(ONLY)) $(if $(DRY),--dry-run)

bench: $(STAMP)  ## run the benchmark notebooks in nbs/benchmarks (PROFILE as for reproduce)
	$(BIN)/python -m seqrl.reproduce --folder benchmarks --profile $(PROFILE) $(if $(ONLY),--only $(ONLY))

lab: $(STAMP)  ## JupyterLab on 127.0.0.1 (PORT=8888); prints the URL with its token
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	echo "JupyterLab: http://127.0.0.1:$(PORT)/lab?token=$$token"; \
	$(BIN)/jupyter lab --ip 127.0.0.1 --port $(PORT) --no-browser --notebook-dir nbs \
	  --IdentityProvider.token=$$token $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

docs: $(STAMP)  ## build the documentation site into _docs/ (offline; library notebooks executed, cached in build/docs/)
	OMP_NUM_THREADS=1 $(BIN)/python -m seqrl.docs build --jobs $(JOBS)

readme: $(STAMP)  ## write README.md from nbs/index.ipynb
	$(BIN)/python -m seqrl.docs readme

export: $(STAMP)  ## notebooks -> package, clean notebooks, README (run before committing)
	$(BIN)/nbdev-export
	$(BIN)/nbdev-clean
	$(BIN)/python -m seqrl.docs readme

outputs: $(STAMP)  ## re-execute the library notebooks and keep their outputs (shown in the docs)
	$(BIN)/nbdev-test --n-workers $(JOBS) --save
	$(BIN)/nbdev-clean
