# wulian — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wulian
TEST_BROKER_URL ?= redis://127.0.0.1:6379/14
# The cache runs on Redis in the suite as in production (its own db, beside the broker's).
TEST_CACHE_URL ?= redis://127.0.0.1:6379/13
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run run-empty test test-stack setup setup-test services migrate demo bench bench-province bench-partitioning messages lint clean

## Set up everything, migrate, load the 眉县 demo and serve on http://127.0.0.1:8000 (embedded: SQLite).
run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ — log in as any user above."
	@echo "Personal data is encrypted with a dev-only key derived from SECRET_KEY (production sets WULIAN_DATA_KEY)."
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## An empty installation (no demo): the first page asks for the county, its policy document and the bureau's account.
run-empty: setup
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/ — the first page sets up the county."
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## Set up everything and run the whole suite on PostgreSQL and Redis, the production stack's tests included:
## they run in a pytest process of their own beside the xdist run of the rest (one stack per tree: an xdist worker
## of the main run never brings up a second one), and their output follows the main run's. STACK_TESTS= (empty)
## leaves them out; `make test-stack` runs only them. With PYTEST_ARGS (a selection) only the main run runs.
STACK_TESTS ?= 1
TEST_WORKERS ?= 2
TEST_ENV = DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) CACHE_URL=$(TEST_CACHE_URL) \
	DJANGO_ALLOW_ASYNC_UNSAFE=true
test: setup-test services
	$(PY) -m ruff check --quiet .
	.venv/bin/lint-imports --no-cache
	@mkdir -p var/test; rm -f var/test/stack-tests.rc
	@if [ -n "$(STACK_TESTS)" ] && [ -z "$(PYTEST_ARGS)" ]; then \
		echo "The stack's tests run beside the rest: var/test/stack-tests.log"; \
		( $(TEST_ENV) $(PY) -m pytest -m stack -v --durations=5 > var/test/stack-tests.log 2>&1; \
		  echo $$? > var/test/stack-tests.rc ) & \
	fi; \
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=15 -m "not stack" $(PYTEST_ARGS); main=$$?; \
	wait; stack=0; \
	if [ -f var/test/stack-tests.rc ]; then \
		echo "== the stack's tests (tests/test_stack*.py, marked stack), run beside the rest:"; \
		cat var/test/stack-tests.log; stack=$$(cat var/test/stack-tests.rc); fi; \
	echo "main run: exit $$main; stack tests: exit $$stack"; \
	[ $$main -eq 0 ] && [ $$stack -eq 0 ]

## Only the tests marked `stack` (the stack's processes, the replica, the drills), in order.
test-stack: setup-test services
	$(TEST_ENV) $(PY) -m pytest -m stack $(PYTEST_ARGS)

setup:
	scripts/bootstrap.sh run

setup-test:
	scripts/bootstrap.sh test

services:
	scripts/services.sh

## Refresh the .po files of every app after changing UI strings (then translate and `make setup`).
messages:
	for d in wulian organizations stations projects funding volunteers; do \
		(cd $$d && DEBUG=1 ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete -v0); done
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --no-obsolete -v0 --ignore=.venv --ignore=wulian \
		--ignore=organizations --ignore=stations --ignore=projects --ignore=funding --ignore=volunteers --ignore=var

## Time list pages and exports at the plan's city size and a tenth of it, then the leader's dashboard,
## attainment, annual PDF and summary refresh, and judge each against its goal
## (seeds wulian_bench_city and wulian_bench_small once; BENCH_ARGS="--sizes 1,0.1 --rounds 5 ..." to change).
## Then province scale (issue 22 item 7): BENCH_PROVINCE times the city (default 10: 100 counties, 9,000 communities,
## 1,000,000 volunteers, 10 million hour rows; seeded once into wulian_bench_x10 by COPY and INSERT … SELECT with
## the secondary indexes made after the load: 552 s at load 7–11, the city 123 s) against the city, for the list
## pages, the dashboard and the attainment computation: ≤ 2× the city's time (docs/benchmarks.md, "Province
## scale": 27 of 30 pages within 2× after the fixes there). BENCH_PROVINCE= (empty) leaves it out;
## `make bench-province` runs only it.
BENCH_PROVINCE ?= 10
bench: setup-test services
	$(PY) benchmarks/bench.py $(BENCH_ARGS)
	$(PY) benchmarks/bench_dashboard.py $(BENCH_DASHBOARD_ARGS)
	$(if $(BENCH_PROVINCE),$(MAKE) --no-print-directory bench-province)

bench-province: setup-test services
	$(PY) benchmarks/bench.py --sizes $(BENCH_PROVINCE),1 --skip-exports $(BENCH_PROVINCE_ARGS)
	$(PY) benchmarks/bench_dashboard.py --sizes $(BENCH_PROVINCE),1 $(BENCH_DASHBOARD_ARGS)

## Partitioning the hour table by year, measured (benchmarks/bench_partitioning.py: 10 million synthetic rows,
## plain against partitioned; BENCH_PARTITIONING_ARGS="--rows 20000000").
bench-partitioning: setup-test services
	$(PY) benchmarks/bench_partitioning.py $(BENCH_PARTITIONING_ARGS)

clean:
	rm -rf var/test .pytest_cache

## The production stack on this machine from deploy/ (nginx TLS on https://127.0.0.1:18443, two gunicorn,
## two Celery workers and beat, PostgreSQL primary + streaming replica, Redis), all under var/stack/.
.PHONY: stack stack-down stack-purge loadtest
stack: setup-test
	python3 scripts/stack.py up

stack-down:
	python3 scripts/stack.py down

stack-purge:
	python3 scripts/stack.py purge

## A county's busy day against the stack: 50 staff users for two minutes plus 200 volunteers checking in within a
## minute (locust, loopback only); prints req/s, p50/p95/p99 per page and errors (LOADTEST_ARGS="--users 50 --minutes 2").
loadtest: setup-test
	$(PY) benchmarks/loadtest.py $(LOADTEST_ARGS)
