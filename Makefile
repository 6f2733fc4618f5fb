# The README's commands. Everything a newcomer needs is here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install messages db run test test-fast lint typecheck check-migrations ci clean lock translations bench-exam fault-exam bench-university bench-omr omr-accuracy

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(BIN)/.installed: requirements/base.txt requirements/dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(BIN)/.installed  ## Create the virtualenv with the pinned dependencies

messages: install  ## Compile the translation catalogues (.po → .mo; GNU msgfmt if present, else polib)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore '$(VENV)' --ignore 'node_modules' -v0; \
	else $(BIN)/python scripts/compile_messages.py; fi

db: messages  ## Apply migrations and load the demo data
	mkdir -p var
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo

run: db  ## Set everything up and start the product on http://$(HOST):$(PORT)
	@echo "Open http://$(HOST):$(PORT)  (demo accounts above; SMS codes are printed in this log)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: messages  ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest

lint: install  ## ruff lint + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install  ## mypy with django-stubs
	$(BIN)/mypy

check-migrations: install  ## Fail if a model change has no migration
	DJANGO_ENV=test $(MANAGE) makemigrations --check --dry-run

translations: install  ## Extract strings into the .po files and fill Uzbek Cyrillic from Uzbek Latin
	$(MANAGE) makemessages -l uz -l uz_Cyrl -l ru -l en --ignore '$(VENV)/*' --ignore 'var/*' --ignore '*/tests/*' --ignore 'tests/*' --add-location file --no-obsolete
	$(MANAGE) makemessages -d djangojs -l uz -l uz_Cyrl -l ru -l en --ignore '$(VENV)/*' --ignore 'var/*' --ignore 'staticfiles/*' --add-location file --no-obsolete
	$(MANAGE) apply_translations
	$(MANAGE) transliterate_catalogues

bench-university: messages  ## Build the 30,000-student institution (once) and measure GPA, ratings and page p95
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) generate_scale_data --students 30000
	$(MANAGE) bench_university

lock:  ## Re-pin the dependencies after editing requirements/*.in
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/dev.txt requirements/dev.in

clean:  ## Remove the virtualenv, database and uploaded files
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache

bench-omr: messages  ## OMR speed: sheets/s at 200 dpi from JPEG files on disk to stored results, all cores
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) bench_omr --sheets 600

omr-accuracy: messages  ## OMR accuracy on a generated corpus of 1,000 degraded sheets (seeded, reproducible)
	$(MANAGE) omr_accuracy --count 1000 --seed 2026

bench-exam: messages  ## Answer saves and a 10,000-start storm against granian + PostgreSQL + Redis
	$(BIN)/python scripts/bench_exam.py

fault-exam: messages  ## Kill -9 the app server and restart PostgreSQL while takers save; check nothing is lost
	FAULT_TESTS=1 $(BIN)/pytest tests/fault -n0 -p no:cacheprovider -q
