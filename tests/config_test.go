package tests

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
)

const gatewayKey = "secure-apigw:gateway"

// devWith returns the real dev config with the gateway object changed by mutate.
func devWith(t *testing.T, mutate func(g map[string]any)) stackconfig.Stack {
	t.Helper()
	return withGateway(t, loadStack(t, "dev"), mutate)
}

// withGateway returns cfg with its gateway object changed by mutate.
func withGateway(t *testing.T, cfg stackconfig.Stack, mutate func(g map[string]any)) stackconfig.Stack {
	t.Helper()
	var g map[string]any
	require.NoError(t, json.Unmarshal([]byte(cfg.Config[gatewayKey]), &g))
	mutate(g)
	b, err := json.Marshal(g)
	require.NoError(t, err)
	cfg.Config = maps.Clone(cfg.Config)
	cfg.Config[gatewayKey] = string(b)
	return cfg
}

func sub(g map[string]any, key string) map[string]any {
	m, ok := g[key].(map[string]any)
	if !ok {
		m = map[string]any{}
		g[key] = m
	}
	return m
}

func TestInvalidConfigsAreRefusedNamingTheKey(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(t *testing.T) stackconfig.Stack
		want []string
	}{
		{"gateway missing", func(t *testing.T) stackconfig.Stack {
			cfg := loadStack(t, "dev")
			cfg.Config = maps.Clone(cfg.Config)
			delete(cfg.Config, gatewayKey)
			return cfg
		}, []string{"secure-apigw:gateway: required"}},
		{"gateway not an object", func(t *testing.T) stackconfig.Stack {
			cfg := loadStack(t, "dev")
			cfg.Config = maps.Clone(cfg.Config)
			cfg.Config[gatewayKey] = "REGIONAL"
			return cfg
		}, []string{"secure-apigw:gateway: must be an object"}},
		{"region missing", func(t *testing.T) stackconfig.Stack {
			cfg := loadStack(t, "dev")
			cfg.Config = maps.Clone(cfg.Config)
			delete(cfg.Config, "aws:region")
			return cfg
		}, []string{"aws:region: required"}},
		// aws:region reaches the AWS provider, the custom domain (its certificate's region), the execute-api
		// endpoint's service name and the mock engine: refused by key, in every stack shape it flows through.
		{"region not a region", func(t *testing.T) stackconfig.Stack {
			return withRegion(loadStack(t, "dev"), "mars-1")
		}, []string{`aws:region: "mars-1" is not an AWS region`, "eu-west-1"}},
		{"region not a region, behind a custom domain", func(t *testing.T) stackconfig.Stack {
			return withRegion(loadStack(t, "prod"), "mars-1")
		}, []string{`aws:region: "mars-1" is not an AWS region`}},
		{"region not a region, with an execute-api endpoint", func(t *testing.T) stackconfig.Stack {
			return withRegion(devWith(t, privateNetwork), "EU-WEST-1")
		}, []string{`aws:region: "EU-WEST-1" is not an AWS region`}},
		{"unknown key (typo)", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["tracng"] = false })
		}, []string{`unknown key "tracng"`}},
		{"environment missing", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { delete(g, "environment") })
		}, []string{"secure-apigw:gateway.environment: required"}},
		{"environment unknown", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["environment"] = "staging" })
		}, []string{"secure-apigw:gateway.environment", `"staging" is not allowed`}},
		{"endpoint type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["endpointType"] = "GLOBAL" })
		}, []string{"secure-apigw:gateway.endpointType", "REGIONAL, EDGE, PRIVATE"}},
		{"private without endpoints", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["endpointType"] = "PRIVATE" })
		}, []string{"secure-apigw:gateway.vpcEndpointIds"}},
		{"vpc endpoint id", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["endpointType"] = "PRIVATE"; g["vpcEndpointIds"] = []any{"vpc-0a1b2c3d"} })
		}, []string{"secure-apigw:gateway.vpcEndpointIds", `"vpc-0a1b2c3d" is not a VPC endpoint id`}},
		{"vpc endpoint ids on a regional API", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["vpcEndpointIds"] = []any{"vpce-0a1b2c3d4e5f60718"} })
		}, []string{"secure-apigw:gateway.vpcEndpointIds", "only a PRIVATE API"}},
		{"functions env encryption type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "functions")["environmentKmsEncryption"] = "yes" })
		}, []string{"secure-apigw:gateway.functions.environmentKmsEncryption", "expected bool"}},
		{"client certificate type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["clientCertificate"] = "yes" })
		}, []string{"secure-apigw:gateway.clientCertificate", "expected bool"}},
		{"account role type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["manageAccountCloudWatchRole"] = "yes" })
		}, []string{"secure-apigw:gateway.manageAccountCloudWatchRole", "expected bool"}},
		{"protect type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["protectStatefulResources"] = 1 })
		}, []string{"secure-apigw:gateway.protectStatefulResources", "expected bool"}},
		{"tag value too long", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "tags")["owner"] = strings.Repeat("x", 257) })
		}, []string{"secure-apigw:gateway.tags.owner", "longer than 256"}},
		{"stage name", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["stageName"] = "dev stage" })
		}, []string{"secure-apigw:gateway.stageName"}},
		{"rate limit", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "throttle")["rateLimit"] = -5 })
		}, []string{"secure-apigw:gateway.throttle.rateLimit", "0 to 10000"}},
		{"burst limit type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "throttle")["burstLimit"] = "lots" })
		}, []string{"secure-apigw:gateway.throttle.burstLimit", "expected int"}},
		{"tracing type", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["tracing"] = "yes" })
		}, []string{"secure-apigw:gateway.tracing", "expected bool"}},
		{"retention", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "logs")["retentionDays"] = 42 })
		}, []string{"secure-apigw:gateway.logs.retentionDays", "42"}},
		{"log level", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "logs")["level"] = "OFF" })
		}, []string{"secure-apigw:gateway.logs.level", "INFO, ERROR"}},
		{"cache size", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["cache"] = map[string]any{"sizeGb": "3", "routes": []any{"GET /items"}} })
		}, []string{"secure-apigw:gateway.cache.sizeGb"}},
		{"cache without routes", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["cache"] = map[string]any{"sizeGb": "0.5"} })
		}, []string{"secure-apigw:gateway.cache.routes: required"}},
		{"cache of an unknown route", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["cache"] = map[string]any{"routes": []any{"GET /items", "GET /nope"}} })
		}, []string{`secure-apigw:gateway.cache.routes[1]: "GET /nope" is not a route of this API`}},
		{"cors wildcard", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "cors")["allowOrigin"] = "*" })
		}, []string{"secure-apigw:gateway.cors.allowOrigin"}},
		{"backend memory", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "backend")["memoryMb"] = 64 })
		}, []string{"secure-apigw:gateway.backend.memoryMb", "128 to 10240"}},
		{"backend timeout", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "backend")["timeoutSeconds"] = 1000 })
		}, []string{"secure-apigw:gateway.backend.timeoutSeconds"}},
		{"backend architecture", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "backend")["architecture"] = "amd64" })
		}, []string{"secure-apigw:gateway.backend.architecture", "arm64, x86_64"}},
		{"backend source", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "backend")["sourceDir"] = "functions/missing" })
		}, []string{"secure-apigw:gateway.backend.sourceDir", "not a directory"}},
		{"reserved concurrency", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "backend")["reservedConcurrency"] = -1 })
		}, []string{"secure-apigw:gateway.backend.reservedConcurrency"}},
		{"reserved tag prefix", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "tags")["aws:owner"] = "me" })
		}, []string{"secure-apigw:gateway.tags", "aws:owner"}},
		{"user pool tier missing", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { delete(sub(sub(g, "auth"), "userPool"), "tier") })
		}, []string{"secure-apigw:gateway.auth.userPool.tier: required"}},
		{"threat protection needs PLUS", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(sub(g, "auth"), "userPool")["threatProtection"] = "ENFORCED" })
		}, []string{"secure-apigw:gateway.auth.userPool.threatProtection", "needs Tier PLUS"}},
		{"mfa off", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(sub(g, "auth"), "userPool")["mfa"] = "OFF" })
		}, []string{"secure-apigw:gateway.auth.userPool.mfa"}},
		{"http callback", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				sub(sub(g, "auth"), "userPool")["callbackUrls"] = []string{"http://app.example.com/cb"}
			})
		}, []string{"secure-apigw:gateway.auth.userPool.callbackUrls", "must be https"}},
		{"http logout url", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				sub(sub(g, "auth"), "userPool")["logoutUrls"] = []string{"http://app.example.com/"}
			})
		}, []string{"secure-apigw:gateway.auth.userPool.logoutUrls", "must be https"}},
		{"external issuer without audiences", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				sub(sub(g, "auth"), "partnerAuthorizer")["issuer"] = "https://idp.example.com"
			})
		}, []string{"secure-apigw:gateway.auth.partnerAuthorizer.audiences"}},
		{"authorizer cache ttl", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(sub(g, "auth"), "partnerAuthorizer")["cacheTtlSeconds"] = 7200 })
		}, []string{"secure-apigw:gateway.auth.partnerAuthorizer.cacheTtlSeconds"}},
		{"document missing", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["document"] = "openapi/missing.yaml" })
		}, []string{"secure-apigw:gateway.document: cannot read", "openapi/missing.yaml"}},
		{"document sets an integration", func(t *testing.T) stackconfig.Stack {
			doc := contractWith(t, "      operationId: getHealth\n",
				"      operationId: getHealth\n      x-amazon-apigateway-integration: {type: mock}\n")
			return devWith(t, func(g map[string]any) { g["document"] = doc })
		}, []string{"secure-apigw:gateway.document /paths/~1health/get/x-amazon-apigateway-integration"}},
		{"document operation without a route", func(t *testing.T) stackconfig.Stack {
			doc := contractWith(t, "  /whoami:\n", "  /orders:\n    get:\n      responses: {\"200\": {description: ok}}\n  /whoami:\n")
			return devWith(t, func(g map[string]any) { g["document"] = doc })
		}, []string{"secure-apigw:gateway.document /paths/~1orders/get", "no route declares GET /orders"}},
		{"document leaves an operation open", func(t *testing.T) stackconfig.Stack {
			doc := contractWith(t, "      operationId: listAdminItems\n", "      operationId: listAdminItems\n      security: []\n")
			return devWith(t, func(g map[string]any) { g["document"] = doc })
		}, []string{"secure-apigw:gateway.document /paths/~1admin~1items/get/security", "without authorization"}},
		{"key source", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "usagePlans")["keySource"] = "QUERY" })
		}, []string{"secure-apigw:gateway.usagePlans.keySource", "HEADER", "AUTHORIZER"}},
		{"burst below rate", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { tier(g)["throttle"] = map[string]any{"rateLimit": 10, "burstLimit": 5} })
		}, []string{"secure-apigw:gateway.usagePlans.tiers[0].throttle.burstLimit", "below RateLimit"}},
		{"quota period", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { tier(g)["quota"] = map[string]any{"limit": 10, "period": "YEAR"} })
		}, []string{"secure-apigw:gateway.usagePlans.tiers[0].quota.period", "DAY, WEEK, MONTH"}},
		{"consumer in an unknown tier", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { consumer(g)["tier"] = "gold" })
		}, []string{"secure-apigw:gateway.usagePlans.consumers[0].tier", `"gold" is not a tier`}},
		{"key secret missing", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { consumer(g)["keySecret"] = "partnerApiKey" })
		}, []string{"secure-apigw:gateway.usagePlans.consumers[0].keySecret", `no config value "partnerApiKey"`}},
		{"key secret too short", func(t *testing.T) stackconfig.Stack {
			cfg := devWith(t, func(g map[string]any) { consumer(g)["keySecret"] = "partnerApiKey" })
			cfg.Config = maps.Clone(cfg.Config)
			cfg.Config["secure-apigw:partnerApiKey"] = "short-secret"
			return cfg
		}, []string{"secure-apigw:gateway.usagePlans.consumers[0].keySecret", "is 12 characters", "at least 20"}},
		{"generated key with AUTHORIZER", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "usagePlans")["keySource"] = "AUTHORIZER" })
		}, []string{"secure-apigw:gateway.usagePlans.consumers[0]", "meters nobody"}},
		{"client id as a header key", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { consumer(g)["partnerClient"] = true })
		}, []string{"secure-apigw:gateway.usagePlans.consumers[0]", "client id is public"}},
		{"method throttle route", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				tier(g)["methodThrottles"] = []any{map[string]any{"route": "GET /orders", "rateLimit": 1, "burstLimit": 1}}
			})
		}, []string{"secure-apigw:gateway.usagePlans.tiers[0].methodThrottles[0].route", "not a route"}},
		{"waf rate below the minimum", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "waf")["rateLimit"] = 5 })
		}, []string{"secure-apigw:gateway.waf.rateLimit", "WAF's minimum"}},
		{"waf country", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "waf")["blockCountries"] = []string{"XX"} })
		}, []string{"secure-apigw:gateway.waf.blockCountries[0]"}},
		{"waf cidr", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "waf")["allowOnlyCidrs"] = []string{"10.0.0.1/8"} })
		}, []string{"secure-apigw:gateway.waf.allowOnlyCidrs[0]", "write 10.0.0.0/8"}},
		{"source ip cidr", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "sourceIp")["denyCidrs"] = []string{"300.1.1.0/24"} })
		}, []string{"secure-apigw:gateway.sourceIp.denyCidrs", "not a CIDR"}},
		{"private without a VPC", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["endpointType"] = "PRIVATE" })
		}, []string{"gateway.network.executeApiEndpoint: a PRIVATE API needs a VPC"}},
		{"endpoint open to the world", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				sub(sub(g, "network"), "executeApiEndpoint")["allowedCidrs"] = []any{"0.0.0.0/0"}
			})
		}, []string{"gateway.network.executeApiEndpoint.allowedCidrs[0]", "every address"}},
		{"endpoint on a regional API", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { privateNetwork(g); g["endpointType"] = "REGIONAL" })
		}, []string{"gateway.network.executeApiEndpoint: only a PRIVATE API"}},
		{"endpoint without a vpc", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { privateNetwork(g); delete(sub(g, "network"), "vpcId") })
		}, []string{"gateway.network.vpcId: required"}},
		{"backend ALB open to the world", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { privateNetwork(g); sub(g, "network")["vpcCidrs"] = []any{"::/0"} })
		}, []string{"gateway.network.vpcCidrs[0]"}},
		{"backend without a hostname", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				b := sub(sub(g, "network"), "privateBackend")
				delete(b, "hostname")
				delete(b, "certificateArn")
			})
		}, []string{"gateway.network.privateBackend.hostname: required"}},
		{"backend certificate and zone", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				sub(sub(g, "network"), "privateBackend")["zoneName"] = "example.com"
			})
		}, []string{"gateway.network.privateBackend.certificateArn, secure-apigw:gateway.network.privateBackend.zoneName: give an existing certificate or a zone"}},
		{"backend zone without the hostname", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				b := sub(sub(g, "network"), "privateBackend")
				delete(b, "certificateArn")
				b["zoneName"] = "example.org"
			})
		}, []string{"gateway.network.privateBackend.zoneName: \"example.org\" does not contain Hostname \"backend.internal.example.com\""}},
		{"domain without zone or certificate", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { g["domain"] = map[string]any{"name": "api.dev.example.com"} })
		}, []string{"gateway.domain.zoneName: a hosted zone"}},
		{"domain with TLS 1.0", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com", "securityPolicy": "TLS_1_0"}
			})
		}, []string{"gateway.domain.securityPolicy", "CKV_AWS_206"}},
		{"domain certificate in another region", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com",
					"certificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"}
			})
		}, []string{"gateway.domain.certificateArn: the certificate is in us-east-1; a REGIONAL domain needs one in eu-west-1"}},
		{"mtls without truststore", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com", "mutualTls": map[string]any{}}
			})
		}, []string{"gateway.domain.mutualTls.truststoreFile: required"}},
		{"mtls truststore not PEM", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com",
					"mutualTls": map[string]any{"truststoreFile": "Pulumi.yaml"}}
			})
		}, []string{"gateway.domain.mutualTls.truststoreFile", "PEM"}},
		{"domain base path", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com", "basePath": "/v1"}
			})
		}, []string{"gateway.domain.basePath: \"/v1\" is not allowed"}},
		{"endpoint without subnets", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				delete(sub(g, "network"), "subnetIds")
				delete(sub(g, "network"), "privateBackend")
			})
		}, []string{"gateway.network.subnetIds: at least one subnet"}},
		{"private domain without a private zone", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com"}
			})
		}, []string{"gateway.domain.privateZoneName: a private hosted zone"}},
		{"private zone on a regional domain", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com",
					"privateZoneName": "dev.example.com"}
			})
		}, []string{"gateway.domain.privateZoneName: only a PRIVATE domain"}},
		{"mtls on a private domain", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				privateNetwork(g)
				g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com",
					"privateZoneName": "dev.example.com", "mutualTls": map[string]any{"truststoreFile": caFile(t)}}
			})
		}, []string{"gateway.domain.mutualTls: mutual TLS works on REGIONAL domains only; EndpointType is PRIVATE"}},
		{"monitoring thresholds out of range", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				sub(g, "monitoring")["thresholds"] = map[string]any{"serverErrorPercent": 150, "periodSeconds": 45,
					"wafBlockedRequests": -1, "evaluationPeriods": 11}
			})
		}, []string{"gateway.monitoring.thresholds.serverErrorPercent: 150", "gateway.monitoring.thresholds.periodSeconds: 45",
			"gateway.monitoring.thresholds.wafBlockedRequests: -1", "gateway.monitoring.thresholds.evaluationPeriods: 11"}},
		{"monitoring notify off with a topic", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				sub(g, "monitoring")["notify"] = false
				sub(g, "monitoring")["topicArn"] = "arn:aws:sns:eu-west-1:123456789012:ops"
			})
		}, []string{"gateway.monitoring.notify: refused with"}},
		{"monitoring misspelt", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) { sub(g, "monitoring")["thresholds"] = map[string]any{"latencyP99": 100} })
		}, []string{`unknown key "latencyP99"`}},
		{"every problem at once", func(t *testing.T) stackconfig.Stack {
			return devWith(t, func(g map[string]any) {
				g["environment"] = "qa"
				g["stageName"] = "!"
				sub(g, "logs")["retentionDays"] = 2
				sub(g, "backend")["memoryMb"] = 1
			})
		}, []string{"gateway.environment", "gateway.stageName", "gateway.logs.retentionDays", "gateway.backend.memoryMb"}},
	}
	require.GreaterOrEqual(t, len(tests), 15)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := evaluate(t, tt.cfg(t))
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "Routes[", "a config error must not surface as a code error")
			assert.Empty(t, e.Resources(), "a refused config registers nothing")
		})
	}
}

