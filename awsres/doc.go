// Package awsres registers the pulumi-aws resources whose generated Go packages cost a newcomer's first build more
// than the handful of types this project uses from them is worth: wafv2 (11.7 MB of generated Go), ec2 (6.8 MB)
// and s3 (1.9 MB) were 186 of the 260 CPU-seconds a cold build spent on pulumi-aws, and wafv2 alone two thirds of
// its peak memory; lb (0.9 MB) and route53 (1.0 MB) are another 9. Each type here registers the same token, with
// the same property names, the same pulumi-aws version and the same aliases as the SDK's constructor does, and each
// lookup sends the SDK's invoke, so the engine, the provider and a stack's state cannot tell the two apart; only
// the Go types differ.
//
// What a type exposes is what this project's components read and what a composing program needs to wire a
// resource to others: its id, its ARN and its names. A program that wants the SDK's full typed view of one of
// them reads it by id, for example wafv2.GetWebAcl(ctx, name, acl.ID(), nil).
//
// Inputs are a pulumi.Map keyed by the provider's property names, which the compiler cannot check. Under the sdk
// build tag (`make sdk-test`, run by CI) the mock engine checks every input registered here, at every depth and of
// every test, against the SDK's Args types (internal/mockengine/sdkschema_sdk.go), and sdk_test.go compares each
// constructor and lookup with the SDK's.
package awsres
