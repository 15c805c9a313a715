package tests

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
	"github.com/secure-apigw/secure-apigw/stacks"
)

// safeRangeRow is one row of docs/config.md's "Safe ranges" table: a key and what happens just outside its range.
type safeRangeRow struct{ key, outside string }

// safeRanges reads the table under "## Safe ranges".
func safeRanges(t *testing.T) []safeRangeRow {
	t.Helper()
	_, after, found := strings.Cut(readDoc(t, "docs/config.md"), "## Safe ranges\n")
	require.True(t, found, "docs/config.md has no Safe ranges table")
	var rows []safeRangeRow
	for _, line := range strings.Split(after, "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		cells := strings.Split(line, " | ")
		if !strings.HasPrefix(line, "| `") || len(cells) != 4 {
			continue
		}
		rows = append(rows, safeRangeRow{strings.Trim(cells[0], "| `"), strings.TrimSuffix(cells[3], " |")})
	}
	return rows
}

// set changes the value at a dotted path of the gateway object ("monitoring.thresholds.latencyP99Ms").
func set(path string, v any) func(g map[string]any) {
	return func(g map[string]any) {
		parts := strings.Split(path, ".")
		m := g
		for _, p := range parts[:len(parts)-1] {
			m = sub(m, p)
		}
		m[parts[len(parts)-1]] = v
	}
}

// edge is one config just inside (inside) and one just outside (outside) a row's safe range, on stack.
type edge struct {
	stack           string
	inside, outside func(g map[string]any)
}

var halves = []any{"0.0.0.0/1", "128.0.0.0/1"}

