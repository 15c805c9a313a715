package stackconfig_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
)

func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	return dir
}

func TestLoadFlattensLikeTheCLIAndRedactsSecrets(t *testing.T) {
	dir := project(t, map[string]string{
		"Pulumi.yaml": "name: demo\nruntime: go\nconfig:\n  level:\n    type: string\n    default: INFO\n  plain: x\n",
		"Pulumi.dev.yaml": `config:
  aws:region: eu-west-1
  demo:gateway:
    environment: dev
    throttle: {rateLimit: 20}
    apiKey:
      secure: AAABAJxyz
  token:
    secure: AAABAKabc
  count: 3
`,
	})
	s, err := stackconfig.Load(dir, "dev")
	require.NoError(t, err)
	assert.Equal(t, "demo", s.Project)
	assert.Equal(t, "eu-west-1", s.Config["aws:region"])
	assert.Equal(t, "INFO", s.Config["demo:level"], "project default")
	assert.Equal(t, "x", s.Config["demo:plain"])
	assert.Equal(t, "3", s.Config["demo:count"])
	assert.JSONEq(t, `{"environment":"dev","throttle":{"rateLimit":20},"apiKey":"[secret]"}`, s.Config["demo:gateway"])
	assert.Equal(t, stackconfig.Redacted, s.Config["demo:token"])
	assert.Equal(t, []string{"demo:gateway", "demo:token"}, s.SecretKeys)
	for _, v := range s.Config {
		assert.NotContains(t, v, "AAAB", "ciphertext must never reach the program or a plan")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := project(t, map[string]string{"Pulumi.yaml": "name: demo\nruntime: go\n"})
	_, err := stackconfig.Load(dir, "qa")
	assert.ErrorContains(t, err, `stack "qa"`)
	_, err = stackconfig.Load(t.TempDir(), "dev")
	assert.ErrorContains(t, err, "Pulumi.yaml")
	bad := project(t, map[string]string{"Pulumi.yaml": "name: demo\n", "Pulumi.dev.yaml": "config: [\n"})
	_, err = stackconfig.Load(bad, "dev")
	assert.ErrorContains(t, err, "Pulumi.dev.yaml")
}
