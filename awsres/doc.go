// Package awsres registers the pulumi-aws resources whose generated Go packages cost more to compile than the rest
// of the program: wafv2 (11.7 MB of generated Go), ec2 (6.8 MB) and s3 (1.9 MB) were 186 of the 260 CPU-seconds
// that a newcomer's first `make plan` spent on pulumi-aws. Each type here registers the same token, with the same
// property names, the same pulumi-aws version and the same aliases as the SDK's constructor does, so the engine,
// the provider and a stack's state cannot tell the two apart; only the Go types differ.
//
// What a type exposes is what this project's components read and what a composing program needs to wire a
// resource to others: its id, its ARN and its names. A program that wants the SDK's full typed view of one of
// them reads it by id, for example wafv2.GetWebAcl(ctx, name, acl.ID(), nil).
//
// Inputs are a pulumi.Map keyed by the provider's property names. The names cannot be checked by the compiler, so
// sdk_test.go (build tag sdk, run by `make sdk-test` in CI) walks the SDK's Args types and fails on any key, at any
// depth, that the SDK does not have, for every resource the components register here.
package awsres
