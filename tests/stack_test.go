package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/functions/backend/api"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
	"github.com/secure-apigw/secure-apigw/stacks"
)

const (
	logGroupType = "aws:cloudwatch/logGroup:LogGroup"
	settingsType = "aws:apigateway/methodSettings:MethodSettings"
)

// deploy evaluates the real stack from its Pulumi.<stack>.yaml and captures the stack's exports.
func deploy(t *testing.T, stack string) (*mockengine.Engine, map[string]any) {
	t.Helper()
	cfg := loadStack(t, stack)
	e := mockengine.New(cfg.Config["aws:region"])
	var exports mockengine.Captured
	err := e.Run(mockengine.Program{Project: cfg.Project, Stack: stack, Config: cfg.Config,
		RootDirectory: projectRoot(t)}, func(ctx *pulumi.Context) error {
		s, err := stacks.Build(ctx)
		if err != nil {
			return err
		}
		for name, out := range s.Exports() {
			exports.Capture(name, out)
		}
		return nil
	})
	require.NoError(t, err)
	return e, exports.Values()
}

func TestStacksFromTheirRealConfig(t *testing.T) {
	tests := []struct {
		stack       string
		endpoint    string
		retention   float64
		rate, burst float64
		encrypted   bool
		protected   bool
		accountRole bool
		resources   int
		wafDays     float64
	}{
		{stack: "dev", endpoint: "REGIONAL", retention: 30, rate: 20, burst: 40, encrypted: true, resources: 57, wafDays: 30},
		{stack: "prod", endpoint: "REGIONAL", retention: 400, rate: 500, burst: 1000, encrypted: true, protected: true,
			accountRole: true, resources: 86, wafDays: 365},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			e, exports := deploy(t, tt.stack)
			assert.Equal(t, tt.resources, len(e.Resources()), "resource count (components included)")

			restAPI := e.ByType("aws:apigateway/restApi:RestApi")
			require.Len(t, restAPI, 1)
			assert.Equal(t, tt.endpoint, restAPI[0].Str("endpointConfiguration.types"))
			stage := e.ByType("aws:apigateway/stage:Stage")[0]
			assert.Equal(t, tt.stack, stage.Str("stageName"))
			tracing, _ := stage.Bool("xrayTracingEnabled")
			assert.True(t, tracing)

			all := e.Named(settingsType, "gateway-api-method-settings")
			rate, _ := all.Num("settings.throttlingRateLimit")
			burst, _ := all.Num("settings.throttlingBurstLimit")
			assert.Equal(t, tt.rate, rate)
			assert.Equal(t, tt.burst, burst)

			key := e.Named("aws:kms/key:Key", "gateway-logs-key-key")
			assert.Equal(t, tt.encrypted, key != nil, "log key")
			groups := e.ByType(logGroupType)
			require.Len(t, groups, 5, "access, execution, backend, authorizer and WAF logs")
			for _, lg := range groups {
				days, _ := lg.Num("retentionInDays")
				if lg.Name == "gateway-waf-logs" {
					assert.Equal(t, tt.wafDays, days, "WAF logs keep their own retention")
				} else {
					assert.Equal(t, tt.retention, days, lg.Name)
				}
				assert.Equal(t, tt.protected, lg.Protect, lg.Name)
				if tt.encrypted {
					assert.Equal(t, key.Outputs["arn"].StringValue(), lg.Str("kmsKeyId"), lg.Name)
				} else {
					assert.Empty(t, lg.Str("kmsKeyId"), lg.Name)
				}
			}
			if tt.encrypted {
				assert.True(t, key.Protect == tt.protected)
			}

			// The authorizer's AUTHZ_* variables are encrypted with the stack's env key; the backend has none.
			envKey := e.Named("aws:kms/key:Key", "gateway-env-key-key")
			require.NotNil(t, envKey, "env key")
			assert.Equal(t, tt.protected, envKey.Protect)
			authzFn := e.Named("aws:lambda/function:Function", "gateway-authorizer-function")
			assert.Equal(t, envKey.Outputs["arn"].StringValue(), authzFn.Str("kmsKeyArn"))
			backendFn := e.Named("aws:lambda/function:Function", "gateway-backend-function")
			assert.Empty(t, backendFn.Str("kmsKeyArn"), "no variables, so no key (CKV_AWS_173)")

			acct := e.Named("aws:apigateway/account:Account", "gateway-apigateway-account-settings")
			assert.Equal(t, tt.accountRole, acct != nil, "account CloudWatch role")
			if acct != nil {
				for _, s := range e.ByType(settingsType) {
					assert.True(t, s.DependsOn(acct), "logging must wait for the account role")
				}
			}

			for _, r := range e.Resources() {
				assert.NotEmpty(t, r.Parent, "%s %s has no parent", r.Type, r.Name)
			}
			model, err := json.Marshal(apiDocument(t, e)["components"].(map[string]any)["schemas"].(map[string]any)["PostItemsRequest"])
			require.NoError(t, err)
			var backend map[string]any
			require.NoError(t, json.Unmarshal([]byte(api.NewItemSchema), &backend))
			delete(backend, "$schema") // OpenAPI 3.0 schemas have none; API Gateway models are draft-04
			want, err := json.Marshal(backend)
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(model), "the gateway validates with the backend's schema")

			id := restAPI[0].ID
			assert.Equal(t, fmt.Sprintf("https://%s.execute-api.eu-west-1.amazonaws.com/%s", id, tt.stack), exports["url"])
			assert.Equal(t, id, exports["restApiId"])
			assert.Equal(t, tt.stack, exports["stageName"])
			assert.Equal(t, fmt.Sprintf("arn:aws:apigateway:eu-west-1::/restapis/%s/stages/%s", id, tt.stack), exports["stageArn"])
			assert.Equal(t, fmt.Sprintf("API-Gateway-Execution-Logs_%s/%s", id, tt.stack), exports["executionLogGroup"])
			for _, k := range []string{"accessLogGroup", "functionName", "functionLogGroup", "userPoolId", "webClientId",
				"partnerClientId", "authorizerFunctionName"} {
				assert.NotEmpty(t, exports[k], k)
			}
			pool := e.ByType("aws:cognito/userPool:UserPool")[0]
			assert.Equal(t, "https://cognito-idp.eu-west-1.amazonaws.com/"+pool.ID, exports["issuer"])
		})
	}
}

