# Tresor: build, test, demo. `make demo` and `make test` install what they need first.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
# `make fuzz`: each fuzz target this many seconds. `make test`: each target FUZZ_TEST_SECONDS
# (5 targets x 5 s = 25 s of fuzzing in the test command).
FUZZ_SECONDS ?= 180
FUZZ_TEST_SECONDS ?= 5
# `make bench`: which workloads and figures, and where the Markdown results go.
SIZES ?= small,medium,large
FIGURES ?= render,stdin,scan,edits
OUT ?= bench/results/latest.md
# Build and run: the C libraries Tresor links against. A release also needs scdoc for the
# man page. Tests also need the shells the completions are checked in, Chromium for the
# report, GnuPG for the key-command test, acl for the vault-permission test, and the
# pre-commit framework from PyPI.
DEBIAN_PACKAGES := libsodium-dev libyaml-dev libxml2-dev pkg-config git
RELEASE_PACKAGES := scdoc
TEST_PACKAGES := zsh fish scdoc chromium gnupg acl
PIP_PACKAGES := pre-commit
PREFIX ?= /usr/local

.PHONY: deps test-deps build release install uninstall test demo fuzz format clean bench

# One shared set-up step: install the Debian packages the build links against, when missing.
deps:
	@bash .ci/install-packages.sh $(DEBIAN_PACKAGES)

# What the tests need on top of the build.
test-deps: deps
	@bash .ci/install-packages.sh $(TEST_PACKAGES)
	@python3 -m pip show $(PIP_PACKAGES) >/dev/null 2>&1 || \
	  { echo "make test-deps: installing $(PIP_PACKAGES) from PyPI"; \
	    python3 -m pip install -q $(PIP_PACKAGES); }

build: deps
	$(SWIFT) build

# The static binary (Swift standard library, Foundation, libsodium, libyaml linked in:
# start-up ~3 ms instead of ~7 ms, which a git hook or a per-job `render -` pays on every
# run), man page and completions, packed as dist/tresor-VERSION-linux-ARCH.tar.gz (see
# .ci/release.sh); the staged files are what `make install` copies.
release: deps
	@bash .ci/install-packages.sh $(RELEASE_PACKAGES)
	bash .ci/release.sh

install: release
	bash .ci/install.sh install "$(DESTDIR)$(PREFIX)"

uninstall:
	bash .ci/install.sh uninstall "$(DESTDIR)$(PREFIX)"

# Every test: the formatting check, unit and CLI scenario tests (Swift Testing), then the
# fuzz targets for a few seconds each, then one summary line.
test: test-deps
	$(SWIFT) format lint --strict -r Sources Tests
	$(SWIFT) build
	set -o pipefail; $(SWIFT) test 2>&1 | tee .build/test.log
	bash Fuzz/run.sh all $(FUZZ_TEST_SECONDS)
	bash .ci/release-test.sh
	@bash .ci/summary .build/test.log

# Every fuzz target for minutes: `make fuzz FUZZ_SECONDS=600`.
fuzz: deps
	bash Fuzz/run.sh all $(FUZZ_SECONDS)

demo: deps
	$(SWIFT) build -c release --product tresor
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
