# Tresor: build, test, demo. `make demo` and `make test` install what they need first.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
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

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel 2>&1 | tee .build/test.log
	@bash .ci/summary .build/test.log

demo: deps release
	@bash examples/demo.sh "$$(pwd)/.build/release/tresor"

clean:
	rm -rf .build .build-fuzz