// rangeEdges are the edits each row of the table is tried with. inside is nil where the stack's own value is
// the edge (a boolean, or the only allowed value).
var rangeEdges = map[string]edge{
	"endpointType":                       {outside: set("endpointType", "EDGE")},
	"throttle.rateLimit":                 {inside: set("throttle.rateLimit", 10000), outside: set("throttle.rateLimit", 10001)},
	"throttle.burstLimit":                {inside: set("throttle.burstLimit", 5000), outside: set("throttle.burstLimit", 5001)},
	"logs.level":                         {inside: set("logs.level", "ERROR"), outside: set("logs.level", "OFF")},
	"logs.retentionDays":                 {inside: set("logs.retentionDays", 365), outside: set("logs.retentionDays", 180)},
	"logs.kmsEncryption":                 {outside: set("logs.kmsEncryption", false)},
	"functions.environmentKmsEncryption": {outside: set("functions.environmentKmsEncryption", false)},
	"tracing":                            {outside: set("tracing", false)},
	"clientCertificate":                  {outside: set("clientCertificate", false)},
	"protectStatefulResources":           {outside: set("protectStatefulResources", false)},
	"cors.allowOrigin":                   {outside: set("cors.allowOrigin", "*")},
	"cors.allowHeaders": {inside: set("cors.allowHeaders", "Content-Type,Authorization"),
		outside: set("cors.allowHeaders", "Content-Type,*")},
	"backend.reservedConcurrency": {inside: set("backend.reservedConcurrency", 1), outside: set("backend.reservedConcurrency", 0)},
	"waf.enabled":                 {outside: set("waf.enabled", false)},
	// prod's window is 60 s: 20/s is 1200 per window.
	"waf.rateLimit":              {inside: set("waf.rateLimit", 1200), outside: set("waf.rateLimit", 1201)},
	"waf.rateLimitWindowSeconds": {inside: set("waf.rateLimitWindowSeconds", 600), outside: set("waf.rateLimitWindowSeconds", 30)},
	"waf.countOnly":              {outside: set("waf.countOnly", []any{"AWSManagedRulesCommonRuleSet"})},
	"waf.allowOnlyCidrs": {inside: set("waf.allowOnlyCidrs", []any{"0.0.0.0/1", "128.0.0.0/2"}),
		outside: set("waf.allowOnlyCidrs", halves)},
	"waf.maxBodyBytes":     {inside: set("waf.maxBodyBytes", 65536), outside: set("waf.maxBodyBytes", 65537)},
	"waf.logRetentionDays": {inside: set("waf.logRetentionDays", 365), outside: set("waf.logRetentionDays", 180)},
	"sourceIp.allowCidrs": {inside: set("sourceIp.allowCidrs", []any{"0.0.0.0/1", "128.0.0.0/2"}),
		outside: set("sourceIp.allowCidrs", halves)},
	"network.vpcCidrs": {inside: set("network.vpcCidrs", []any{"10.0.0.0/8", "172.16.0.0/12"}),
		outside: set("network.vpcCidrs", halves)},
	"network.executeApiEndpoint.allowedCidrs": {stack: "private", outside: set("network.executeApiEndpoint.allowedCidrs", halves)},
	"domain":                {outside: func(g map[string]any) { delete(g, "domain") }},
	"domain.securityPolicy": {inside: set("domain.securityPolicy", "TLS_1_2"), outside: set("domain.securityPolicy", "TLS_1_0")},
	"monitoring.enabled":    {outside: set("monitoring.enabled", false)},
	"monitoring.notify":     {outside: set("monitoring.notify", false)},
	"monitoring.topicArn":   {outside: set("monitoring.topicArn", "arn:aws:sns:eu-west-1:123456789012:someone-elses")},
	"monitoring.thresholds.serverErrorPercent": {inside: set("monitoring.thresholds.serverErrorPercent", 5),
		outside: set("monitoring.thresholds.serverErrorPercent", 5.1)},
	"monitoring.thresholds.clientErrorPercent": {inside: set("monitoring.thresholds.clientErrorPercent", 50),
		outside: set("monitoring.thresholds.clientErrorPercent", 50.1)},
	"monitoring.thresholds.latencyP99Ms": {inside: set("monitoring.thresholds.latencyP99Ms", 10000),
		outside: set("monitoring.thresholds.latencyP99Ms", 10001)},
	"monitoring.thresholds.integrationLatencyP99Ms": {inside: set("monitoring.thresholds.integrationLatencyP99Ms", 10000),
		outside: set("monitoring.thresholds.integrationLatencyP99Ms", 10001)},
	"monitoring.thresholds.wafBlockedRequests": {inside: set("monitoring.thresholds.wafBlockedRequests", 10000),
		outside: set("monitoring.thresholds.wafBlockedRequests", 10001)},
	"monitoring.thresholds.concurrencyPercent": {inside: set("monitoring.thresholds.concurrencyPercent", 90),
		outside: set("monitoring.thresholds.concurrencyPercent", 90.1)},
	// Two periods of 1800 s fire after an hour; of 1860 s, after 3720 s.
	"monitoring.thresholds.periodSeconds": {inside: set("monitoring.thresholds.periodSeconds", 1800),
		outside: set("monitoring.thresholds.periodSeconds", 1860)},
	"monitoring.thresholds.evaluationPeriods": {inside: set("monitoring.thresholds.evaluationPeriods", 1),
		outside: set("monitoring.thresholds.evaluationPeriods", 11)},
	// prod's stage throttles at 500/s.
	"usagePlans.tiers[].throttle.rateLimit": {
		inside:  func(g map[string]any) { tier(g)["throttle"] = map[string]any{"rateLimit": 500, "burstLimit": 1000} },
		outside: func(g map[string]any) { tier(g)["throttle"] = map[string]any{"rateLimit": 501, "burstLimit": 1000} }},
	"auth.userPool.tier": {outside: func(g map[string]any) {
		sub(sub(g, "auth"), "userPool")["tier"] = "ESSENTIALS"
		delete(sub(sub(g, "auth"), "userPool"), "threatProtection")
	}},
	"auth.userPool.threatProtection": {outside: set("auth.userPool.threatProtection", "AUDIT")},
	"auth.userPool.mfa":              {outside: set("auth.userPool.mfa", "OPTIONAL")},
	"auth.userPool.passwordMinLength": {inside: set("auth.userPool.passwordMinLength", 8),
		outside: set("auth.userPool.passwordMinLength", 7)},
	"auth.userPool.selfSignUp":   {outside: set("auth.userPool.selfSignUp", true)},
	"auth.userPool.callbackUrls": {outside: set("auth.userPool.callbackUrls", []any{"http://localhost:3000/callback"})},
	"auth.userPool.logoutUrls":   {outside: set("auth.userPool.logoutUrls", []any{"http://app.example.com/"})},
	"auth.partnerAuthorizer.issuer": {outside: func(g map[string]any) {
		sub(sub(g, "auth"), "partnerAuthorizer")["issuer"] = "http://idp.example.com"
		sub(sub(g, "auth"), "partnerAuthorizer")["audiences"] = []any{"partner"}
	}},
	"auth.partnerAuthorizer.jwksUrl": {outside: func(g map[string]any) {
		sub(sub(g, "auth"), "partnerAuthorizer")["issuer"] = "https://idp.example.com"
		sub(sub(g, "auth"), "partnerAuthorizer")["audiences"] = []any{"partner"}
		sub(sub(g, "auth"), "partnerAuthorizer")["jwksUrl"] = "http://idp.example.com/jwks.json"
	}},
	"auth.partnerAuthorizer.cacheTtlSeconds": {inside: set("auth.partnerAuthorizer.cacheTtlSeconds", 300),
		outside: set("auth.partnerAuthorizer.cacheTtlSeconds", 301)},
}

