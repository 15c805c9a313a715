package usageplan

import "fmt"

const (
	// DefaultDescriptionTemplate describes a tier's plan.
	DefaultDescriptionTemplate = "Usage plan %s"
	// MinKeyLength and MaxKeyLength bound an API key's value (API Gateway's CreateApiKey: at least 20 characters).
	MinKeyLength = 20
	// MaxKeyLength is the longest value API Gateway accepts.
	MaxKeyLength = 128
	// MaxRateLimit and MaxBurstLimit are API Gateway's default account-level throttle per region; a plan cannot meter
	// above what the account allows.
	MaxRateLimit = 10000
	// MaxBurstLimit is the account's default burst; see MaxRateLimit.
	MaxBurstLimit = 5000
	// KeyType is the only key type usage plans take.
	KeyType = "API_KEY"
)

// Periods are the quota periods API Gateway accepts.
var Periods = []string{"DAY", "WEEK", "MONTH"}

func (t Tier) description() string {
	if t.Description != "" {
		return t.Description
	}
	return fmt.Sprintf(DefaultDescriptionTemplate, t.Name)
}
