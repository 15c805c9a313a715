# The two commands a newcomer needs: `make test` (everything, offline) and, from the plan issue on, `make plan`.
GO ?= go

.PHONY: test check build

## test: format and vet checks, then every test (components, backend, whole stacks) under the recording mock engine
test: check
	$(GO) test ./...

## check: refuse unformatted code and vet findings
check:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## build: compile the Pulumi program
build:
	$(GO) build -o bin/secure-apigw .
