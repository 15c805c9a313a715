package waf

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Args configures a WebACL. Only Stage (or StageArn) is required.
type Args struct {
	// Stage is the API stage the ACL protects (restapi.RestAPI.Stage). Exactly one of Stage and StageArn.
	Stage *apigateway.Stage
	// StageArn is the ARN of a stage the program holds only as an output (another stack's, or a RestApi served by
	// the component provider): the association waits on the ARN's own dependencies. Exactly one of Stage and
	// StageArn.
	StageArn pulumi.StringInput
	// Name names the ACL, its IP sets, metrics and log group (aws-waf-logs-<Name>); ACL and log-group names must be
	// unique per account and region, so give each stack its own. 1 to 100 letters, digits, '-' or '_'. Optional;
	// defaults to the instance name.
	Name string
	// CountOnly lists managed groups (by name, e.g. "AWSManagedRulesCommonRuleSet") that count instead of block,
	// while tuning. Optional; defaults to none: every group blocks.
	CountOnly []string
	// AnonymousIPList adds AWSManagedRulesAnonymousIpList (VPNs, Tor, hosting providers). Optional; defaults to false.
	AnonymousIPList bool
	// BotControl adds AWSManagedRulesBotControlRuleSet (common inspection level; billed per request). Optional;
	// defaults to false.
	BotControl bool
	// RateLimit is the most requests one source IP may make per RateLimitWindowSeconds, at least 10 (WAF's
	// minimum). Optional; defaults to 1000.
	RateLimit int
	// RateLimitWindowSeconds is 60, 120, 300 or 600. Optional; defaults to 300.
	RateLimitWindowSeconds int
	// RateLimitPathPrefix limits the rate rule to paths starting with it ("/items"). Optional; defaults to every path.
	RateLimitPathPrefix string
	// BlockCountries are ISO 3166-1 alpha-2 codes whose requests are blocked. Optional.
	BlockCountries []string
	// AllowOnlyCIDRs, when set, blocks every source outside these IPv4/IPv6 CIDRs. Optional; defaults to any source.
	AllowOnlyCIDRs []string
	// DenyCIDRs are IPv4/IPv6 CIDRs whose requests are blocked. Optional.
	DenyCIDRs []string
	// MaxBodyBytes blocks request bodies larger than this, 1 to 65536. Bodies beyond WAF's inspection window (16 KB
	// for API Gateway) are blocked as well. Optional; defaults to 16384.
	MaxBodyBytes int
	// LogRetentionDays is the WAF log group's retention, a value CloudWatch Logs accepts. Optional; defaults to 365.
	LogRetentionDays int
	// LogKmsKeyArn encrypts the WAF log group (see package logkey). Optional; defaults to the service key.
	LogKmsKeyArn pulumi.StringInput
	// Protect protects the log group from deletion and retains it when the stack is destroyed. Optional.
	Protect bool
	// Tags are applied to the ACL, IP sets and log group. Optional.
	Tags pulumi.StringMap
}
