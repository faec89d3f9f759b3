# s3cost — build, test, benchmark, fuzz.
GO      ?= go
BIN     ?= bin/s3cost
FUZZTIME ?= 10s

.PHONY: all build test bench fuzz install golden sheets clean

all: build

build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/s3cost

# The test command CI runs (.ci/run) and the README names.
# - go test runs every analyzer of go vet (VET_CHECKS) on the race build it
#   compiles anyway; a separate `go vet ./...` compiled everything a second
#   time (48 s of a cold 2m12s run). Packages without tests are vetted apart.
# - GORACE: a -race binary sleeps 1 s at exit by default, and the end-to-end
#   scripts start s3cost hundreds of times (69 s of the suite's 70 s).
VET_CHECKS = $(shell $(GO) tool vet help 2>&1 | awk '/Registered analyzers/ {f=1; next} f && /^    [a-z]/ {print $$1}' | paste -sd, -)
UNTESTED = $(shell $(GO) list -f '{{if not (or .TestGoFiles .XTestGoFiles)}}{{.ImportPath}}{{end}}' ./...)

test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(if $(UNTESTED),$(GO) vet $(UNTESTED))
	GORACE="$$GORACE atexit_sleep_ms=0" $(GO) test -race -vet=$(VET_CHECKS) ./...

# Engine and whole-command benchmarks; compare runs with benchstat.
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=6 ./cmd/s3cost ./workloads ./internal/whatif ./internal/plan ./internal/analytics ./internal/priceimport ./internal/inventory ./pricing | tee bench.out

# A short run of every fuzz target (go test -fuzz takes one target at a time).
fuzz:
	$(GO) test ./workloads -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s
	$(GO) test ./workloads -run='^$$' -fuzz='^FuzzParseUnits$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s
	$(GO) test ./workloads -run='^$$' -fuzz='^FuzzOverrides$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s
	$(GO) test ./cmd/s3cost -run='^$$' -fuzz='^FuzzCompare$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s
	$(GO) test ./internal/priceimport -run='^$$' -fuzz='^FuzzImport$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s
	$(GO) test ./internal/priceimport -run='^$$' -fuzz='^FuzzStreamTokens$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s
	$(GO) test ./internal/inventory -run='^$$' -fuzz='^FuzzParseRow$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s
	$(GO) test ./internal/inventory -run='^$$' -fuzz='^FuzzParseManifest$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s
	$(GO) test ./pricing -run='^$$' -fuzz='^FuzzParseSheet$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s
	$(GO) test ./internal/lifecycle -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s
	$(GO) test ./internal/analytics -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s

# Regenerate the embedded price sheets from pricing/sources (the S3 pricing-page
# feed, the transfer table, the supplement); review the diff before committing.
sheets:
	$(GO) generate ./pricing

install:
	$(GO) install -buildvcs=auto ./cmd/s3cost

# Rewrite golden files and expected script output after a deliberate change;
# review the diff before committing.
golden:
	$(GO) test ./internal/report ./internal/check ./internal/chart ./internal/inventory ./internal/lifecycle ./cmd/s3cost -update

clean:
	rm -rf bin bench.out
