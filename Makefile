# sciatica-notebooks: the two README commands are `make lab` and `make test`.
# Everything runs inside a local virtual environment (.venv), created on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NB     ?= 00

.PHONY: help install lab test notebooks figures present site bench lint format clean

help:  ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)  ## Create .venv and install the pinned requirements (automatic)

lab: $(STAMP)  ## Open the collection in JupyterLab at the start notebook
	@if [ "$$(id -u)" = "0" ]; then \
	  echo "make lab: running as root (a container, WSL or a cloud VM), so JupyterLab gets --allow-root."; \
	  $(VENV)/bin/jupyter lab --allow-root notebooks/00_start_here.ipynb; \
	else \
	  $(VENV)/bin/jupyter lab notebooks/00_start_here.ipynb; \
	fi

test: $(STAMP)  ## Run every test (unit, integrity, conventions, strict nbval, browser)
	$(PY) -m pytest

notebooks: $(STAMP)  ## Re-execute every notebook in place (per-cell timeout, one retry)
	$(PY) -m anatomy_helpers notebooks execute

figures: $(STAMP)  ## Re-export figures/ from the figure registry
	$(PY) -m anatomy_helpers figures

present: $(STAMP)  ## Present a notebook as a Voila app, code hidden: make present NB=03
	$(PY) -m anatomy_helpers present $(NB)

site: $(STAMP)  ## Build the offline static HTML edition in site/
	$(PY) -m anatomy_helpers site

bench: $(STAMP)  ## Print widget update timings and notebook-test cost
	$(PY) benchmarks/run.py

lint: $(STAMP)  ## ruff lint and format check (notebooks included)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)  ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:  ## Remove the environment and build outputs
	rm -rf $(VENV) site test-artifacts .vendor