func TestAuthIsWiredPerRoute(t *testing.T) {
	tests := []struct {
		stack, tier, threat, mfa string
		minLength                float64
		protected                bool
	}{
		{"dev", "ESSENTIALS", "", "OPTIONAL", 12, false},
		{"prod", "PLUS", "ENFORCED", "ON", 14, true},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			e, exports := deploy(t, tt.stack)
			pool := e.ByType("aws:cognito/userPool:UserPool")[0]
			assert.Equal(t, tt.tier, pool.Str("userPoolTier"))
			assert.Equal(t, tt.threat, pool.Str("userPoolAddOns.advancedSecurityMode"))
			assert.Equal(t, tt.mfa, pool.Str("mfaConfiguration"))
			minLength, _ := pool.Num("passwordPolicy.minimumLength")
			assert.Equal(t, tt.minLength, minLength)
			assert.Equal(t, tt.protected, pool.Protect)

			doc := apiDocument(t, e)
			schemes := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)
			users := schemes["users"].(map[string]any)["x-amazon-apigateway-authorizer"].(map[string]any)
			partners := schemes["partners"].(map[string]any)["x-amazon-apigateway-authorizer"].(map[string]any)
			assert.Equal(t, []any{pool.Outputs["arn"].StringValue()}, users["providerARNs"])
			authz := e.Named("aws:lambda/function:Function", "gateway-authorizer-function")
			assert.Equal(t, authz.Outputs["invokeArn"].StringValue(), partners["authorizerUri"])
			for route, want := range map[string]map[string]any{
				"GET /health":        {"sigv4": []any{}},
				"GET /items":         {"users": []any{"api/items.read"}},
				"POST /items":        {"users": []any{"api/items.write"}},
				"GET /whoami":        {"users": []any{"api/items.read"}},
				"GET /partner/items": {"partners": []any{}, "api_key": []any{}},
				"GET /admin/items":   {"sigv4": []any{}},
			} {
				method, path, _ := strings.Cut(route, " ")
				assert.Equal(t, []any{want}, docOperation(t, doc, method, path)["security"], route)
			}

			fn := e.Named("aws:lambda/function:Function", "gateway-authorizer-function")
			env := func(k string) string { return fn.Str("environment.variables." + k) }
			assert.Equal(t, exports["issuer"], env("AUTHZ_ISSUER"), "the authorizer trusts this stack's pool")
			assert.Equal(t, exports["partnerClientId"], env("AUTHZ_AUDIENCES"), "and only the partner client")
			assert.Equal(t, "access", env("AUTHZ_TOKEN_USE"))
			assert.JSONEq(t, `{"api/partner.read":["GET /partner/items"]}`, env("AUTHZ_ENTITLEMENTS"))
			partnerClient := e.Named("aws:cognito/userPoolClient:UserPoolClient", "gateway-users-client-partner")
			assert.Equal(t, "client_credentials", partnerClient.Str("allowedOauthFlows.0"))
		})
	}
}