var failsRule = regexp.MustCompile("^fails `([a-z0-9-]+)`$")

// Every row of docs/config.md's safe-range table, tried just outside its range on the prod stack under prod's policy
// config (which waives nothing), does what the row says: the config is refused naming the key, or the named rule
// fails. Just inside, where a row has an edge, the stack plans and that rule does not fail. A key in the table
// without an edge here, or an edge without a row, fails the test: the table and the test move together.
func TestEveryKeyJustOutsideItsSafeRange(t *testing.T) {
	rows := safeRanges(t)
	require.NotEmpty(t, rows)
	var keys []string
	for _, row := range rows {
		keys = append(keys, row.key)
	}
	for k := range rangeEdges {
		assert.Contains(t, keys, k, "an edge for a key docs/config.md's Safe ranges table does not list")
	}
	reference := configReferenceText(t)
	for _, row := range rows {
		t.Run(row.key, func(t *testing.T) {
			e, ok := rangeEdges[row.key]
			require.True(t, ok, "no edge for %s: add one to rangeEdges", row.key)
			assert.Contains(t, reference, "`"+strings.Split(row.key, ".")[0], "the key is in the config reference")
			rule := ""
			if m := failsRule.FindStringSubmatch(row.outside); m != nil {
				rule = m[1]
			} else {
				require.Equal(t, "refused", row.outside, "the outcome column says `refused` or fails `<rule>`")
			}
			status, refused := rangeOutcome(t, e.stack, e.outside, rule)
			if rule == "" {
				require.Error(t, refused, "just outside its range, %s must be refused", row.key)
				named := "secure-apigw:gateway." + strings.ReplaceAll(row.key, "[]", "[0]")
				assert.Contains(t, refused.Error(), named, "the refusal names the key")
			} else {
				require.NoError(t, refused)
				assert.Equal(t, baseline.Fail, status, "just outside its range, %s must fail %s", row.key, rule)
			}
			if e.inside != nil {
				status, refused := rangeOutcome(t, e.stack, e.inside, rule)
				require.NoError(t, refused, "just inside its range, %s is accepted", row.key)
				assert.NotEqual(t, baseline.Fail, status, "just inside its range, %s passes %s", row.key, rule)
			}
		})
	}
}

// rangeOutcome plans the stack with edit and returns rule's status under the stack's policy config ("" when rule
// is ""), or the refusal.
func rangeOutcome(t *testing.T, stack string, edit func(g map[string]any), rule string) (baseline.Status, error) {
	t.Helper()
	var cfg stackconfig.Stack
	policyStack := "prod"
	switch stack {
	case "private":
		cfg, policyStack = withGateway(t, loadStack(t, "dev"), func(g map[string]any) { privateNetwork(g); edit(g) }), "dev"
	default:
		cfg = withGateway(t, loadStack(t, "prod"), edit)
	}
	e, err := evaluate(t, cfg)
	var refused *stacks.ConfigError
	if errors.As(err, &refused) {
		return "", refused
	}
	require.NoError(t, err, "an edit is refused as a *stacks.ConfigError naming its key, or plans")
	if rule == "" {
		return "", nil
	}
	policy, err := baseline.LoadConfig(filepath.Join(projectRoot(t), "policy", "config."+policyStack+".json"))
	require.NoError(t, err)
	results, err := baseline.Evaluate(context.Background(), e.AnalyzerResources(), policy)
	require.NoError(t, err)
	for _, r := range results {
		if r.Policy == rule || strings.HasPrefix(r.Policy, rule+"--") {
			return r.Status, nil
		}
	}
	t.Fatalf("no policy %s", rule)
	return "", nil
}

// configReferenceText is docs/config.md's table of every key, above the safe ranges.
func configReferenceText(t *testing.T) string {
	t.Helper()
	_, after, found := strings.Cut(readDoc(t, "docs/config.md"), "\n## Every key\n")
	require.True(t, found, "docs/config.md has no section \"Every key\"")
	before, _, found := strings.Cut(after, "\n## Safe ranges\n")
	require.True(t, found, "docs/config.md has no section \"Safe ranges\" after \"Every key\"")
	return before
}
