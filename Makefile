# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST := 127.0.0.1
PORT ?= 8501

.PHONY: run test venv demo lint format bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

# Builds data/doorstep-demo.sqlite and the demo users unless they already exist.
demo: venv
	$(PY) -m data_access.demo
	test -f data/demo-users.yaml || $(PY) -m auth.users demo

run: demo
	$(VENV)/bin/streamlit run dashboard.py --server.address $(HOST) --server.port $(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: venv lint
	./scripts/ensure-chromium
	PYTHON=$(PY) ./scripts/ensure-postgres
	$(PY) -m pytest

bench: venv
	$(PY) -m benchmarks.snapshot_bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
