package waf_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	component   = "secure-apigw:waf:WebAcl"
	aclType     = "aws:wafv2/webAcl:WebAcl"
	ipSetType   = "aws:wafv2/ipSet:IpSet"
	loggingType = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	assocType   = "aws:wafv2/webAclAssociation:WebAclAssociation"
	logType     = "aws:cloudwatch/logGroup:LogGroup"
	stageType   = "aws:apigateway/stage:Stage"
	logKey      = "arn:aws:kms:eu-west-1:123456789012:key/logs"
)

func run(t *testing.T, mutate func(a *waf.Args)) (*mockengine.Engine, error) {
	t.Helper()
	return mockengine.Evaluate(func(ctx *pulumi.Context) error {
		stage, err := apigateway.NewStage(ctx, "api-stage", &apigateway.StageArgs{
			RestApi: pulumi.String("a1b2c3"), Deployment: pulumi.String("d1"), StageName: pulumi.String("v1"),
		})
		if err != nil {
			return err
		}
		a := &waf.Args{Stage: stage, LogKmsKeyArn: pulumi.String(logKey)}
		if mutate != nil {
			mutate(a)
		}
		_, err = waf.New(ctx, "edge", a)
		return err
	})
}

// rules are the ACL's rules by name.
func rules(t *testing.T, e *mockengine.Engine) (map[string]map[string]any, []string) {
	t.Helper()
	acls := e.ByType(aclType)
	require.Len(t, acls, 1)
	byName := map[string]map[string]any{}
	var order []string
	for _, r := range acls[0].Inputs["rules"].ArrayValue() {
		m := r.Mappable().(map[string]any)
		byName[m["name"].(string)] = m
		order = append(order, m["name"].(string))
	}
	return byName, order
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestDefaultACLBlocksTheManagedGroupsRateAndBodyWithMetricsEverywhere(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	comp := e.ByType(component)[0]
	for _, r := range e.Resources() {
		if r.Type != stageType && r != comp {
			assert.Equal(t, comp.URN, r.Parent, "%s is the component's child", r.Name)
		}
	}
	acl := e.ByType(aclType)[0]
	assert.Equal(t, "REGIONAL", acl.Str("scope"))
	assert.NotEmpty(t, acl.Inputs["defaultAction"].ObjectValue()["allow"])
	visible, _ := acl.Bool("visibilityConfig.cloudwatchMetricsEnabled")
	assert.True(t, visible)

	byName, order := rules(t, e)
	assert.Equal(t, []string{"rate-limit", "body-size", waf.IPReputationList, waf.KnownBadInputs, waf.SQLiRuleSet,
		waf.CommonRuleSet}, order)
	priorities := map[float64]string{}
	for name, r := range byName {
		p := r["priority"].(float64)
		assert.NotContains(t, priorities, p, "%s shares priority %v with %s", name, p, priorities[p])
		priorities[p] = name
		assert.Equal(t, true, dig(r, "visibilityConfig", "cloudwatchMetricsEnabled"), name)
		assert.Equal(t, true, dig(r, "visibilityConfig", "sampledRequestsEnabled"), name)
	}
	for _, g := range []string{waf.IPReputationList, waf.KnownBadInputs, waf.SQLiRuleSet, waf.CommonRuleSet} {
		assert.Equal(t, "AWS", dig(byName[g], "statement", "managedRuleGroupStatement", "vendorName"), g)
		assert.NotNil(t, dig(byName[g], "overrideAction", "none"), "%s blocks by default", g)
		assert.Nil(t, dig(byName[g], "overrideAction", "count"), g)
	}
	rate := byName["rate-limit"]
	assert.Equal(t, 1000.0, dig(rate, "statement", "rateBasedStatement", "limit"))
	assert.Equal(t, 300.0, dig(rate, "statement", "rateBasedStatement", "evaluationWindowSec"))
	assert.Equal(t, "IP", dig(rate, "statement", "rateBasedStatement", "aggregateKeyType"))
	assert.Equal(t, 429.0, dig(rate, "action", "block", "customResponse", "responseCode"))
	assert.Nil(t, dig(rate, "statement", "rateBasedStatement", "scopeDownStatement"))
	body := byName["body-size"]
	assert.Equal(t, 16384.0, dig(body, "statement", "sizeConstraintStatement", "size"))
	assert.Equal(t, "MATCH", dig(body, "statement", "sizeConstraintStatement", "fieldToMatch", "body", "oversizeHandling"))
	assert.Equal(t, "forbidden", dig(body, "action", "block", "customResponse", "customResponseBodyKey"))
	bodies := map[string]string{}
	for _, b := range acl.Inputs["customResponseBodies"].ArrayValue() {
		m := b.Mappable().(map[string]any)
		assert.Equal(t, "APPLICATION_JSON", m["contentType"])
		bodies[m["key"].(string)] = m["content"].(string)
	}
	// Every body a rule names must exist, or AWS refuses the ACL.
	assert.Equal(t, map[string]string{"forbidden": `{"message":"Forbidden"}`,
		"too-many-requests": `{"message":"Too many requests"}`}, bodies)
	assert.Empty(t, e.ByType(ipSetType))
}

func TestLoggingGoesToAnEncryptedRetainedGroupWithoutCredentials(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	lg := e.Named(logType, "edge-logs")
	require.NotNil(t, lg)
	assert.Equal(t, "aws-waf-logs-edge", lg.Str("name"), "WAF only logs to groups named aws-waf-logs-*")
	named, err := run(t, func(a *waf.Args) { a.Name = "shop-prod" })
	require.NoError(t, err)
	assert.Equal(t, "aws-waf-logs-shop-prod", named.Named(logType, "edge-logs").Str("name"))
	assert.Equal(t, "shop-prod", named.ByType(aclType)[0].Str("name"), "one name per stack, unique in the region")
	days, _ := lg.Num("retentionInDays")
	assert.Equal(t, 365.0, days)
	assert.Equal(t, logKey, lg.Str("kmsKeyId"))
	logging := e.ByType(loggingType)
	require.Len(t, logging, 1)
	acl := e.ByType(aclType)[0]
	assert.Equal(t, acl.Outputs["arn"].StringValue(), logging[0].Str("resourceArn"))
	assert.Equal(t, lg.Outputs["arn"].StringValue(), logging[0].Str("logDestinationConfigs.0"))
	var redacted []string
	for _, f := range logging[0].Inputs["redactedFields"].ArrayValue() {
		redacted = append(redacted, fmt.Sprint(dig(f.Mappable(), "singleHeader", "name")))
	}
	assert.Equal(t, []string{"authorization", "cookie", "x-api-key"}, redacted)
}

func TestTheACLIsAssociatedWithTheStageArnAfterTheStage(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	stage := e.Named(stageType, "api-stage")
	assoc := e.ByType(assocType)
	require.Len(t, assoc, 1)
	assert.Equal(t, stage.Outputs["arn"].StringValue(), assoc[0].Str("resourceArn"))
	assert.Regexp(t, `^arn:aws:apigateway:[a-z0-9-]+::/restapis/[^/]+/stages/[^/]+$`, assoc[0].Str("resourceArn"))
	assert.True(t, assoc[0].DependsOn(stage), "WAF cannot associate with a stage that does not exist yet")
	assert.Equal(t, e.ByType(aclType)[0].Outputs["arn"].StringValue(), assoc[0].Str("webAclArn"))
}

// A stage held only by its ARN (another stack's output, or a RestApi served by the component provider) is
// associated by that ARN.
func TestAStageArnIsAssociatedByItself(t *testing.T) {
	arn := "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/v1"
	e, err := run(t, func(a *waf.Args) { a.Stage, a.StageArn = nil, pulumi.String(arn) })
	require.NoError(t, err)
	assoc := e.ByType(assocType)
	require.Len(t, assoc, 1)
	assert.Equal(t, arn, assoc[0].Str("resourceArn"))
	assert.False(t, assoc[0].DependsOn(e.Named(stageType, "api-stage")), "the ARN, not the test's stage")
}

func TestOptionalRulesAndCountMode(t *testing.T) {
	e, err := run(t, func(a *waf.Args) {
		a.AnonymousIPList, a.BotControl = true, true
		a.CountOnly = []string{waf.CommonRuleSet, waf.BotControl}
		a.RateLimit, a.RateLimitWindowSeconds, a.RateLimitPathPrefix = 100, 60, "/items"
		a.BlockCountries = []string{"KP", "IR"}
		a.AllowOnlyCIDRs = []string{"203.0.113.0/24", "2001:DB8::/32"}
		a.DenyCIDRs = []string{"203.0.113.7/32"}
		a.MaxBodyBytes = 40000
	})
	require.NoError(t, err)
	byName, order := rules(t, e)
	assert.Equal(t, []string{"deny-list", "allow-list", "geo-block", "rate-limit", "body-size", waf.IPReputationList,
		waf.AnonymousIPList, waf.KnownBadInputs, waf.SQLiRuleSet, waf.CommonRuleSet, waf.BotControl}, order)
	assert.NotNil(t, dig(byName[waf.CommonRuleSet], "overrideAction", "count"), "count mode while tuning")
	assert.NotNil(t, dig(byName[waf.BotControl], "overrideAction", "count"))
	assert.NotNil(t, dig(byName[waf.SQLiRuleSet], "overrideAction", "none"))
	scope := dig(byName["rate-limit"], "statement", "rateBasedStatement", "scopeDownStatement", "byteMatchStatement")
	assert.Equal(t, "/items", dig(scope, "searchString"))
	assert.Equal(t, "STARTS_WITH", dig(scope, "positionalConstraint"))
	assert.Equal(t, []any{"KP", "IR"}, dig(byName["geo-block"], "statement", "geoMatchStatement", "countryCodes"))

	sets := map[string]*mockengine.Resource{}
	for _, s := range e.ByType(ipSetType) {
		sets[s.Name] = s
	}
	require.Len(t, sets, 3)
	assert.Equal(t, "IPV6", sets["edge-allow-ipv6"].Str("ipAddressVersion"))
	assert.Equal(t, "2001:db8::/32", sets["edge-allow-ipv6"].Str("addresses.0"), "canonical form, which AWS echoes back")
	either := dig(byName["allow-list"], "statement", "notStatement", "statements").([]any)
	require.Len(t, either, 1, "allow-list blocks what is in neither set")
	assert.Len(t, dig(either[0], "orStatement", "statements"), 2)
	assert.Equal(t, sets["edge-deny-ipv4"].Outputs["arn"].StringValue(),
		dig(byName["deny-list"], "statement", "ipSetReferenceStatement", "arn"))
	acl := e.ByType(aclType)[0]
	assert.Equal(t, "KB_48", acl.Str("associationConfig.requestBodies.0.apiGateways.0.defaultSizeInspectionLimit"),
		"a 40000-byte limit needs a 48 KB inspection window")
}

func TestInvalidSettingsAreRefusedNamingTheField(t *testing.T) {
	tests := []struct {
		name string
		mut  func(a *waf.Args)
		want []string
	}{
		{"no stage", func(a *waf.Args) { a.Stage = nil }, []string{"Stage: required"}},
		{"stage and its ARN", func(a *waf.Args) { a.StageArn = pulumi.String("arn:aws:apigateway:eu-west-1::/restapis/a/stages/v1") },
			[]string{"StageArn: set Stage or StageArn, not both"}},
		{"rate below the minimum", func(a *waf.Args) { a.RateLimit = 5 }, []string{"RateLimit: 5", "10 (WAF's minimum)"}},
		{"negative rate", func(a *waf.Args) { a.RateLimit = -1 }, []string{"RateLimit: -1"}},
		{"rate no single client needs", func(a *waf.Args) { a.RateLimit = 6001 }, []string{"RateLimit: 6001", "to 6000 requests per 300 s window"}},
		{"rate no single client needs, per minute", func(a *waf.Args) { a.RateLimit, a.RateLimitWindowSeconds = 1201, 60 },
			[]string{"RateLimit: 1201", "to 1200 requests per 60 s window"}},
		{"window", func(a *waf.Args) { a.RateLimitWindowSeconds = 30 }, []string{"RateLimitWindowSeconds", "60, 120, 300, 600"}},
		{"path prefix", func(a *waf.Args) { a.RateLimitPathPrefix = "items*" }, []string{"RateLimitPathPrefix"}},
		{"unknown country", func(a *waf.Args) { a.BlockCountries = []string{"XX"} }, []string{"BlockCountries[0]", `"XX"`}},
		{"lower-case country", func(a *waf.Args) { a.BlockCountries = []string{"de"} }, []string{"BlockCountries[0]", "two upper-case"}},
		{"region, not a country", func(a *waf.Args) { a.BlockCountries = []string{"EU"} }, []string{"BlockCountries[0]"}},
		{"bad CIDR", func(a *waf.Args) { a.DenyCIDRs = []string{"203.0.113.300/24"} }, []string{"DenyCIDRs[0]", "not a CIDR"}},
		{"host bits", func(a *waf.Args) { a.AllowOnlyCIDRs = []string{"203.0.113.7/24"} }, []string{"AllowOnlyCIDRs[0]", "write 203.0.113.0/24"}},
		{"everything", func(a *waf.Args) { a.AllowOnlyCIDRs = []string{"::/0"} }, []string{"AllowOnlyCIDRs[0]", "every address"}},
		{"duplicate CIDR", func(a *waf.Args) { a.DenyCIDRs = []string{"2001:db8::/32", "2001:db8::/32"} }, []string{"DenyCIDRs[1]", "twice"}},
		{"unknown group", func(a *waf.Args) { a.CountOnly = []string{"CommonRuleSet"} }, []string{"CountOnly[0]", "AWSManagedRulesCommonRuleSet"}},
		{"group not enabled", func(a *waf.Args) { a.CountOnly = []string{waf.BotControl} }, []string{"CountOnly[0]", "not enabled"}},
		{"body size", func(a *waf.Args) { a.MaxBodyBytes = 70000 }, []string{"MaxBodyBytes", "1 to 65536"}},
		{"retention", func(a *waf.Args) { a.LogRetentionDays = 42 }, []string{"LogRetentionDays"}},
		{"name", func(a *waf.Args) { a.Name = "my acl" }, []string{"Name:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := run(t, tt.mut)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			for _, r := range e.Resources() {
				assert.Equal(t, stageType, r.Type, "a refused Args registers nothing (%s)", r.Name)
			}
		})
	}
}