func TestTwoEvaluationsAreIdentical(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			first, err := evaluate(t, loadStack(t, stack))
			require.NoError(t, err)
			second, err := evaluate(t, loadStack(t, stack))
			require.NoError(t, err)
			a, err := first.CanonicalJSON()
			require.NoError(t, err)
			b, err := second.CanonicalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(a), string(b))
		})
	}
}

func TestBackendZipIsDeterministic(t *testing.T) {
	src := filepath.Join(projectRoot(t), "functions", "backend")
	var zips [][]byte
	for range 2 {
		a, err := gofunction.Build(context.Background(), gofunction.BuildOptions{
			SourceDir: src, Architecture: "arm64", CacheDir: t.TempDir(),
		})
		require.NoError(t, err)
		require.False(t, a.Cached)
		data, err := os.ReadFile(a.ZipPath)
		require.NoError(t, err)
		zips = append(zips, data)
	}
	assert.True(t, bytes.Equal(zips[0], zips[1]), "two cold builds of the backend differ")
}

// The stacks' API is the sample contract (functions/backend/api/openapi.yaml) with the routes' integrations,
// authorization and the body model the function enforces: every operation the contract describes keeps its id,
// summary and responses, and every route is authorized and integrated.
func TestStackDocumentIsTheContractPlusTheRoutes(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			e, err := evaluate(t, loadStack(t, stack))
			require.NoError(t, err)
			doc := apiDocument(t, e)
			assert.Equal(t, "secure-apigw sample items API", doc["info"].(map[string]any)["title"])
			schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
			for _, name := range []string{"Item", "ItemList", "Identity", "Error", "Health", "PostItemsRequest"} {
				assert.Contains(t, schemas, name)
			}
			for route, id := range map[string]string{"GET /health": "getHealth", "GET /items": "listItems",
				"POST /items": "createItem", "GET /whoami": "whoAmI", "GET /partner/items": "listPartnerItems",
				"GET /admin/items": "listAdminItems"} {
				method, path, _ := strings.Cut(route, " ")
				op := docOperation(t, doc, method, path)
				assert.Equal(t, id, op["operationId"], route)
				assert.NotEmpty(t, op["summary"], route)
				want := "aws_proxy"
				if stack == "prod" && (route == "GET /health" || route == "GET /admin/items") {
					want = "http_proxy" // through the VPC link to the private backend
				}
				assert.Equal(t, want, op["x-amazon-apigateway-integration"].(map[string]any)["type"], route)
				assert.Len(t, op["security"], 1, route)
			}
			post := docOperation(t, doc, "POST", "/items")
			assert.Equal(t, "body-and-params", post["x-amazon-apigateway-request-validator"])
			assert.Contains(t, post["responses"], "415", "the contract's responses stay")
		})
	}
}