// withRegion returns cfg with aws:region set to region.
func withRegion(cfg stackconfig.Stack, region string) stackconfig.Stack {
	cfg.Config = maps.Clone(cfg.Config)
	cfg.Config["aws:region"] = region
	return cfg
}

// tier and consumer are dev's first usage-plan tier and consumer.
func tier(g map[string]any) map[string]any {
	return sub(g, "usagePlans")["tiers"].([]any)[0].(map[string]any)
}

func consumer(g map[string]any) map[string]any {
	return sub(g, "usagePlans")["consumers"].([]any)[0].(map[string]any)
}

// contractWith writes the sample contract with one edit to a temporary file and returns its (absolute) path.
func contractWith(t *testing.T, from, to string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(projectRoot(t), "functions/backend/api/openapi.yaml"))
	require.NoError(t, err)
	require.Contains(t, string(b), from)
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(b), from, to, 1)), 0o600))
	return path
}

func TestRetentionIsReportedOnceForBothLogConsumers(t *testing.T) {
	_, err := evaluate(t, devWith(t, func(g map[string]any) { sub(g, "logs")["retentionDays"] = 42 }))
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(err.Error(), "retentionDays"))
}

// A short key is one problem, named once, under the key the value came from.
func TestShortKeyIsReportedOnceUnderItsSource(t *testing.T) {
	cfg := devWith(t, func(g map[string]any) { consumer(g)["keySecret"] = "partnerApiKey" })
	cfg.Config = maps.Clone(cfg.Config)
	cfg.Config["secure-apigw:partnerApiKey"] = "short-secret"
	_, err := evaluate(t, cfg)
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(err.Error(), "is 12 characters"), err.Error())
	assert.NotContains(t, err.Error(), "short-secret", "the value itself is never printed")

	cfg = devWith(t, func(g map[string]any) {
		sub(g, "usagePlans")["keySource"] = "AUTHORIZER"
		consumer(g)["clientId"] = "abc123"
	})
	_, err = evaluate(t, cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "secure-apigw:gateway.usagePlans.consumers[0].clientId: is 6 characters")
	assert.Equal(t, 1, strings.Count(err.Error(), "is 6 characters"), err.Error())
}
