# Two commands do everything on a fresh machine: `make run` and `make test`.
# Everything else here is a step they use, or a convenience.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CURRICULUM := $(BIN)/curriculum
STAMP := .cache/stamps
WITH_WEAVIATE := $(if $(filter weaviate,$(VECTOR_BACKEND)),--with-weaviate,)

.PHONY: setup run test test-unit stack stack-down migrate schema lint bench seed clean

## setup: the virtualenv with the project and dev tools, and the GraphiQL assets
setup: $(STAMP)/venv $(STAMP)/graphiql

$(STAMP)/venv: pyproject.toml
	@mkdir -p $(STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

$(STAMP)/graphiql: web/package-lock.json web/build.mjs web/graphiql-init.js
	@mkdir -p $(STAMP)
	sh web/build.sh
	@touch $@

## stack: start the dev stores (PostgreSQL+pgvector, Redis, Neo4j; Weaviate when asked)
stack: setup
	$(CURRICULUM) stack up $(WITH_WEAVIATE)

stack-down:
	$(CURRICULUM) stack down

migrate: stack
	$(CURRICULUM) migrate

## run: everything, then serve GraphQL + GraphiQL on http://127.0.0.1:8000/graphql
run: migrate
	$(CURRICULUM) serve

## test: every tier against the real stores (both vector backends)
test: setup
	$(CURRICULUM) stack up --with-weaviate
	$(BIN)/pytest

test-unit: setup
	$(BIN)/pytest tests/unit

## schema: export the SDL (a test fails when the committed file is stale)
schema: setup
	$(CURRICULUM) export-schema schema.graphql

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## seed: the demo dataset in every store (SCALE=1 is the benchmark size; SCALE=0 the tiny one)
seed: migrate
	$(CURRICULUM) seed-demo --scale $(or $(SCALE),1)

## bench: the gateway against the raw drivers on the seeded dataset (BENCHMARKS.md)
bench: seed
	$(BIN)/python -m bench.run --out .cache/bench-results.json

clean: stack-down
	rm -rf .stack
