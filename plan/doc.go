// Package plan is the offline plan: `go run . plan <stack>` evaluates the real stack program in-process on the
// recording mock engine, with the stack's config from Pulumi.yaml and Pulumi.<stack>.yaml (secure values shown as
// [secret], never decrypted), and prints what `pulumi up` would create — as a tree with the settings that matter for
// security, values only known after deploy shown as ${resource.attribute} — and the security baseline, the same
// policyx policies `pulumi preview --policy-pack ./policy` runs.
//
// It needs no AWS account, no credentials and no Pulumi CLI. Exit codes: 0 all good, 1 a baseline rule failed,
// 2 the command line or the config was refused (the message names the key), 3 the program itself failed (e.g. the
// backend does not compile).
package plan
