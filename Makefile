# Chunkwise: the two set-up commands (README.md) and a few helpers.
#   make run   install what is missing, build release, print the capacity plan of the NQP default
#   make test  install what is missing, build and run the whole test suite (and a bounded fuzz run)
#   make fuzz  build the libFuzzer targets and run each for FUZZ_SECONDS (Fuzz/run)
#   make bench build chunkwise-bench (release) and run the suite beside PostgreSQL 15 (docs/PERFORMANCE.md);
#              BENCH_ARGS passes flags, e.g. make bench BENCH_ARGS='--scale 1 2 4 8 --json'

SHELL := /bin/bash
# valgrind wrk: the instruction-count guard (bench/instructions, run by make test).
APT_PACKAGES := libzstd-dev zlib1g-dev pkg-config postgresql-15 tzdata chromium valgrind wrk
# `chunkwise serve`'s suite drives the server with the real Supabase Python client (Tests/python).
PIP_PACKAGES := supabase pytest
BIN := .build/release/chunkwise
FIXTURE := fixtures/market_data_sample.csv

.PHONY: deps build run simulate-fixture test fuzz bench bench-build instructions bench-serve clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import supabase, pytest" 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

build: deps
	swift build -c release --product chunkwise

run: build
	$(BIN) plan

simulate-fixture: build
	$(BIN) simulate --table market_data --data $(FIXTURE) --chunk-interval '1 day' \
	  --segmentby 'ticker_id, interval' --orderby 'timestamp DESC' --compress-after '2 days' --retain '730 days'

# The fuzz run comes first so the test runner's summary is the last thing printed; a fixed seed
# keeps CI reproducible (any crash, leak or timeout fails it).
test: deps
	swift build --build-tests
	FUZZ_SECONDS=$${FUZZ_SECONDS:-30} FUZZ_SEED=$${FUZZ_SEED:-1} Fuzz/run
	swift test --skip-build
	python3 -m pytest -q -rs Tests/python
	.build/debug/chunkwise-bench suite --smoke
	bench/instructions

fuzz: deps
	Fuzz/run

bench-build: deps
	swift build -c release --product chunkwise-bench
	swift build -c release --product chunkwise

bench: bench-build
	.build/release/chunkwise-bench suite $(BENCH_ARGS)

# The instruction-count guard alone (make test runs it too); `bench/instructions --record` re-records.
instructions: bench-build
	SKIP_BUILD=1 bench/instructions

# Loopback load on `chunkwise serve` (wrk): get_latest_price at ~1,000 and ~10,000 requests/s.
bench-serve: build
	bench/serve/run.sh $(BIN)

clean:
	rm -rf .build
