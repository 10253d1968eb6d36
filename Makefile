# Tresor: build, test, demo. `make demo` and `make test` install what they need first.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
FUZZ_SECONDS ?= 10
SIZES ?= small,medium,large
FIGURES ?= render,stdin,scan,edits
OUT ?= bench/results/latest.md
DEBIAN_PACKAGES := libsodium-dev libyaml-dev pkg-config git

.PHONY: deps build release test demo fuzz format clean bench

# One shared set-up step: install the Debian packages the build links against, when missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# The Swift standard library and Foundation linked in: start-up drops from ~7 ms to ~3 ms
# (no dynamic relocation of Foundation's symbols), which a git hook or a per-job
# `render -` pays on every run. The binary grows to ~75 MB.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Every test: the formatting check, unit and CLI scenario tests (Swift Testing), then the
# fuzz target for a few seconds, then one summary line.
test: deps
	$(SWIFT) format lint --strict -r Sources Tests
	$(SWIFT) build
	set -o pipefail; $(SWIFT) test 2>&1 | tee .build/test.log
	bash Fuzz/run.sh $(FUZZ_SECONDS)
	@bash .ci/summary .build/test.log

# The fuzz target for longer: `make fuzz FUZZ_SECONDS=600`.
fuzz: deps
	bash Fuzz/run.sh $(FUZZ_SECONDS)

demo: deps release
	@bash examples/demo.sh "$$(pwd)/.build/release/tresor"

# Rewrites the sources with the checked-in .swift-format configuration.
format:
	$(SWIFT) format format -i -r Sources Tests

# Benchmarks beside their references (not part of `make test`): `make bench`, or
# `make bench SIZES=large,xlarge FIGURES=scan OUT=bench/results/xlarge.md` for the
# 50,000-process run (see bench/run.sh).
bench: deps
	SIZES=$(SIZES) FIGURES=$(FIGURES) OUT=$(OUT) bash bench/run.sh

clean:
	rm -rf .build .build-fuzz
