# Trợ lý Dân vận. Needs only python3 (>= 3.11) and make: the venv is made here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install install-st run test bench eval clean docker

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Optional quality path: sentence-transformers on CPU torch (about 700 MB).
install-st: $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[st]'

run: $(STAMP)
	$(BIN)/python main.py run

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python tests/bench.py

# The container image (see Dockerfile): same install, minus -e and the test extras.
docker:
	docker build -t tro-ly-dan-van .

clean:
	rm -rf $(VENV) data .pytest_cache
