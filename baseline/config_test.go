package baseline_test

import (
	"context"
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

	_, err = baseline.LoadConfig(filepath.Join(t.TempDir(), "none.json"))
	assert.ErrorIs(t, err, os.ErrNotExist, "the caller decides what a missing file means")

	tests := []struct {
		name, body string
		want       []string
	}{
		{"waiver without reason", `{"` + kms + `": {"enforcementLevel": "disabled"}}`, []string{kms, `needs a written "reason"`}},
		{"advisory without reason", `{"` + kms + `": "advisory"}`, []string{`needs a written "reason"`}},
		{"opt-in without reason", `{"` + auth + `": {"allowApiKeyOnly": true}}`, []string{auth, "reason"}},
		{"lowered minimum without reason", `{"` + retention + `": {"minimumDays": 30}}`, []string{retention, "minimumDays 30 relaxes the default 365", "reason"}},
		{"shorter passwords without reason", `{"` + ruleName(t, "user-pool-password-policy") + `": {"minimumLength": 8}}`, []string{"minimumLength 8 relaxes the default 12"}},
		{"MFA optional without reason", `{"` + ruleName(t, "user-pool-mfa") + `": {"requireOn": false}}`, []string{"requireOn false relaxes the default true"}},
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

// Under `pulumi preview --policy-pack-config` the config never passes through LoadConfig: the policy itself reports a
// relaxation that carries no reason.
func TestPolicyReportsAnUnreasonedRelaxationUnderTheCLI(t *testing.T) {
	rs := passing(t)
	retention := ruleName(t, "log-group-retention")
	checked := false
	for _, rule := range baseline.Rules() {
		if rule.Name() != retention {
			continue
		}
		checked = true
		m := &collect{}
		p := rule.Policy().(policyx.ResourceValidationPolicy)
		for _, r := range rs {
			require.NoError(t, p.Validate(context.Background(), policyx.ResourceValidationArgs{Manager: m, Resource: r,
				Config: map[string]any{"minimumDays": 1.0}}))
		}
		require.NotEmpty(t, m.messages)
		assert.Contains(t, m.messages[0], `relaxes log-group-retention (minimumDays 1 relaxes the default 365) without a "reason"`)
	}
	require.True(t, checked, "the retention rule was found and run")
}

// Relaxation is measured against a property's default: a property without one could be lowered without anyone
// seeing a waiver.
func TestEveryRulePropertyHasADefault(t *testing.T) {
	for _, r := range baseline.Rules() {
		for name, schema := range r.Config {
			switch schema["default"].(type) {
			case int, bool:
			default:
				t.Errorf("rule %s: property %s has no integer or boolean default (relaxations are measured against it)", r.Slug, name)
			}
		}
	}
}

type collect struct{ messages []string }

func (c *collect) ReportViolation(message, _ string) { c.messages = append(c.messages, message) }
