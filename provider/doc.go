// Package provider serves this module's components to every Pulumi language as a component provider (package
// secure-apigw): SecuredApi (secure-apigw:index:SecuredApi) and UserPool (secure-apigw:index:UserPool). It is
// written with pulumi-go-provider's infer package: the schema is derived from the input types in args.go, whose
// Annotate methods carry the doc strings every language's SDK shows.
//
// It is a Go module of its own (provider/go.mod) because pulumi-go-provider pulls in parts of pulumi/pkg/v3, which
// a newcomer's `make test` should not compile; `make provider-test` (CI, after `make test`) runs its tests.
//
// The inputs are a language-neutral mirror of the Go Args: plain strings, numbers and lists, with ARNs as inputs so
// they may be another stack's outputs. Construct maps them to securedapi.Args and calls securedapi.New, so a
// program in any language gets the same children, defaults and validation as a Go program.
package provider
