# nianbao — thin wrappers over the go tool. `make test` is what CI runs.
GO ?= go

.PHONY: all build test test-short vet lint fmt-check golden bench bench-pdf fuzz clean

all: build

# A static binary (no cgo: nianbao needs no C library): it runs on any
# Linux without matching glibc versions and starts ~1.5–2 ms sooner than a
# dynamically linked one (no dynamic loader, no libc start-up).
build:
	CGO_ENABLED=0 $(GO) build -o bin/nianbao ./cmd/nianbao

# The full test suite: formatting, vet, every test (differential tests need
# poppler-utils; scripts/setup-test-deps.sh installs it where apt-get works).
# Tests whose tool or ../shared is missing skip (fail under CI=true) and are
# counted in one summary line at the end. lint (staticcheck) runs first so a
# new finding fails the suite like a failing test.
test: fmt-check vet lint
	@log=$$(mktemp); \
	NIANBAO_SKIP_LOG=$$log $(GO) test -count=1 ./...; status=$$?; \
	if [ -s $$log ]; then \
	  echo "skipped: $$(wc -l < $$log) tests because these are missing: $$(cut -f1 $$log | sort -u | tr '\n' ' ')(run scripts/setup-test-deps.sh)"; \
	fi; rm -f $$log; exit $$status

test-short:
	$(GO) test -short ./...

vet:
	$(GO) vet ./...

# staticcheck, pinned, fetched through the Go module proxy on first use (no
# other download; the module cache keeps it for later runs). Part of `make test`.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.7.0
lint:
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Rewrite golden files after a deliberate change; read the diff before committing.
# One package: make golden PKG=./audit/render (the renderer goldens, built from
# a hand-made result); without PKG, each package that has golden files (an
# -update flag in its tests) is rewritten in turn, never ./... at once (the
# flag does not exist in the other packages).
PKG ?=
GOLDEN_PKGS = $(or $(PKG),$(shell grep -rl --include='*_test.go' 'flag[.]Bool."update"' . | xargs -n1 dirname | sort -u))
golden:
	@for p in $(GOLDEN_PKGS); do echo "$(GO) test -count=1 $$p -update"; $(GO) test -count=1 $$p -update || exit 1; done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./extract/... ./recognise/...

bench-pdf:
	bash scripts/bench-pdf.sh

# every fuzz target in turn, 30 s each (FUZZTIME=10m for a real run); see scripts/fuzz.sh
fuzz:
	FUZZTIME=$(or $(FUZZTIME),30s) GO=$(GO) bash scripts/fuzz.sh

clean:
	rm -rf bin
