# Two commands do everything on a fresh machine: `make run` and `make test`.
# Everything else here is a step they use, or a convenience.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CURRICULUM := $(BIN)/curriculum
STAMP := .cache/stamps
WITH_WEAVIATE := $(if $(filter weaviate,$(VECTOR_BACKEND)),--with-weaviate,)
# What scripts/bootstrap.sh checks and installs: `run`; `make test` asks for `test`.
BOOTSTRAP_PROFILE ?= run

.PHONY: bootstrap setup run serve-check test test-unit stack stack-down migrate schema lint bench bench-peers bench-relational bench-courses bench-jobs bench-reach bench-pipeline bench-ingest bench-upload bench-subscribers drill seed clean eval eval-job eval-corpus eval-course

## setup: OS packages and toolchains (scripts/bootstrap.sh), the virtualenv, GraphiQL assets,
## the JavaScript test clients
setup: bootstrap $(STAMP)/venv $(STAMP)/graphiql $(STAMP)/e2e-js

# Runs on every call (~0.05 s when all is there); installs as root, else says what to install.
bootstrap:
	@PYTHON="$(PYTHON)" bash scripts/bootstrap.sh $(BOOTSTRAP_PROFILE)

$(STAMP)/venv: pyproject.toml | bootstrap
	@mkdir -p $(STAMP)
	@echo "setup: installing the project and its dev tools into $(VENV) (first time: ~1-2 min)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

$(STAMP)/graphiql: web/package-lock.json web/build.mjs $(wildcard web/src/*.* web/src/*/*.*) | bootstrap
	@mkdir -p $(STAMP)
	@echo "setup: building the GraphiQL assets with npm (first time: ~30 s)"
	sh web/build.sh
	@touch $@

$(STAMP)/e2e-js: tests/e2e/js/package-lock.json | bootstrap
	@mkdir -p $(STAMP)
	cd tests/e2e/js && npm ci --no-audit --no-fund
	@touch $@

## stack: start the dev stores (PostgreSQL+pgvector, Redis, Neo4j; Weaviate when asked)
stack: setup
	$(CURRICULUM) stack up $(WITH_WEAVIATE)

stack-down:
	$(CURRICULUM) stack down

migrate: stack
	$(CURRICULUM) migrate

## run: everything, then serve GraphQL + GraphiQL on http://127.0.0.1:8000/graphql (PORT=...)
## and one background worker beside it (stopped with the server: Ctrl-C stops both)
run: serve-check migrate
	$(CURRICULUM) serve --with-worker

# Fails at once when PORT (default 8000) is taken, before the stores start.
serve-check: setup
	@$(CURRICULUM) serve --check

## test: every tier against the real stores (both vector backends)
test: BOOTSTRAP_PROFILE = test
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

## bench: the gateway against the raw drivers on the seeded dataset, then course planning
## and exports, and the course jobs end to end (BENCHMARKS.md)
bench: seed bench-courses bench-jobs bench-reach
	$(BIN)/python -m bench.run --out .cache/bench-results.json
	$(BIN)/python -m bench.relational

## bench-relational: the issue-15 relational reads, compiled SQL against the resolvers
bench-relational: seed
	$(BIN)/python -m bench.relational

## bench-peers: the gateway against PostGraphile 4 (npm, in .cache/peers) on the same seeded
## database, alternating rounds; writes the table into BENCHMARKS.md (ARGS=--rounds 10 ...)
bench-peers: seed $(STAMP)/peers
	$(BIN)/python -m bench.peers --write $(ARGS)

$(STAMP)/peers: bench/peers/package.json bench/peers/package-lock.json | bootstrap
	@mkdir -p $(STAMP) .cache/peers
	cp bench/peers/package.json bench/peers/package-lock.json .cache/peers/
	cd .cache/peers && npm ci --no-audit --no-fund
	@touch $@

## bench-courses: planning time (up to 5,000 concepts) and export time and size per format
bench-courses: setup
	$(BIN)/python -m bench.planning --out .cache/bench-planning.json
	$(BIN)/python -m bench.exports --out .cache/bench-exports.json

## eval-corpus: copy the evaluation chapters from git mirrors of the books into .cache/eval
eval-corpus: setup
	$(BIN)/python -m eval.corpus

## eval: extraction quality on real textbook chapters (en, zh; Markdown, HTML, DOCX, PDF)
eval: setup
	$(BIN)/python -m eval.run --formats $(EVAL_ARGS)

## eval-job: the same chapters through the real document job and stores, scored from Neo4j
eval-job: migrate
	$(BIN)/python -m eval.job $(EVAL_ARGS)

## eval-course: courses planned from the same chapters (in process, no stores): judged key
## concepts taught, judged pairs in order, prerequisites, hours, objectives, pages
eval-course: setup
	$(BIN)/python -m eval.course $(EVAL_ARGS)

## bench-ingest: the whole document job with its stores (a real worker): pages/s, peak memory
bench-ingest: migrate
	$(BIN)/python -m bench.ingest --json .cache/bench-ingest.json

## bench-upload: uploads through the gateway: MB/s, the gateway's peak memory (1-50 MB files)
bench-upload: migrate
	$(BIN)/python -m bench.uploads --json .cache/bench-upload.json

## bench-pipeline: pages per second and peak memory of the readers and the whole analysis
bench-pipeline: setup
	$(BIN)/python -m bench.pipeline

## bench-subscribers: 10,000 documentProcessing subscribers on one gateway process (p50/p99, RSS)
bench-subscribers: migrate
	$(BIN)/python -m bench.subscribers --out .cache/bench-subscribers.json $(BENCH_ARGS)

## bench-jobs: course generation (up to 5,000 concepts) and exports through the jobs, on the stores
bench-jobs: migrate
	$(BIN)/python -m bench.generation --out .cache/bench-generation.json

## bench-reach: reading which concepts reach which before a document's prerequisites are placed,
## per-concept matches against one walk, on a 5,500-concept graph in the stack's Neo4j
bench-reach: migrate
	$(BIN)/python -m bench.reach --out .cache/bench-reach.json

## drill: pause each store 10 s under load, kill a worker mid-job 10 times (BENCHMARKS.md)
drill: migrate
	$(CURRICULUM) seed-demo --scale 0
	$(BIN)/python -m bench.drill --json .cache/drill.json

clean: stack-down
	rm -rf .stack
