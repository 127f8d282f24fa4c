# Two commands: `make demo` and `make test`. Both install first (`make setup`, idempotent).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Extra pip arguments for torch, e.g. TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
# on machines where plain `pip install torch==2.13.0` would pick a CUDA build.
TORCH_PIP_ARGS ?=
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)

.PHONY: setup demo test test-oscar test-wheel lint reliability worker serve clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The pinned CPU torch first: a bare `torch` requirement would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0 $(TORCH_PIP_ARGS)
	$(PY) -m pip install --quiet -e ".[demo,test]"
	touch $@

# The demo's broker: kombu's filesystem transport under .data/broker (no service needed);
# CELERY_BROKER_URL=redis://... make demo uses Redis instead. Only for the demo's own
# targets: Celery reads CELERY_BROKER_URL from the environment over any settings module,
# so exporting it to `make test` would send the test suites' tasks to this broker.
demo worker: export CELERY_BROKER_URL ?= filesystem://

demo: setup
	$(PY) manage.py demo_setup --noinput
	@echo ""
	@echo "  Storefront: http://127.0.0.1:$(PORT)/"
	@echo "  API docs:   http://127.0.0.1:$(PORT)/api/assistant/docs/"
	@echo "  Admin:      http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	# A Celery worker with beat beside the web server (stopped with it); --insecure: static
	# files (admin, API docs) are served with DEBUG off, as in the demo.
	$(VENV)/bin/celery -A demo_project worker -B --loglevel=warning --concurrency=1 \
		> .data/worker.log 2>&1 & \
	worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver --insecure 127.0.0.1:$(PORT)

# A worker alone (e.g. beside your own `manage.py runserver`).
worker: setup
	$(VENV)/bin/celery -A demo_project worker -B --loglevel=info --concurrency=1

# Migrations are checked for each settings module with its own apps: the demo shop and
# the library tests' shop (tests/testapp).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) -m django makemigrations --check --dry-run

# One pytest run per suite, each with its own settings: the library (tests/, pyproject's
# defaults), the demo project (demo_project/tests), then the django-oscar shop (tests/oscar).
test: setup lint
	$(VENV)/bin/pytest
	$(VENV)/bin/pytest demo_project/tests --ds demo_project.tests.settings
	$(MAKE) test-oscar
	$(MAKE) test-wheel

# A django-oscar 4.2 shop set up as the README says (the `oscar` extra): its own settings,
# and only its own conftest (tests/conftest.py belongs to the library's test shop).
# pyproject's addopts ignore tests/oscar for the default run, hence -o addopts.
OSCAR_PYTEST := $(VENV)/bin/pytest tests/oscar --ds tests.oscar.settings \
	--confcutdir tests/oscar -o addopts="--strict-markers -p no:cacheprovider" -p no:warnings
test-oscar: setup
	$(OSCAR_PYTEST)

# The install line of the README, proven: build the wheel, install it (not editable) in a
# clean venv (the pinned CPU torch first, as the README says; pip's cache keeps this to a
# few minutes), then run tests/wheel_smoke.py from outside the repository: the installed
# copy carries the migrations, templates, static files, .mo catalogs and contrib apps,
# imports, and passes `check`.
# Built and run outside the repository (a temporary directory, removed afterwards).
test-wheel: setup
	wheel_dir=$$(mktemp -d) && trap 'rm -rf "$$wheel_dir"' EXIT && \
	$(PY) -m pip wheel . --no-deps --quiet --wheel-dir "$$wheel_dir" && \
	$(PYTHON) -m venv "$$wheel_dir/venv" && \
	"$$wheel_dir/venv/bin/pip" install --quiet torch==2.13.0 $(TORCH_PIP_ARGS) && \
	"$$wheel_dir/venv/bin/pip" install --quiet "$$wheel_dir"/shop_assistant-*.whl && \
	cd "$$wheel_dir" && "$$wheel_dir/venv/bin/python" $(CURDIR)/tests/wheel_smoke.py \
		$(CURDIR)/shop_assistant

# The live demo under gunicorn on its own database: schema fuzzing, a database outage,
# the broker down during an admin save (reliability/; .ci/run runs it after make test).
reliability: setup
	$(VENV)/bin/pytest reliability -p no:django -W "ignore:Unknown config option"

clean:
	rm -rf $(VENV) .data
