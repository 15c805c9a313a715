// Package baseline is the security baseline as a real Pulumi policy pack, written with the SDK's policyx.
//
// Every rule is a policyx policy whose name carries the IDs it maps to (cdk-nag, AWS Security Hub, checkov), whose
// description says what must hold, and whose violations name the resource and the fix. The same policy values serve
// two callers, so there is one rule engine, not two:
//
//   - real users run them under `pulumi preview --policy-pack ./policy` (policy/main.go calls policyx.Main with Pack);
//   - the offline plan calls Evaluate, which runs the very same policies in-process over the resources recorded by the
//     mock engine, through its own PolicyManager.
//
// Rules that need per-stack settings (a retention minimum, the API-key-only opt-in) are resource policies, because
// in this SDK only resource policies receive policy config; rules that join resources (a stage and its method
// settings, a method and its integration) are stack policies, which see parents and dependencies.
//
// A rule can be waived per stack only in the stack's policy config file (policy/config.<stack>.json, the format
// `pulumi preview --policy-pack-config` takes), with an enforcement level and a written reason; the plan refuses a
// waiver without a reason and prints every waiver with its reason.
package baseline
