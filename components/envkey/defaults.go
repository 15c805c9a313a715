package envkey

import "github.com/secure-apigw/secure-apigw/components/internal/kmskey"

// DefaultDeletionWindowDays is the longest window KMS allows. A function whose key is deleted cannot start: Lambda
// cannot decrypt its variables.
const DefaultDeletionWindowDays = kmskey.DefaultDeletionWindowDays

// DefaultDescription says what the key is for, in the KMS console.
const DefaultDescription = "Encrypts Lambda functions' environment variables"

func (a *Args) withDefaults() Args {
	out := *a
	if out.DeletionWindowDays == 0 {
		out.DeletionWindowDays = DefaultDeletionWindowDays
	}
	if out.Description == "" {
		out.Description = DefaultDescription
	}
	return out
}
