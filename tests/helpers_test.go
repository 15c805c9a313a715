package tests

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
	"github.com/secure-apigw/secure-apigw/stacks"
)

// projectRoot is the repository root, where Pulumi.yaml lives.
func projectRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	return root
}

// evaluate runs the real stack program on a fresh recording engine with config, returning the engine and the error.
func evaluate(t *testing.T, cfg stackconfig.Stack) (*mockengine.Engine, error) {
	t.Helper()
	e := mockengine.New(cfg.Config["aws:region"])
	err := e.Run(mockengine.Program{
		Project: cfg.Project, Stack: cfg.Name, Config: cfg.Config, SecretKeys: cfg.SecretKeys,
		RootDirectory: projectRoot(t),
	}, stacks.Program)
	return e, err
}

// loadStack reads the real Pulumi.<stack>.yaml.
func loadStack(t *testing.T, stack string) stackconfig.Stack {
	t.Helper()
	cfg, err := stackconfig.Load(projectRoot(t), stack)
	require.NoError(t, err)
	return cfg
}

// apiDocument is the REST API's OpenAPI body, which defines every route.
func apiDocument(t *testing.T, e *mockengine.Engine) map[string]any {
	t.Helper()
	apis := e.ByType("aws:apigateway/restApi:RestApi")
	require.Len(t, apis, 1)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(apis[0].Str("body")), &doc))
	return doc
}

// docOperation is one route's operation in the document ("GET", "/items").
func docOperation(t *testing.T, doc map[string]any, method, path string) map[string]any {
	t.Helper()
	item, ok := doc["paths"].(map[string]any)[path].(map[string]any)
	require.True(t, ok, "no path %s", path)
	op, ok := item[strings.ToLower(method)].(map[string]any)
	require.True(t, ok, "no %s %s", method, path)
	return op
}
