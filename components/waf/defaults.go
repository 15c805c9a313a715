package waf

const (
	// DefaultRateLimit is requests per source IP per window.
	DefaultRateLimit = 1000
	// MinRateLimit is WAF's lowest rate-based limit.
	MinRateLimit = 10
	// MaxRateLimitPerSecond bounds the per-address limit, averaged over its window: 20 requests/s is more than any
	// one client of an API needs (the default is 3.3/s), and above it one address can take a large share of the
	// stage throttle every caller shares. WAF itself allows up to 2,000,000,000 per window.
	MaxRateLimitPerSecond = 20
	// DefaultRateLimitWindowSeconds is WAF's default evaluation window.
	DefaultRateLimitWindowSeconds = 300
	// DefaultMaxBodyBytes matches API Gateway's default body inspection window (16 KB).
	DefaultMaxBodyBytes = 16384
	// MaxBodyBytes is the largest inspection window API Gateway associations can buy (64 KB).
	MaxBodyBytes = 65536
	// DefaultLogRetentionDays keeps a year of WAF logs.
	DefaultLogRetentionDays = 365
	// LogGroupPrefix is the prefix WAF requires of a CloudWatch Logs destination.
	LogGroupPrefix = "aws-waf-logs-"
)

// RateLimitWindows are the evaluation windows WAF accepts, in seconds.
var RateLimitWindows = []int{60, 120, 300, 600}

// RedactedHeaders are never written to WAF logs: they carry credentials.
var RedactedHeaders = []string{"authorization", "cookie", "x-api-key"}

// Managed rule groups (vendor AWS), in evaluation order.
const (
	IPReputationList = "AWSManagedRulesAmazonIpReputationList"
	AnonymousIPList  = "AWSManagedRulesAnonymousIpList"
	KnownBadInputs   = "AWSManagedRulesKnownBadInputsRuleSet"
	SQLiRuleSet      = "AWSManagedRulesSQLiRuleSet"
	CommonRuleSet    = "AWSManagedRulesCommonRuleSet"
	BotControl       = "AWSManagedRulesBotControlRuleSet"
)

// managedGroups are the groups an ACL gets, in order: the four always, the two optional ones when asked.
func (a *Args) managedGroups() []string {
	out := []string{IPReputationList}
	if a.AnonymousIPList {
		out = append(out, AnonymousIPList)
	}
	out = append(out, KnownBadInputs, SQLiRuleSet, CommonRuleSet)
	if a.BotControl {
		out = append(out, BotControl)
	}
	return out
}

var allManagedGroups = []string{IPReputationList, AnonymousIPList, KnownBadInputs, SQLiRuleSet, CommonRuleSet, BotControl}

func (a *Args) withDefaults() Args {
	out := *a
	if out.RateLimit == 0 {
		out.RateLimit = DefaultRateLimit
	}
	if out.RateLimitWindowSeconds == 0 {
		out.RateLimitWindowSeconds = DefaultRateLimitWindowSeconds
	}
	if out.MaxBodyBytes == 0 {
		out.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if out.LogRetentionDays == 0 {
		out.LogRetentionDays = DefaultLogRetentionDays
	}
	return out
}
