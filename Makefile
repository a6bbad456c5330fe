# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 5000
BIN     := $(VENV)/bin
FLASK   := $(BIN)/flask --app quiz
export FLASK_APP = quiz

.PHONY: run test install translations extract lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

translations: install
	$(BIN)/pybabel compile -d quiz/translations --statistics

# Refresh the catalogues after changing interface text (then translate the new entries).
extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o messages.pot --no-location --sort-output --ignore-dirs ".* __pycache__" .
	$(BIN)/pybabel update -i messages.pot -d quiz/translations --no-fuzzy-matching --ignore-obsolete -w 100
	rm -f messages.pot

run: translations
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: translations
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check quiz tests bench
	$(BIN)/ruff format --check quiz tests bench
	$(BIN)/bandit -q -r quiz -c pyproject.toml

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) instance .pytest_cache
