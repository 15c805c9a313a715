package baseline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	return path
}

func TestLoadConfig(t *testing.T) {
	kms := ruleName(t, "log-group-kms")
	retention := ruleName(t, "log-group-retention")
	auth := ruleName(t, "method-authorization")

	cfg, err := baseline.LoadConfig(writeConfig(t, `{
		"`+kms+`": {"enforcementLevel": "disabled", "reason": "dev logs hold no customer data"},
		"`+retention+`": {"minimumDays": 365},
		"`+auth+`": "mandatory"
	}`))
	require.NoError(t, err)
	assert.Equal(t, policyx.EnforcementLevelDisabled, cfg[kms].Level)
	assert.Equal(t, "dev logs hold no customer data", cfg[kms].Reason)
	assert.Equal(t, 365.0, cfg[retention].Properties["minimumDays"])
	assert.True(t, cfg[auth].LevelSet)

	missing, err := baseline.LoadConfig(filepath.Join(t.TempDir(), "none.json"))
	require.NoError(t, err)
	assert.Empty(t, missing)

	tests := []struct {
		name, body string
		want       []string
	}{
		{"waiver without reason", `{"` + kms + `": {"enforcementLevel": "disabled"}}`, []string{kms, `needs a written "reason"`}},
		{"advisory without reason", `{"` + kms + `": "advisory"}`, []string{`needs a written "reason"`}},
		{"opt-in without reason", `{"` + auth + `": {"allowApiKeyOnly": true}}`, []string{auth, "reason"}},
		{"unknown policy", `{"no-such-rule": "disabled"}`, []string{`"no-such-rule" is not a policy`}},
		{"unknown property", `{"` + kms + `": {"minimumDays": 3}}`, []string{`unknown property "minimumDays"`}},
		{"unknown level", `{"` + kms + `": {"enforcementLevel": "off", "reason": "x"}}`, []string{"enforcementLevel off is not allowed"}},
		{"not json", `{`, []string{"not a JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := baseline.LoadConfig(writeConfig(t, tt.body))
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
