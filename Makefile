# GESTCO: `make run` starts the application, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
TS     := $(wildcard resources/translations/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: bundle bundle-check dist run test test-postgres lint typecheck layers pytest translations update-translations screenshots demo clean lock

# `make run DB=/tmp/demo.sqlite3` opens that file (default: the per-user database).
# Before starting, the X11 plugin's system libraries are checked (the exact install
# command is printed if one is missing; see README, Installing on Linux).
DB_ARG = $(if $(DB),--db "$(DB)")
run: $(VENV)/.runtime translations
	$(PY) packaging/system_libs.py run-check
	$(PY) -m ui $(DB_ARG) $(ARGS)

test: $(VENV)/.dev translations lint typecheck layers pytest

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "GESTCO needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# The project itself is installed editable for the `gestco` command (.venv/bin/gestco).
$(VENV)/.runtime: requirements/runtime.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install -r requirements/runtime.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: requirements/dev.txt requirements/runtime.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install -r requirements/dev.txt
	$(PIP) install --no-deps -e .
	touch $(VENV)/.runtime $@

# The whole suite again with every test's database on a real PostgreSQL server: a throwaway
# cluster started and stopped by .ci/postgres.sh (skipped loudly where none is installed).
# Tests about SQLite files alone say so in the skip summary.
test-postgres: $(VENV)/.dev translations
	.ci/postgres.sh $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check gestco ui tests
	$(VENV)/bin/ruff format --check gestco ui tests

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

layers: $(VENV)/.dev
	$(VENV)/bin/lint-imports --no-cache

pytest: $(VENV)/.dev translations
	$(PY) -m pytest $(PYTEST_ARGS)

# Qt's own tools: lupdate refreshes the .ts sources, lrelease builds the .qm files.
translations: $(QM)
resources/translations/%.qm: resources/translations/%.ts | $(VENV)/.runtime
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# After changing UI strings or core error messages: refresh the .ts, then translate the
# entries lupdate marks unfinished (Qt Linguist, or by hand) and commit the .ts.
update-translations: $(VENV)/.dev
	$(PY) -m ui.tools.i18n_scan
	$(VENV)/bin/ruff format -q ui/display/core_messages.py
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find ui -name '*.py' | sort) -ts resources/translations/gestco_fr.ts
	# English is the source language: its catalogue holds only the plural forms ("1 line").
	$(VENV)/bin/pyside6-lupdate -no-obsolete -pluralonly $$(find ui -name '*.py' | sort) -ts resources/translations/gestco_en.ts
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find ui -name '*.py' | sort) -ts resources/translations/gestco_ar.ts

screenshots: $(VENV)/.dev translations
	$(PY) -m ui.tools.screenshots docs/screenshots
	$(PY) -m ui.tools.paper_screenshots docs/screenshots

VERSION = $(shell $(PYTHON) -c 'import re; print(re.search(r"__version__ = \"(.+)\"", open("gestco/__init__.py").read()).group(1))')

# A one-folder bundle in dist/gestco (PyInstaller; see gestco.spec). First the system
# libraries the spec collects (packaging/linux/system-libs.txt): installed with apt-get as
# root (CI), otherwise the build stops naming the packages.
bundle: $(VENV)/.dev translations
	$(PY) packaging/system_libs.py build-deps
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN gestco.spec
	@du -sh dist/gestco

# The bundle's libraries against packaging/linux/bundled-libs.txt and its size against the
# spec's budget; then it runs on its own (the GUI over a fresh database, the admin commands,
# a PostgreSQL server) and on a bare Debian 12 system (packaging/linux/bare-system-test.sh:
# root only; skipped loudly otherwise, and an error where GESTCO_REQUIRE_BARE_TEST=1, as in CI).
bundle-check: bundle
	$(PY) packaging/system_libs.py check-bundle dist/gestco
	QT_QPA_PLATFORM=offscreen GESTCO_DATA_DIR=$$(mktemp -d) dist/gestco/gestco --smoke
	tmp=$$(mktemp -d) && GESTCO_DATA_DIR=$$tmp dist/gestco/gestco --db $$tmp/check.sqlite3 demo --orders 1000 \
		&& GESTCO_DATA_DIR=$$tmp dist/gestco/gestco --db $$tmp/check.sqlite3 check
	.ci/postgres.sh .ci/bundle-on-server.sh
	@if [ "$$(id -u)" = 0 ]; then packaging/linux/bare-system-test.sh dist/gestco dist/bare-test; \
	elif [ -n "$$GESTCO_REQUIRE_BARE_TEST" ]; then echo "bundle-check: the bare-system test needs root" >&2; exit 1; \
	else echo "bundle-check: SKIPPED the bare Debian 12 test (needs root: debootstrap, chroot)" >&2; fi

# Linux: dist/gestco-VERSION-linux-x86_64.tar.gz (the bundle, a .desktop file, its icon, install.sh).
dist: bundle-check
	rm -rf build/dist-linux && mkdir -p build/dist-linux/gestco-$(VERSION)
	cp -R dist/gestco build/dist-linux/gestco-$(VERSION)/gestco
	cp packaging/linux/gestco.desktop packaging/linux/install.sh packaging/linux/system-libs.txt \
		resources/icons/gestco.png build/dist-linux/gestco-$(VERSION)/
	tar -C build/dist-linux -czf dist/gestco-$(VERSION)-linux-$$(uname -m).tar.gz gestco-$(VERSION)
	@ls -la dist/gestco-$(VERSION)-linux-*.tar.gz

# `make demo` fills the per-user database (it must be empty), or the file DB=...;
# ORDERS=, CLIENTS=, PRODUCTS= size it; then `make run` (with the same DB=) opens it.
demo: $(VENV)/.runtime
	$(PY) -m gestco $(DB_ARG) demo $(if $(ORDERS),--orders $(ORDERS)) $(if $(CLIENTS),--clients $(CLIENTS)) \
		$(if $(PRODUCTS),--products $(PRODUCTS)) $(ARGS)

lock:
	rm -rf /tmp/gestco-lock && $(PYTHON) -m venv /tmp/gestco-lock
	/tmp/gestco-lock/bin/pip install -q -e '.[dev]' && /tmp/gestco-lock/bin/pip freeze --exclude-editable

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache resources/translations/*.qm
