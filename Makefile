# landbridge: the two commands of the README, and a few more.
#   make demo   install what is missing, build, and run the main job on the embedded network
#   make test   install what is missing, build once, and run the whole test suite once
#   make python build the Python module into build/python (PYTHONPATH=build/python; docs/python.md)
#   make bench  build and run the benchmarks
#   make load-test  build and load-test `landbridge serve` on loopback (wrk; scripts/load-test.sh)
#   make test-sanitize  the test suite built with AddressSanitizer + UBSan (gcc) in build-asan; CI (.ci/run) runs it after make test
#   make fuzz   build the libFuzzer targets (clang) in build-fuzz and run each FUZZ_SECONDS (fuzz/README.md)
MAKEFLAGS += --no-print-directory
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LANDBRIDGE = $(BUILD_DIR)/app/landbridge
SANITIZE_DIR ?= build-asan
# Tests left out of the sanitizer pass: large-data runs already checked by the normal pass (label slow).
SANITIZE_EXCLUDE_LABELS ?= slow
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: all deps configure build python demo test test-sanitize fuzz bench load-test clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLANDBRIDGE_WERROR=ON >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

python: configure
	@cmake --build $(BUILD_DIR) --target landbridge_python -j $(JOBS)
	@echo "built $(BUILD_DIR)/python/landbridge: PYTHONPATH=$(BUILD_DIR)/python /usr/bin/python3 -c 'import landbridge'"

demo: build
	@bash scripts/demo.sh $(LANDBRIDGE)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure --no-label-summary -j $(JOBS)

# -O1 -g without NDEBUG: asserts stay on; a sanitizer report fails the test (halt_on_error, no recover).
# Warnings are the normal build's business (-Werror there): instrumented code gets false
# -Wmaybe-uninitialized reports from libstdc++'s <regex> here, so they are off in this build.
test-sanitize: deps
	@cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
	  -DCMAKE_CXX_FLAGS=-Wno-maybe-uninitialized -DLANDBRIDGE_WERROR=OFF -DLANDBRIDGE_SANITIZE=address,undefined \
	  -DLANDBRIDGE_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)
	@echo "== the test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (label $(SANITIZE_EXCLUDE_LABELS) left out)"
	@cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure --no-label-summary -j $(JOBS) -LE '$(SANITIZE_EXCLUDE_LABELS)'

fuzz: deps
	@bash fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: build
	@bash scripts/bench.sh $(BUILD_DIR)

load-test: build
	@bash scripts/load-test.sh $(LANDBRIDGE)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
