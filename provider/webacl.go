package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/waf"
)

// WebAclArgs are a WAF web ACL's inputs: the WebAcl resource's, and SecuredApi's waf block (which fills in the
// stage).
type WebAclArgs struct {
	StageArn               pulumi.StringInput `pulumi:"stageArn,optional"`
	Name                   string             `pulumi:"name,optional"`
	CountOnly              []string           `pulumi:"countOnly,optional"`
	AnonymousIPList        bool               `pulumi:"anonymousIpList,optional"`
	BotControl             bool               `pulumi:"botControl,optional"`
	RateLimit              int                `pulumi:"rateLimit,optional"`
	RateLimitWindowSeconds int                `pulumi:"rateLimitWindowSeconds,optional"`
	RateLimitPathPrefix    string             `pulumi:"rateLimitPathPrefix,optional"`
	BlockCountries         []string           `pulumi:"blockCountries,optional"`
	AllowOnlyCIDRs         []string           `pulumi:"allowOnlyCidrs,optional"`
	DenyCIDRs              []string           `pulumi:"denyCidrs,optional"`
	MaxBodyBytes           int                `pulumi:"maxBodyBytes,optional"`
	LogRetentionDays       int                `pulumi:"logRetentionDays,optional"`
	LogKmsKeyArn           pulumi.StringInput `pulumi:"logKmsKeyArn,optional"`
	Protect                bool               `pulumi:"protect,optional"`
	Tags                   map[string]string  `pulumi:"tags,optional"`
}

// Annotate documents WebAclArgs in the schema.
func (w *WebAclArgs) Annotate(an infer.Annotator) {
	an.Describe(&w.StageArn, "The ARN of the API stage the ACL protects (a RestApi's stageArn). Required on a "+
		"WebAcl; a SecuredApi fills in its own stage.")
	an.Describe(&w.Name, "Names the ACL, its IP sets, metrics and log group (aws-waf-logs-<name>); unique per "+
		"account and region. 1 to 100 letters, digits, '-' or '_'. Defaults to the resource name.")
	an.Describe(&w.CountOnly, `Managed groups (e.g. "AWSManagedRulesCommonRuleSet") that count instead of block, `+
		"while tuning. Defaults to none: every group blocks.")
	an.Describe(&w.AnonymousIPList, "Adds AWSManagedRulesAnonymousIpList (VPNs, Tor, hosting providers).")
	an.Describe(&w.BotControl, "Adds AWSManagedRulesBotControlRuleSet (common inspection level; billed per request).")
	an.Describe(&w.RateLimit, "The most requests one source IP may make per window, at least 10. Defaults to 1000.")
	an.Describe(&w.RateLimitWindowSeconds, "60, 120, 300 or 600. Defaults to 300.")
	an.Describe(&w.RateLimitPathPrefix, `Limits the rate rule to paths starting with it ("/items"). Defaults to `+
		"every path.")
	an.Describe(&w.BlockCountries, "ISO 3166-1 alpha-2 codes whose requests are blocked.")
	an.Describe(&w.AllowOnlyCIDRs, "Blocks every source outside these IPv4/IPv6 CIDRs. Defaults to any source.")
	an.Describe(&w.DenyCIDRs, "IPv4/IPv6 CIDRs whose requests are blocked.")
	an.Describe(&w.MaxBodyBytes, "Blocks request bodies larger than this, 1 to 65536. Defaults to 16384.")
	an.Describe(&w.LogRetentionDays, "The WAF log group's retention, a value CloudWatch Logs accepts. Defaults to 365.")
	an.Describe(&w.LogKmsKeyArn, "The key the WAF log group is encrypted with (SecuredApi's log key by default "+
		"there).")
	an.Describe(&w.Protect, "Protects the log group from deletion and retains it on destroy.")
	an.Describe(&w.Tags, "Tags applied to the ACL, IP sets and log group.")
}

func (w WebAclArgs) wafArgs() *waf.Args {
	return &waf.Args{StageArn: w.StageArn, Name: w.Name, CountOnly: w.CountOnly, AnonymousIPList: w.AnonymousIPList,
		BotControl: w.BotControl, RateLimit: w.RateLimit, RateLimitWindowSeconds: w.RateLimitWindowSeconds,
		RateLimitPathPrefix: w.RateLimitPathPrefix, BlockCountries: w.BlockCountries,
		AllowOnlyCIDRs: w.AllowOnlyCIDRs, DenyCIDRs: w.DenyCIDRs, MaxBodyBytes: w.MaxBodyBytes,
		LogRetentionDays: w.LogRetentionDays, LogKmsKeyArn: w.LogKmsKeyArn, Protect: w.Protect, Tags: tags(w.Tags)}
}
