# A newcomer's two commands: `make plan` (the offline plan of the dev stack) and `make test`.
GO    ?= go
STACK ?= dev

# pulumi-aws is ~1 GB of generated Go (one struct, one input type and a dozen output methods per resource property)
# whose speed never matters here: the plan and the tests register a few hundred resources. Compiling it without
# optimization or inlining cuts a newcomer's cold build by about a third of its CPU time (measured: 358 -> 254 user-s
# for `go build .`). Every target passes the same flag so `go run`, `go vet` and `go test` share one build cache.
# Our own code and the pulumi SDK stay optimized; `AWS_GCFLAGS=` restores the default build.
AWS_GCFLAGS ?= github.com/pulumi/pulumi-aws/...=-N -l
BUILDFLAGS := -gcflags='$(AWS_GCFLAGS)'

.PHONY: plan plans test sdk-test integration provider-test check fmt build graph dashboard lint moto e2e

## plan: what the dev stack (or STACK=prod) would create, and its security baseline — no AWS account needed
plan:
	$(GO) run $(BUILDFLAGS) . plan $(STACK)

## plans: the dev, prod and local stacks and every example; fails if any baseline is not clean (CI runs this)
# Each example is a program of its own whose main is plan.Serve, so `go run . plan <stack>` works in its directory.
EXAMPLE_PLANS := minimal:dev second-team:prod private:dev
plans:
	$(GO) run $(BUILDFLAGS) . plan dev --json plan-dev.json
	$(GO) run $(BUILDFLAGS) . plan prod --json plan-prod.json
	$(GO) run $(BUILDFLAGS) . plan local
	@set -e; for e in $(EXAMPLE_PLANS); do \
		dir=$${e%%:*}; stack=$${e##*:}; echo "== examples/$$dir: plan $$stack"; \
		out="$$(cd examples/$$dir && $(GO) run $(BUILDFLAGS) . plan $$stack 2>&1)" || \
		{ echo "$$out"; echo "examples/$$dir: plan $$stack failed" >&2; exit 1; }; \
		echo "$$out" | grep -E "^[0-9]+ rules:"; \
	done

## graph: the architecture picture in docs/ (needs Graphviz's dot to render the SVG/PNG)
graph:
	$(GO) run $(BUILDFLAGS) . plan $(STACK) --graph docs/architecture-$(STACK).dot

## dashboard: the picture of prod's CloudWatch dashboard in docs/, drawn from the dashboard body the plan creates
dashboard:
	$(GO) run $(BUILDFLAGS) . plan prod --dashboard docs/dashboard-prod.svg

## test: the format check, then every test (components, backend, baseline, plan, whole stacks) but sdk-test's
# Vet is `make check`'s job (CI runs it before `make test`): cold, `go vet ./...` is about 40 s of a newcomer's first
# run, because it analyzes every package in the build graph, pulumi-aws included, to compute its facts. -vet=off for
# the same reason: go test's own vet runs a different analyzer set and would re-analyze all ~950 packages (about 48 s
# of summed action time cold, measured with -debug-actiongraph) for a subset of what check reports.
TESTFLAGS ?= -vet=off
test: fmt
	$(GO) test $(BUILDFLAGS) $(TESTFLAGS) ./...

## sdk-test: every test again with the pulumi-aws SDK's types: awsres checked against them, the catalog replays (CI)
# Package awsres registers pulumi-aws's wafv2, ec2, s3, lb and route53 resources without importing those SDK packages
# (wafv2, ec2 and s3 alone were 186 of the 514 CPU-s a cold `go build .` compiled, and 2.3 GB of its 3.3 GB peak).
# Under the sdk tag the mock engine checks every such registration's inputs against the SDK's Args types at every
# depth, awsres's constructors are compared with the SDK's, and the baseline's tests that build their catalogs' cases
# with the SDK's constructors (wafv2, ec2, s3, lb, alb, vpc, waf, wafregional, apigatewayv2) run.
sdk-test:
	$(GO) test $(BUILDFLAGS) $(TESTFLAGS) -tags sdk ./...

## integration: the tests against moto_server on loopback (CI runs them after `make test`)
# They sit behind the `integration` build tag because their AWS SDK clients (aws-sdk-go-v2: 68 packages, about 30
# CPU-s cold) would otherwise be compiled by every newcomer's first `make test`. Without moto_server on PATH they
# skip, saying so, unless REQUIRE_MOTO is set.
integration:
	$(GO) test $(BUILDFLAGS) $(TESTFLAGS) -tags integration -run 'Moto|Cognito|IntoAPIGateway' ./tests/ ./functions/authorizer/jwtauth/

## provider-test: the component provider's tests (its own Go module; CI runs them after `make test`)
# provider/ has its own go.mod because pulumi-go-provider needs pulumi/pkg/v3 and newer gRPC, which recompiles the
# pulumi SDK and pulumi-aws beside this module's build: about 110 s wall on 2 cores, measured on a warm cache of
# this module's build, that a newcomer's `make test` does not pay.
provider-test:
	cd provider && $(GO) vet $(BUILDFLAGS) ./... && \
		AWS_GCFLAGS='$(AWS_GCFLAGS)' $(GO) test $(BUILDFLAGS) $(TESTFLAGS) ./...

## check: refuse unformatted code and vet findings, integration and sdk tests included (CI runs it)
check: fmt
	$(GO) vet $(BUILDFLAGS) -tags integration,sdk ./...

## fmt: refuse unformatted code
fmt:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

## build: compile the Pulumi program
build:
	$(GO) build $(BUILDFLAGS) -o bin/secure-apigw .

## lint: golangci-lint at its pinned version (installed into $(go env GOPATH)/bin when missing), config .golangci.yml
# GOFLAGS carries BUILDFLAGS' gcflags so the linter's `go list -export` reuses the build cache `make test` filled
# instead of compiling pulumi-aws a second time with other flags.
GOLANGCI_LINT_VERSION := 2.15.0
GOLANGCI_LINT := $(shell $(GO) env GOPATH)/bin/golangci-lint
lint:
	@$(GOLANGCI_LINT) version 2>/dev/null | grep -q 'version $(GOLANGCI_LINT_VERSION) ' || \
		GOBIN=$(dir $(GOLANGCI_LINT)) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v$(GOLANGCI_LINT_VERSION)
	GOFLAGS="'-gcflags=$(AWS_GCFLAGS)'" $(GOLANGCI_LINT) run ./...
	cd provider && GOFLAGS="'-gcflags=$(AWS_GCFLAGS)'" $(GOLANGCI_LINT) run --config ../.golangci.yml ./...

## moto: moto_server on 127.0.0.1, port MOTO_PORT (default 5000), for the local stack (Pulumi.local.yaml) until Ctrl-C
moto:
	@bash scripts/moto.sh

## e2e: every program deployed for real (local stack, each example) by the pulumi CLI into moto; needs pulumi on PATH
# On a free loopback port: up, a second preview that must be empty, destroy that must leave nothing; prints each
# program's resources, times and API Gateway writes. Without pulumi or moto_server on PATH it says so and exits 0.
# Not part of `make test` or CI: it needs the Pulumi CLI and the aws plugin, which CI machines cannot download.
# E2E_ARGS passes flags: E2E_ARGS='-only examples/minimal' or '-logs DIR'.
e2e:
	@if ! command -v pulumi >/dev/null 2>&1; then \
		echo "make e2e: no pulumi on PATH, so nothing was deployed (docs/local-aws.md says what it needs)"; exit 0; fi
	$(GO) run $(BUILDFLAGS) . e2e $(E2E_ARGS)