// Traffic protection per stack: dev meters with x-api-key and an AWS-generated key; prod meters partners by the
// client id the authorizer returns, so the key's value is the partner client's id, a secret. Both put the web ACL on
// the stage, and the plans on the stage, not the deployment.
func TestTrafficProtectionPerStack(t *testing.T) {
	tests := []struct {
		stack, keySource string
		plans            []string
		wafRate          float64
	}{
		{"dev", "HEADER", []string{"gateway-usage-plans-basic"}, 100},
		{"prod", "AUTHORIZER", []string{"gateway-usage-plans-partner-premium", "gateway-usage-plans-partner-standard"}, 300},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			e, exports := deploy(t, tt.stack)
			assert.Equal(t, tt.keySource, apiDocument(t, e)["x-amazon-apigateway-api-key-source"])
			stage := e.ByType("aws:apigateway/stage:Stage")[0]
			var plans []string
			for _, p := range e.ByType("aws:apigateway/usagePlan:UsagePlan") {
				plans = append(plans, p.Name)
				assert.True(t, p.DependsOn(stage), "%s waits for the stage", p.Name)
				assert.Equal(t, tt.stack, p.Str("apiStages.0.stage"))
			}
			assert.ElementsMatch(t, tt.plans, plans)
			keys := e.ByType("aws:apigateway/apiKey:ApiKey")
			require.Len(t, keys, 1)
			keyExports := 0
			for name, v := range exports {
				if strings.HasPrefix(name, "apiKeyId-") {
					keyExports++
					assert.Equal(t, keys[0].ID, v, "a key's id is exported, never its value")
				}
			}
			assert.Equal(t, 1, keyExports)
			if tt.keySource == "AUTHORIZER" {
				require.True(t, keys[0].Inputs["value"].IsSecret(), "the key's value is a secret input")
				assert.Equal(t, exports["partnerClientId"], keys[0].Inputs["value"].SecretValue().Element.StringValue(),
					"the authorizer returns the partner's client_id; API Gateway meters the key with that value")
			} else {
				assert.NotContains(t, keys[0].Inputs, resource.PropertyKey("value"), "AWS generates dev's key")
			}

			assoc := e.ByType("aws:wafv2/webAclAssociation:WebAclAssociation")
			require.Len(t, assoc, 1)
			assert.Equal(t, stage.Outputs["arn"].StringValue(), assoc[0].Str("resourceArn"))
			assert.True(t, assoc[0].DependsOn(stage))
			acl := e.ByType("aws:wafv2/webAcl:WebAcl")[0]
			assert.Equal(t, "secure-apigw-"+tt.stack, acl.Str("name"), "unique per stack in a shared account")
			for _, r := range acl.Inputs["rules"].ArrayValue() {
				m := r.ObjectValue()
				if m["name"].StringValue() == "rate-limit" {
					assert.Equal(t, tt.wafRate, m["statement"].ObjectValue()["rateBasedStatement"].ObjectValue()["limit"].NumberValue())
				}
				if o, ok := m["overrideAction"]; ok {
					assert.Contains(t, o.ObjectValue(), resource.PropertyKey("none"), "managed groups block in %s", tt.stack)
				}
			}
		})
	}
}

// A stack deployed before the stacks composed through securedapi had these parts at the top level, under these
// names (git show b2f3d0b~1:plan/testdata/dev.txt): each part is aliased to its old name at the root, so
// `pulumi up` updates it in place.
func TestPartsKeepTheirPreSecuredAPINames(t *testing.T) {
	want := map[string]map[string]string{
		"dev": {"gateway-api": "api", "gateway-authorizer": "authorizer", "gateway-backend": "backend",
			"gateway-env-key": "functions-env-key", "gateway-logs-key": "logs-key", "gateway-usage-plans": "partners",
			"gateway-users": "users", "gateway-waf": "waf"},
		"prod": {"gateway-api": "api", "gateway-authorizer": "authorizer", "gateway-backend": "backend",
			"gateway-env-key": "functions-env-key", "gateway-logs-key": "logs-key", "gateway-usage-plans": "partners",
			"gateway-users": "users", "gateway-waf": "waf", "gateway-apigateway-account": "apigateway-account",
			"gateway-private-backend": "private-backend", "gateway-domain": "domain"},
	}
	for stack, parts := range want {
		e, _ := deploy(t, stack)
		gateway := e.Named("secure-apigw:index:SecuredApi", "gateway")
		require.NotNil(t, gateway, stack)
		got := map[string]string{}
		for _, r := range e.Resources() {
			if r.Parent != gateway.URN || r.Custom {
				continue
			}
			if r.Name == "gateway-monitoring" {
				assert.Empty(t, r.Aliases, "monitoring came with securedapi: it has no earlier name")
				continue
			}
			require.Len(t, r.Aliases, 1, "%s: %s", stack, r.Name)
			var old string
			_, err := fmt.Sscanf(r.Aliases[0], "spec:{name:%q", &old)
			require.NoError(t, err, r.Aliases[0])
			assert.Contains(t, r.Aliases[0], "noParent:true")
			got[r.Name] = old
		}
		assert.Equal(t, parts, got, stack)
	}
}

