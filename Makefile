# Two commands for a newcomer: `make run` and `make test`. Everything else is listed by `make help`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install lock upgrade setup run worker beat test e2e screenshots lint typecheck migrations-check deploy-check bench pdf ci clean messages

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# requirements.lock pins every package, direct or not, with its hashes (runtime and dev group);
# the project itself is then installed without dependencies (it has no code to install).
$(STAMP): requirements.lock pyproject.toml build-constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.3"
	$(PY) -m pip install --quiet --build-constraint build-constraints.txt --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --build-constraint build-constraints.txt --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install exactly what requirements.lock says

# pip-compile reads extras, not dependency groups: the dev group is handed over as a .in file.
# PIP_BUILD_CONSTRAINT: sdists whose metadata must be built (XStatic-Bootstrap) need setuptools<81.
PIP_COMPILE = test -x $(PY) || $(PYTHON) -m venv $(VENV); \
	$(PY) -m pip install --quiet "pip>=25.3" --group lock && mkdir -p build && \
	$(PY) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"], sep="\n")' > build/dev.in && \
	PIP_BUILD_CONSTRAINT=build-constraints.txt CUSTOM_COMPILE_COMMAND="make lock" \
	$(PY) -m piptools compile --quiet --generate-hashes --strip-extras \
	--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml build/dev.in

lock: ## after editing pins in pyproject.toml: update requirements.lock, other pins kept
	$(PIP_COMPILE)

upgrade: ## re-resolve requirements.lock from scratch: newest versions the pins in pyproject.toml allow
	$(PIP_COMPILE) --upgrade

# The Indonesian texts the packages lack (locale/id/LC_MESSAGES/django.po); the .mo is committed.
messages: install ## after editing locale/id/LC_MESSAGES/django.po: compile it (needs gettext's msgfmt)
	$(PY) manage.py compilemessages --locale id --ignore '.venv/*'

setup: install ## install, migrate, load the 2024 reference year, create demo accounts (honours DATABASE_URL)
	@fc-list | grep -q "Liberation Serif" || echo "Peringatan: fon Liberation Serif tidak ada; PDF memakai fon pengganti (apt-get install fonts-liberation2)." >&2
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_lke
	$(PY) manage.py load_reference
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py create_demo_accounts
	# The reference year is past: its periods closed at their default deadline. The demo opens
	# them for 30 days so that the entry journey can be tried; a real satker sets its own schedule.
	$(PY) manage.py atur_jadwal --org kpu-bengkulu-utara --tahun 2024 --hari 30 --alasan "Demo: tahun referensi dibuka untuk dicoba."

run: setup ## setup, then serve http://127.0.0.1:$(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install ## a Celery worker for background tasks (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL belum diatur: tanpa broker, tugas berjalan langsung di proses web." >&2; exit 2; }
	$(VENV)/bin/celery -A config worker --loglevel INFO

beat: install ## the Celery scheduler for periodic tasks (the daily reminders); run one per deployment
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL belum diatur: jalankan kirim_pengingat dari cron." >&2; exit 2; }
	$(VENV)/bin/celery -A config beat --loglevel INFO --schedule build/celerybeat-schedule

test: install ## run the test suite (SQLite unless DATABASE_URL says otherwise)
	$(PY) -m pytest

e2e: install ## the browser journeys in headless Debian chromium (tests/e2e); screenshots in build/screenshots/
	$(PY) -m pytest -m e2e tests/e2e

# The screenshots shown in the README, refreshed from a browser run.
SCREENSHOTS := beranda-pimpinan isian-triwulan isian-kategori perjanjian-ditandatangani laporan \
	ponsel-beranda-pimpinan beranda-kepala-tanda-tangan lke-lembar-kerja pohon-kinerja publik
# The LAKIP's pages are printed from a fresh database of their own (build/halaman.sqlite3).
screenshots: e2e ## run the browser journeys, print the reference LAKIP; copy the README's images into docs/
	for nama in $(SCREENSHOTS); do cp build/screenshots/$$nama.png docs/$$nama.png; done
	mkdir -p build && rm -f build/halaman.sqlite3
	export DATABASE_URL=sqlite:///$(CURDIR)/build/halaman.sqlite3; \
	$(PY) manage.py migrate --no-input --verbosity 0 && \
	$(PY) manage.py load_reference > /dev/null && \
	$(PY) manage.py export_lakip --org kpu-bengkulu-utara --year 2024 --format pdf --output build/lakip-2024.pdf
	.ci/halaman-lakip build/lakip-2024.pdf docs

lint: install ## ruff (check and format), lint-imports (the layers), mypy (types)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

typecheck: install ## mypy over the pure layer, the services and the selectors
	$(VENV)/bin/mypy

migrations-check: install ## fail when models and migrations disagree
	$(PY) manage.py makemigrations --check --dry-run

deploy-check: install ## Django's deployment checklist with production-like settings
	DEBUG=0 ALLOWED_HOSTS=example.go.id SITE_URL=https://example.go.id \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50)[:50])') \
	$(PY) manage.py check --deploy --fail-level WARNING

bench: install ## print the performance figures (bench/)
	@for script in bench/*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PY) "$$script" || exit 1; done

pdf: setup ## write the reference year's LAKIP to build/
	mkdir -p build
	$(PY) manage.py export_lakip --org kpu-bengkulu-utara --year 2024 --format pdf --output build/lakip-2024.pdf

ci: ## what CI runs
	bash .ci/run

clean: ## remove the virtualenv, database and generated files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles build
