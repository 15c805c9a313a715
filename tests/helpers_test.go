package tests

import (
	"path/filepath"
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
