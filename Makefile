# bpnet + "Backpropagation, step by step". Fresh machine: `make book`, `make test` (Python 3.11+, npm).
# Every tool runs from the project venv by path ($(VPY) -m ...); nothing needs an activated shell.

PYTHON   ?= python3
VENV     := .venv
VPY      := $(VENV)/bin/python
VENV_STAMP   := $(VENV)/.installed.stamp
VENDOR       := _vendor
ASSETS_STAMP := $(VENDOR)/.assets.stamp
BUILD_DIR    := _build/html
SANITIZE     := tests/nbval_sanitize.cfg
# Chapter notebooks, at any depth under chapters/ (checkpoints excluded).
NOTEBOOKS = $(shell find chapters -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' 2>/dev/null | sort)

.DEFAULT_GOAL := help
.PHONY: help .venv assets chromium book test lint check-pins test-fast test-unit test-notebooks test-browser lab bench bench-torch clean \
	distclean

help:
	@echo "make book            build the HTML book into $(BUILD_DIR) (warnings are errors)"
	@echo "make test            everything: unit tests, nbval on every chapter, book build, browser + JupyterLab tests"
	@echo "make lint            ruff (code and notebooks), no warnings under -W error, the JS modules parse"
	@echo "make check-pins      requirements.txt resolves for Python $(OTHER_PYTHONS) too"
	@echo "make test-fast       the unit tests without the slow ones (SymPy, kernels), under a minute: the edit-run loop"
	@echo "make test-unit       all unit tests (slow ones included)"
	@echo "make test-notebooks  each chapter executed once and compared with its committed outputs (nbval strict)"
	@echo "make test-browser    the built book in Chromium, and JupyterLab end to end (needs make book)"
	@echo "make lab             JupyterLab on chapters/ with live widgets"
	@echo "make bench           run benchmarks/bench_*.py (make bench-torch: with PyTorch for the comparison)"
	@echo "make assets          fetch the pinned offline web assets into $(VENDOR)"
	@echo "make chromium        make sure a Chromium for the browser tests is installed"
	@echo "make clean           remove build output and caches (distclean: also .venv and $(VENDOR))"

# ---- environment -------------------------------------------------------------------------------------------
.venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: $(PYTHON) is $$($(PYTHON) -V 2>&1); Python 3.11+ is required (make PYTHON=python3.11 ...)" >&2; exit 1; }
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV) || \
	  { echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }
	$(VPY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(VPY) -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

# ---- offline web assets (MathJax, require.js, ipywidgets HTML manager; axe-core for the tests) from npm -------
assets: $(ASSETS_STAMP)

$(ASSETS_STAMP): tools/vendor_assets.sh
	tools/vendor_assets.sh $(VENDOR)
	@touch $@

# ---- a Chromium for the browser tests (fails loudly rather than letting tests skip) ----------------------------
chromium: .venv
	@tools/ensure_chromium.sh $(VPY)

# ---- the book ----------------------------------------------------------------------------------------------
# -W: any warning is an error; -n: nitpicky (broken cross-references warn); --keep-going: report every
# warning of the run, then fail. --all: a no-op incremental build would not recopy html_extra_path files.
# _build/html is emptied first so pages of removed chapters do not linger (the browser tests visit every page).
book: .venv assets
	rm -rf $(BUILD_DIR)
	$(VENV)/bin/jupyter-book build . --all -W -n --keep-going
	@echo "Book: $(abspath $(BUILD_DIR)/index.html)"

# ---- tests ---------------------------------------------------------------------------------------------------
# Each stage writes a JUnit report into $(REPORTS); `make test` ends with the 15 slowest tests of the whole run.
REPORTS := _build/test-reports
PYTEST  := $(VPY) -m pytest -p no:cacheprovider

test: .venv assets chromium
	rm -rf $(REPORTS)
	$(MAKE) lint
	$(MAKE) check-pins
	$(MAKE) test-unit
	$(MAKE) test-notebooks
	$(MAKE) book
	$(MAKE) test-browser
	@$(VPY) tools/slowest.py $(REPORTS) 15

# ruff over the code and the chapter notebooks; no code warns under -W error here; the JS modules parse.
JS_MODULES := $(wildcard bpnet/widgets/static/*.js)
lint: .venv
	$(VPY) -m ruff check bpnet tests benchmarks tools chapters
	$(VPY) tools/check_warnings.py
	@for f in $(JS_MODULES); do node --input-type=module --check < $$f || { echo "error: $$f does not parse" >&2; exit 1; }; done
	@for f in tests/js/*.mjs; do node --check $$f || exit 1; done
	@echo "lint: ruff, warnings and JS syntax clean"

# The exact pins resolve, as wheels, for the other Pythons the project supports (a dry run: nothing is installed).
OTHER_PYTHONS := 3.12 3.13
check-pins: .venv
	@for v in $(OTHER_PYTHONS); do \
	  out=$$(mktemp -d); \
	  if ! $(VPY) -m pip install --disable-pip-version-check -q --dry-run --ignore-installed --no-deps \
	      --only-binary=:all: --python-version $$v --target "$$out" -r requirements.txt > "$$out.log" 2>&1; then \
	    grep -v "^WARNING: Location" "$$out.log" >&2; \
	    echo "error: requirements.txt does not resolve for Python $$v" >&2; rm -rf "$$out" "$$out.log"; exit 1; fi; \
	  rm -rf "$$out" "$$out.log"; echo "check-pins: requirements.txt resolves for Python $$v"; done

test-fast: .venv
	$(PYTEST) -m "not slow and not browser and not lab" tests

test-unit: .venv
	$(PYTEST) -m "not browser and not lab" --junitxml=$(REPORTS)/unit.xml tests

# One execution per chapter, compared with the committed outputs, images included (tests/nbval_images.py).
test-notebooks: .venv
	@if [ -z "$(NOTEBOOKS)" ]; then echo "nbval: no chapter notebooks yet"; else \
	  $(PYTEST) -p nbval_images --nbval --nbval-sanitize-with $(SANITIZE) --junitxml=$(REPORTS)/notebooks.xml \
	    $(NOTEBOOKS); fi

test-browser: .venv assets chromium
	@test -f $(BUILD_DIR)/index.html || { echo "error: $(BUILD_DIR) missing: run make book" >&2; exit 1; }
	$(PYTEST) -m "browser or lab" --junitxml=$(REPORTS)/browser.xml tests

# ---- running -------------------------------------------------------------------------------------------------
# JupyterLab refuses to run as root (containers, CI) without --allow-root.
# NoDelayConnection: kernel messages reach the browser without Nagle's delay (bpnet/widgets/server.py)
LAB_ARGS := --ServerApp.kernel_websocket_connection_class=bpnet.widgets.server.NoDelayConnection \
	$(if $(filter 0,$(shell id -u)),--allow-root)
lab: .venv
	$(VPY) -m jupyterlab $(LAB_ARGS) chapters/

bench: .venv
	$(VPY) benchmarks/run_all.py

# Optional: PyTorch's CPU build (pinned in requirements-bench.txt) so that bench_training_step.py can compare.
bench-torch: .venv
	$(VPY) -m pip install --disable-pip-version-check -q -r requirements-bench.txt
	$(VPY) benchmarks/run_all.py

clean:
	rm -rf _build .pytest_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV) $(VENDOR)
