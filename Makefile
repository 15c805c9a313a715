# A newcomer's two commands: `make plan` (the offline plan of the dev stack) and `make test`.
GO    ?= go
STACK ?= dev

.PHONY: plan plans test check build graph

## plan: what the dev stack (or STACK=prod) would create, and its security baseline — no AWS account needed
plan:
	$(GO) run . plan $(STACK)

## plans: both stacks; fails if either baseline is not clean (CI runs this)
plans:
	$(GO) run . plan dev --json plan-dev.json
	$(GO) run . plan prod --json plan-prod.json

## graph: the architecture picture in docs/ (needs Graphviz's dot to render the SVG/PNG)
graph:
	$(GO) run . plan $(STACK) --graph docs/architecture-$(STACK).dot

## test: format and vet checks, then every test (components, backend, baseline, plan, whole stacks)
# -vet=off: check has just run the full `go vet ./...`; go test's own vet runs a different analyzer set, so it cannot
# reuse those results and re-vets all ~950 packages in the build graph (pulumi-aws included): about 48 s of summed
# action time cold (measured with -debug-actiongraph), for a subset of what check already reported.
TESTFLAGS ?= -vet=off
test: check
	$(GO) test $(TESTFLAGS) ./...

## check: refuse unformatted code and vet findings
check:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## build: compile the Pulumi program
build:
	$(GO) build -o bin/secure-apigw .