// prod pages: every alarm notifies the created, CMK-encrypted topic on ALARM and OK. dev watches without paging
// anyone; a shared topic replaces the created one; monitoring.enabled false makes none of it.
func TestMonitoringPerStack(t *testing.T) {
	const alarm = "aws:cloudwatch/metricAlarm:MetricAlarm"
	e, exports := deploy(t, "prod")
	topics := e.ByType("aws:sns/topic:Topic")
	require.Len(t, topics, 1)
	assert.Equal(t, topics[0].Outputs["arn"].StringValue(), exports["alarmTopicArn"], "on-call subscribes to it")
	assert.Equal(t, "secure-apigw-prod", exports["dashboardName"])
	assert.True(t, topics[0].DependsOn(e.Named("aws:kms/key:Key", "gateway-monitoring-topic-key")),
		"the topic is encrypted with the monitoring's own key")
	alarms := e.ByType(alarm)
	require.NotEmpty(t, alarms)
	kinds := map[string]bool{}
	for _, a := range alarms {
		kinds[a.Str("metricName")] = true
		assert.Equal(t, topics[0].Outputs["arn"].StringValue(), a.Str("alarmActions.0"), a.Name)
		assert.Equal(t, topics[0].Outputs["arn"].StringValue(), a.Str("okActions.0"), a.Name)
	}
	for _, m := range []string{"5XXError", "4XXError", "Latency", "IntegrationLatency", "BlockedRequests", "Errors",
		"Throttles", "ConcurrentExecutions"} {
		assert.True(t, kinds[m], "prod alarms on %s", m)
	}
	assert.Len(t, e.ByType("aws:cloudwatch/dashboard:Dashboard"), 1)

	e, exports = deploy(t, "dev")
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"), "dev pages no one")
	assert.Empty(t, exports["alarmTopicArn"])
	require.NotEmpty(t, e.ByType(alarm))
	for _, a := range e.ByType(alarm) {
		assert.Empty(t, a.Str("alarmActions.0"), a.Name)
	}

	shared := "arn:aws:sns:eu-west-1:123456789012:platform-alarms"
	e, err := evaluate(t, devWith(t, func(g map[string]any) { sub(g, "monitoring")["topicArn"] = shared }))
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"))
	assert.Equal(t, shared, e.Named(alarm, "gateway-monitoring-5xx").Str("alarmActions.0"))

	e, err = evaluate(t, devWith(t, func(g map[string]any) { sub(g, "monitoring")["enabled"] = false }))
	require.NoError(t, err)
	assert.Empty(t, e.ByType(alarm))
	assert.Empty(t, e.ByType("aws:cloudwatch/dashboard:Dashboard"))
}

// What a careless edit of `monitoring` does to the baseline under the stack's own policy config: switching it off
// raising the 5XX threshold past 5%, or waiting over an hour to alarm fails stage-alarms (a latency threshold past
// 10 s is refused: see safe_range_test.go), and a prod that pages no one fails CloudWatch.15.
func TestWeakenedMonitoringFailsTheBaseline(t *testing.T) {
	status := func(t *testing.T, stack string, cfg stackconfig.Stack, slug string) (baseline.Status, []baseline.Violation) {
		t.Helper()
		e, err := evaluate(t, cfg)
		require.NoError(t, err)
		policy, err := baseline.LoadConfig(filepath.Join(projectRoot(t), "policy", "config."+stack+".json"))
		require.NoError(t, err)
		results, err := baseline.Evaluate(context.Background(), e.AnalyzerResources(), policy)
		require.NoError(t, err)
		for _, r := range results {
			if strings.HasPrefix(r.Policy, slug+"--") || r.Policy == slug {
				return r.Status, r.Violations
			}
		}
		t.Fatalf("no policy %s", slug)
		return "", nil
	}
	got, _ := status(t, "dev", loadStack(t, "dev"), "stage-alarms")
	assert.Equal(t, baseline.Pass, got)
	thresholds := func(k string, v any) func(g map[string]any) {
		return func(g map[string]any) { sub(g, "monitoring")["thresholds"] = map[string]any{k: v} }
	}
	for _, tc := range []struct {
		name    string
		edit    func(g map[string]any)
		message string
	}{
		{"monitoring off", func(g map[string]any) { sub(g, "monitoring")["enabled"] = false }, "has no 5XX alarm"},
		{"5XX at 10%", thresholds("serverErrorPercent", 10), "fires only above 10% of requests failing"},
		{"hour-long periods", thresholds("periodSeconds", 3600), "fires only after 7200 s of failure"},
	} {
		got, v := status(t, "dev", devWith(t, tc.edit), "stage-alarms")
		assert.Equal(t, baseline.Fail, got, tc.name)
		require.NotEmpty(t, v, tc.name)
		assert.Contains(t, v[0].Message, tc.message, tc.name)
	}

	got, _ = status(t, "prod", loadStack(t, "prod"), "alarm-has-alarm-action")
	assert.Equal(t, baseline.Pass, got)
	got, _ = status(t, "prod", withGateway(t, loadStack(t, "prod"), func(g map[string]any) {
		sub(g, "monitoring")["notify"] = false
	}), "alarm-has-alarm-action")
	assert.Equal(t, baseline.Fail, got, "prod's policy config waives nothing")
	got, _ = status(t, "dev", loadStack(t, "dev"), "alarm-has-alarm-action")
	assert.Equal(t, baseline.Waived, got, "dev pages no one, and says why")
}
