// Package e2e is `make e2e`: every program of the project deployed by the real Pulumi CLI into moto on loopback.
//
// The offline plan and the tests run the programs on the project's own mock engine, which accepts what the AWS
// provider may refuse. Here the real engine and provider run them: for each program `pulumi up`, then `pulumi
// preview --expect-no-changes` (a proposed change means the program and the provider disagree on a value), then
// `pulumi destroy`, which must leave no resource. It prints, per program, the resources, each step's wall time and
// the API Gateway write calls moto received (from its request log).
//
// Moto is started as `make moto` starts it (scripts/moto.sh, with the fixes for moto's bugs), on a free loopback
// port, with a state backend of its own in a temporary folder. Each program's stack config is its own file with the
// local stack's `aws:*` settings (endpoints, dummy credentials) pointed at that port; the stacks in the working tree
// are never touched. Without `pulumi` or `moto_server` on PATH it says so and exits 0.
package e2e
