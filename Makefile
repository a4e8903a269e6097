# sqcheck — set-up, demo and tests. `make demo` and `make test` do the whole set-up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# What the product needs (PDFs: CJK font, HarfBuzz subsetting; poppler for the PDF checks) and what only the tests add.
APT_PACKAGES      := fonts-noto-cjk libharfbuzz-subset0 poppler-utils
APT_TEST_PACKAGES := chromium postgresql

LOCK   := requirements.lock
UV_VERSION := 0.13.9

.PHONY: install demo serve test lint bench clean system-deps test-deps apt lock

install: system-deps $(STAMP)

# CJK font for PDFs and HarfBuzz subsetting (12x faster PDFs); poppler-utils for pdffonts/pdftoppm checks;
# python3-venv where Debian's python3 lacks ensurepip (python3 -m venv fails without it).
# `make test` adds chromium for the web app's browser tests (Playwright drives Debian's build) and postgresql
# for its database tests (test-deps).
system-deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_PACKAGES) $(APT_TEST_PACKAGES)"

apt:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "==> apt-get install$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing >/dev/null; \
	  else \
	    echo "!! Missing system packages:$$missing"; \
	    echo "!! Not root and no password-less sudo. Ask an administrator to run:"; \
	    echo "!!     apt-get install$$missing"; \
	    echo "!! (PDF reports are refused without a CJK font; everything else works.)"; \
	  fi; \
	fi

# Exactly the locked versions, every hash checked; then the project itself (editable, no dependency resolution).
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Refresh the lock on purpose (after changing dependencies in pyproject.toml, or to take upstream releases):
# every dependency and build tool, with hashes, for Python 3.11 on any platform. Review the diff, then `make test`.
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml requirements-build.in --extra dev --generate-hashes --universal \
	  --python-version 3.11 --upgrade -q -o $(LOCK)

demo: install
	@rm -rf out && mkdir -p out
	OUT=out scripts/demo.sh

# The web app on the demo database (made by `make demo`, or here if missing), at http://127.0.0.1:8000/, with a
# worker for its background jobs (publication, exports); Ctrl+C stops both.
serve: install
	@test -f out/demo.sqlite3 || $(BIN)/python -m web.demo --db out/demo.sqlite3 --logins out/demo-logins.txt
	@cat out/demo-logins.txt
	@$(BIN)/sqcheck worker --db out/demo.sqlite3 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/sqcheck serve --db out/demo.sqlite3

test: test-deps install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) out build *.egg-info
