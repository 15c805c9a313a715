package restapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// document is the RestApi's body as API Gateway reads it, checked by kin-openapi first.
func document(t *testing.T, e *mockengine.Engine) map[string]any {
	t.Helper()
	api := e.ByType("aws:apigateway/restApi:RestApi")
	require.Len(t, api, 1)
	body := api[0].Str("body")
	require.NoError(t, restapi.ValidateDocument([]byte(body)))
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	return doc
}

// obj walks a document by keys ("paths", "/items", "get"), failing the test where a key is missing.
func obj(t *testing.T, v any, keys ...string) map[string]any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		require.True(t, ok, "not an object at %q", k)
		v, ok = m[k]
		require.True(t, ok, "no %q (in %s)", k, strings.Join(keys, " › "))
	}
	m, ok := v.(map[string]any)
	require.True(t, ok, "%s is not an object", strings.Join(keys, " › "))
	return m
}

// operation is one route's operation; ANY lives under API Gateway's x-amazon-apigateway-any-method.
func operation(t *testing.T, doc map[string]any, method, path string) map[string]any {
	t.Helper()
	key := strings.ToLower(method)
	if method == "ANY" {
		key = "x-amazon-apigateway-any-method"
	}
	return obj(t, doc, "paths", path, key)
}

func integrationOf(t *testing.T, op map[string]any) map[string]any {
	t.Helper()
	return obj(t, op, "x-amazon-apigateway-integration")
}

// security is an operation's requirement objects, as scheme → scopes.
func security(t *testing.T, op map[string]any) []map[string]any {
	t.Helper()
	raw, ok := op["security"].([]any)
	require.True(t, ok, "operation %v states no security", op["operationId"])
	out := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		out = append(out, r.(map[string]any))
	}
	return out
}

// parameters is an operation's declared parameters, as "in.name" → required.
func parameters(op map[string]any) map[string]bool {
	out := map[string]bool{}
	raw, _ := op["parameters"].([]any)
	for _, p := range raw {
		m := p.(map[string]any)
		req, _ := m["required"].(bool)
		out[m["in"].(string)+"."+m["name"].(string)] = req
	}
	return out
}
