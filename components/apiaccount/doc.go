// Package apiaccount sets API Gateway's account-level CloudWatch Logs role, which execution logging needs.
//
// The setting is a per-region singleton shared by every API in the account: creating it from two stacks makes them
// overwrite each other. So it is a separate component a stack creates only on an explicit opt-in, and on destroy it
// leaves the role and the setting in place (RetainOnDelete, ResetOnDelete false) so other APIs keep logging.
package apiaccount
