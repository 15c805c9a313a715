// Package provider serves this module's components to every Pulumi language as a component provider (package
// secure-apigw): SecuredApi (secure-apigw:index:SecuredApi), RestApi (secure-apigw:apigateway:RestApi), UserPool
// (secure-apigw:cognito:UserPool), WebAcl (secure-apigw:waf:WebAcl) and CustomDomain
// (secure-apigw:apigateway:CustomDomain). It is written with pulumi-go-provider's infer package: the schema is
// derived from the input types (restapi.go, securedapi.go, …), whose Annotate methods carry the doc strings every
// language's SDK shows.
//
// It is a Go module of its own (provider/go.mod) because pulumi-go-provider pulls in parts of pulumi/pkg/v3, which
// a newcomer's `make test` should not compile; `make provider-test` (CI, after `make test`) runs its tests.
//
// The inputs mirror the Go Args block for block, under the same Go field names. The mirror is kept by hand, on
// purpose, for three reasons one shared type cannot meet:
//   - the schema's doc strings come from Annotate(infer.Annotator) methods, and tagging the component Args with them
//     would make every component, and so every newcomer's `make test`, import pulumi-go-provider and pulumi/pkg
//     (the reason this is a module of its own);
//   - some Args fields hold values of the calling Go program that cannot cross a process boundary (a stage
//     resource, an AWS provider, logging prerequisites, MovedFrom aliases), so the served type must differ there;
//   - the served types say "unset" the way every language can (optional pointers, camelCase names, ARNs as
//     inputs), where the Go Args use Go's own zero values and named types.
//
// Drift is caught instead: TestEveryGoArgsFieldIsServedOrSaysWhyNot holds every field of every Args type a served
// component takes to a served field of the same name, or to its notServed entry saying why not, so a field added
// to a component fails `make provider-test` until the provider serves it. stacks/ is not a third copy: it reads
// the YAML config of this project's own stacks, with per-environment defaults and errors named by config key, and
// maps it to the same Args. Inputs naming other resources (ARNs, ids, key values) are pulumi inputs, so they may be another resource's or
// another stack's outputs, secrets included: the SDK copies nested outputs into them. Construct maps the inputs to
// the component's Args and calls its New, so a program in any language gets the same children, defaults and
// validation as a Go program. Two things cannot cross the process boundary and are replaced: a stage resource
// (WebAcl takes stageArn) and an AWS provider for us-east-1 (made here for an EDGE domain that needs one).
package provider
