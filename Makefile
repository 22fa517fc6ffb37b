# landbridge: the two commands of the README, and a few more.
#   make demo   install what is missing, build, and run the main job on the embedded network
#   make test   install what is missing, build, and run the whole test suite
#   make bench  build and run the benchmarks
#   make load-test  build and load-test `landbridge serve` on loopback (wrk; scripts/load-test.sh)
MAKEFLAGS += --no-print-directory
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LANDBRIDGE = $(BUILD_DIR)/app/landbridge

.PHONY: all deps configure build demo test bench load-test clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLANDBRIDGE_WERROR=ON >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(LANDBRIDGE)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure --no-label-summary -j $(JOBS)

bench: build
	@bash scripts/bench.sh $(BUILD_DIR)

load-test: build
	@bash scripts/load-test.sh $(LANDBRIDGE)

clean:
	rm -rf $(BUILD_DIR)
