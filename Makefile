# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app tracker
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: run test test-postgres test-e2e install browser-tools plotly-bundle translations extract-messages db-upgrade db-check demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## npm test tools: axe-core for the accessibility tests, Spectral for the API lint, oidc-provider
## (run by node) for the single sign-on tests; all skipped, with a reason, where npm is missing.
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the axe-core accessibility tests will be skipped"; fi

browser-tools: $(NODE_STAMP)

## Rebuild tracker/static/vendor/plotly/plotly.min.js (only the trace types the charts use).
plotly-bundle:
	cd tools/plotly && npm ci --no-audit --no-fund && npm run build

## Compile the Dutch catalogue (the .mo is committed too; this keeps it in step with the .po).
translations: install
	$(BIN)/pybabel compile -d tracker/translations

## Collect new msgids from code and templates into the catalogue.
extract-messages: install
	$(BIN)/pybabel extract --sort-output -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -o tracker/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i tracker/translations/messages.pot -d tracker/translations --no-fuzzy-matching

db-upgrade: install
	$(FLASK) db upgrade

db-check: install
	$(FLASK) db check

demo: db-upgrade
	$(FLASK) tracker demo --if-empty

## Serve the app on http://127.0.0.1:5000 with demo data on a fresh database.
## The jobs (signals, notifications, mail) run every minute beside it; mails land in instance/mail
## and on http://127.0.0.1:5000/dev/mail (the loop's output goes to instance/jobs.log).
PORT ?= 5000
run: translations demo
	@echo "Serving on http://127.0.0.1:$(PORT)  (Ctrl+C to stop); mails: http://127.0.0.1:$(PORT)/dev/mail"
	@TRACKER_BASE_URL=$${TRACKER_BASE_URL:-http://127.0.0.1:$(PORT)} $(FLASK) tracker jobs --every 60 \
	  > instance/jobs.log 2>&1 & JOBS=$$!; trap 'kill $$JOBS 2>/dev/null' EXIT INT TERM; \
	  TRACKER_BASE_URL=$${TRACKER_BASE_URL:-http://127.0.0.1:$(PORT)} $(FLASK) run --host 127.0.0.1 --port $(PORT)

## The whole suite on SQLite (browser tests included when Chromium is installed).
test: translations browser-tools
	$(BIN)/pytest -q -n 2 --dist loadfile -p no:cacheprovider $(PYTEST_ARGS)

## The database-touching tests again on PostgreSQL (TRACKER_TEST_POSTGRES_URL must be set).
test-postgres: translations
	@test -n "$$TRACKER_TEST_POSTGRES_URL" || (echo "Set TRACKER_TEST_POSTGRES_URL" && exit 2)
	$(BIN)/pytest -q -n 2 --dist loadfile -p no:cacheprovider -m "not e2e" tests/services tests/web tests/cli tests/faults tests/notify tests/api $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
