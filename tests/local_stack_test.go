package tests

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/plan"
)

// mocked are the provider settings only moto needs.
var mocked = []string{"aws:endpoints", "aws:accessKey", "aws:secretKey", "aws:skipCredentialsValidation",
	"aws:skipRequestingAccountId", "aws:skipMetadataApiCheck", "aws:s3UsePathStyle"}

// endpointKey is the aws:endpoints key of the service behind a resource token's module.
var endpointKey = map[string]string{"acm": "acm", "apigateway": "apigateway", "cloudwatch": "cloudwatch",
	"cognito": "cognitoidp", "ec2": "ec2", "iam": "iam", "kms": "kms", "lambda": "lambda", "lb": "elbv2",
	"route53": "route53", "s3": "s3", "sns": "sns", "wafv2": "wafv2"}

// The local stack points every service the program uses at moto on loopback, with the settings moto needs; the
// real stacks carry none of them; and its plan is clean.
func TestTheLocalStackUsesMotoOnLoopbackOnly(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		cfg := loadStack(t, stack)
		for _, k := range mocked {
			assert.NotContains(t, cfg.Config, k, "Pulumi.%s.yaml: %s is for moto only (Pulumi.local.yaml)", stack, k)
		}
	}
	cfg := loadStack(t, "local")
	for _, k := range mocked {
		assert.Contains(t, cfg.Config, k, "Pulumi.local.yaml sets %s", k)
	}
	for _, k := range mocked[3:] {
		assert.Equal(t, "true", cfg.Config[k], k)
	}
	var endpoints []map[string]string
	require.NoError(t, json.Unmarshal([]byte(cfg.Config["aws:endpoints"]), &endpoints))
	require.Len(t, endpoints, 1)
	for service, url := range endpoints[0] {
		assert.Equal(t, "http://127.0.0.1:5000", url, "%s: moto on loopback, make moto's default port", service)
	}

	p, err := plan.Run(t.Context(), plan.Options{Root: projectRoot(t), Stack: "local"})
	require.NoError(t, err)
	assert.False(t, p.Failed(), "the local stack's baseline is clean")
	used := map[string]bool{"sts": true} // the provider's own identity calls
	for _, r := range p.Engine.Resources() {
		token, ok := strings.CutPrefix(r.Type, "aws:")
		if !ok || !r.Custom {
			continue
		}
		module, _, _ := strings.Cut(token, "/")
		key, known := endpointKey[module]
		require.True(t, known, "%s: which aws:endpoints key serves it?", r.Type)
		used[key] = true
		if r.Type == "aws:cloudwatch/logGroup:LogGroup" {
			used["logs"] = true // CloudWatch Logs is a service of its own
		}
	}
	for key := range used {
		assert.Contains(t, endpoints[0], key, "the program uses %s; without its endpoint it would reach AWS", key)
	}
}
