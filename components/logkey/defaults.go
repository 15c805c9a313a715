package logkey

import "github.com/secure-apigw/secure-apigw/components/internal/kmskey"

// DefaultDeletionWindowDays is the longest window KMS allows: a key scheduled for deletion by mistake can be recovered
// for a month, and its log groups stay readable meanwhile.
const DefaultDeletionWindowDays = kmskey.DefaultDeletionWindowDays

func (a *Args) withDefaults() Args {
	out := *a
	if out.DeletionWindowDays == 0 {
		out.DeletionWindowDays = DefaultDeletionWindowDays
	}
	if out.Description == "" {
		out.Description = "Encrypts CloudWatch Logs log groups"
	}
	return out
}
