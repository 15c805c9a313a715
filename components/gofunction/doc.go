// Package gofunction provides Function: a Go Lambda the Pulumi program builds itself, the way CDK's GoFunction does.
//
// Build compiles the main package for Lambda's provided.al2023 runtime (GOOS=linux, arm64 by default, CGO off,
// -trimpath, stripped, no build id, the lambda.norpc tag) and packs the binary as "bootstrap" into a zip whose entry
// has a fixed timestamp and mode, so the same sources give a byte-identical zip on any machine with the same Go
// toolchain — and so an unchanged function never shows a diff. Builds are cached by a fingerprint of the sources the
// binary is made from (every main-module package it imports, go.mod, go.sum, toolchain and target), so a deployment
// rebuilds only when one of them changes.
//
// New wraps the artifact in a Lambda with X-Ray active tracing, JSON logs into a log group it creates with a
// retention, and a role that may write only to that log group and send traces.
package gofunction
