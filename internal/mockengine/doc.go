// Package mockengine is the recording mock engine every test and the offline plan run the real stack program on.
//
// It implements pulumi.MockResourceMonitor. For each registration it records what a reviewer of a deployment would
// want to see — type, name, URN, inputs, parent, dependencies, property dependencies and the resource options that
// change lifecycle (protect, retainOnDelete, deleteBeforeReplace, additionalSecretOutputs, aliases) — and it answers
// with realistic, deterministic synthetic outputs (ARNs, execution ARNs, root resource ids, invoke URLs, auto-names)
// so that applies in the program run exactly as they would against AWS. Determinism matters: two evaluations of the
// same program produce byte-identical recordings, which is what lets tests and plans be compared.
package mockengine
