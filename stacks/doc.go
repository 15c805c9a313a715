// Package stacks composes the components into the deployable program, from one typed, validated config object per
// stack (the `gateway` key of Pulumi.<stack>.yaml).
//
// It is the only place that reads stack config. Program reads and validates everything first — all problems at once,
// each naming its key and what is allowed — and registers nothing when the config is refused; then Deploy wires the
// log key, the account logging role, the Go backend and the REST API, and exports what an operator needs.
package stacks
