# The two commands a newcomer needs: `make run` and `make test`. Production: `make serve` (deploy/README.md).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

MO := locale/ja/LC_MESSAGES/django.mo

.PHONY: gettext messages install install-dev run serve test test-postgres postgres redis lint format browser nginx screenshots bench bench-alerts bench-cluster clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Debian's gettext, for msgfmt: the Japanese interface's catalogue is compiled from its .po on every set-up.
gettext:
	@if ! command -v msgfmt >/dev/null; then \
		echo "Installing Debian's gettext to compile the translations"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext; \
	fi

## The compiled catalogue (.mo) is made here and kept out of git: the .po is the one source.
$(MO): locale/ja/LC_MESSAGES/django.po | $(VENV)/.installed
	$(MAKE) gettext
	$(BIN)/python manage.py compilemessages --ignore .venv

messages: $(MO)

install: $(VENV)/.installed $(MO)

install-dev: $(VENV)/.installed-dev $(MO)

## make run: set up, load the demo content into an empty database, serve on 127.0.0.1:$(PORT) with a task worker beside
## the server (e-mail alerts); mail goes into mail/ unless EMAIL_URL or EMAIL_HOST says otherwise
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py load_demo_japanese
	@echo "E-mail (alerts, confirmations) is written as files into $${ALERTS_MAIL_DIR:-$(CURDIR)/mail}/ (set EMAIL_URL or EMAIL_HOST to send it)."
	@# The worker runs beside the server and stops with it (Ctrl-C, or the server ending).
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py run_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make serve: production on one machine. Needs DJANGO_DEBUG=0, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS;
## refuses to start while `check --deploy` has any warning. nginx in front: deploy/README.md.
serve: install
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	exec $(BIN)/gunicorn --config deploy/gunicorn.conf.py

## Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser of its own), with
## Debian's Noto CJK fonts so that Japanese pages are drawn, not boxes.
browser:
	@if [ ! -x $(CHROMIUM) ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
		echo "Installing Debian's chromium and a Japanese font (Noto CJK) for the browser tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

## Debian's nginx (and openssl, for a test certificate) for the production-stack tests. The tests run
## their own nginx on loopback; the package's own service is not needed.
nginx:
	@if [ ! -x $(NGINX) ] || ! command -v openssl >/dev/null; then \
		echo "Installing Debian's nginx and openssl for the deployment tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light openssl; \
	fi

## make test: set up and run every test (browser and deployment tests included)
test: install-dev browser nginx
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## Debian's PostgreSQL and Redis for the PostgreSQL pass and the cluster test. The tests run their own
## servers on loopback; the packages' own services are not needed.
postgres:
	@if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then \
		echo "Installing Debian's postgresql for the PostgreSQL pass"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; \
	fi

redis:
	@if ! command -v redis-server >/dev/null; then \
		echo "Installing Debian's redis-server for the cluster test"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server; \
	fi

## make test-postgres: the whole suite again on PostgreSQL (a private cluster on 127.0.0.1, see
## scripts/test-postgres.sh), plus the tests that only make sense there (backups with pg_dump, the cluster).
test-postgres: install-dev browser nginx postgres redis
	DATABASE_URL=$$(scripts/test-postgres.sh start) $(BIN)/python -m pytest -n 2; \
		status=$$?; scripts/test-postgres.sh stop; exit $$status

## make screenshots: refresh docs/screenshots/ from the demo content (own temporary database and server)
screenshots: install-dev browser
	$(BIN)/python scripts/screenshots.py

## make bench: the public pages under load (gunicorn, production settings, wrk) on the demo content and a large
## site, against a static file of the same size, then through nginx against a static file served by nginx; searches
## on the large site again in PostgreSQL; installs Debian's wrk, nginx and PostgreSQL when missing; writes
## docs/performance.md
bench: install nginx postgres
	url=$$(scripts/test-postgres.sh start) && $(BIN)/python bench/run.py --postgres $$url; \
		status=$$?; scripts/test-postgres.sh stop; exit $$status

## make bench-alerts: a notice to 20,000 subscribers: the publisher's request, then delivery by the worker to an
## SMTP server on loopback (bench/alerts.py); writes its figures into docs/performance.md
bench-alerts: install-dev
	$(BIN)/python bench/alerts.py

## make bench-cluster: nginx in front of one and then two app servers, with PostgreSQL and Redis (all on
## this machine); prints the table of docs/performance.md, "The cluster"
bench-cluster: install-dev nginx postgres redis
	DATABASE_URL=$$(scripts/test-postgres.sh start) $(BIN)/python bench/cluster_throughput.py; \
		status=$$?; scripts/test-postgres.sh stop; exit $$status

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
