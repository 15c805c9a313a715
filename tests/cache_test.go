package tests

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// Caching GET /whoami, whose answer is the caller's own claims, keys the cache on the caller's token: the next user
// gets their own answer, and the baseline's per-caller rule passes.
func TestCachingWhoamiKeysOnTheCaller(t *testing.T) {
	cfg := devWith(t, func(g map[string]any) {
		g["cache"] = map[string]any{"sizeGb": "0.5", "ttlSeconds": 60, "routes": []any{"GET /whoami"}}
	})
	e, err := evaluate(t, cfg)
	require.NoError(t, err)
	doc := apiDocument(t, e)
	integration := func(method, path string) map[string]any {
		return docOperation(t, doc, method, path)["x-amazon-apigateway-integration"].(map[string]any)
	}
	assert.Equal(t, []any{"method.request.header.Authorization"}, integration("GET", "/whoami")["cacheKeyParameters"])
	assert.NotContains(t, integration("GET", "/items"), "cacheKeyParameters", "only the listed route is cached")

	results, err := baseline.Evaluate(context.Background(), e.AnalyzerResources(), nil)
	require.NoError(t, err)
	seen := 0
	for _, r := range results {
		if r.Policy == "method-cache-per-caller" || r.Policy == "method-cache-encrypted--Security-Hub-APIGateway.5--CKV_AWS_308" {
			seen++
		}
		if r.Policy == "method-cache-per-caller" {
			assert.Equal(t, baseline.Pass, r.Status, "%v", r.Violations)
		}
		if r.Policy == "method-cache-encrypted--Security-Hub-APIGateway.5--CKV_AWS_308" {
			assert.Equal(t, baseline.Pass, r.Status, "%v", r.Violations)
		}
	}
	assert.Equal(t, 2, seen, "both cache rules ran")
}
