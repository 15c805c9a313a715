package tests_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

type workflow struct {
	On map[string]*struct {
		Branches []string `yaml:"branches"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]job    `yaml:"jobs"`
}

type job struct {
	If          string            `yaml:"if"`
	Needs       any               `yaml:"needs"`
	Environment string            `yaml:"environment"`
	Permissions map[string]string `yaml:"permissions"`
	Strategy    struct {
		Matrix map[string][]string `yaml:"matrix"`
	} `yaml:"strategy"`
	Steps []struct {
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		With map[string]string `yaml:"with"`
	} `yaml:"steps"`
}

func (j job) runs() string {
	var b strings.Builder
	for _, s := range j.Steps {
		b.WriteString(s.Run + "\n")
	}
	return b.String()
}

func (j job) needs(other string) bool {
	switch n := j.Needs.(type) {
	case string:
		return n == other
	case []any:
		for _, v := range n {
			if v == other {
				return true
			}
		}
	}
	return false
}

// The workflow users copy parses, tests and plans every pull request, previews each stack with the policy pack,
// deploys dev then prod (behind the prod environment's approval) with OIDC credentials only, and echoes no secret.
func TestTheUsersWorkflow(t *testing.T) {
	raw, err := os.ReadFile("../.github/workflows/secured-api.yml")
	require.NoError(t, err)
	var w workflow
	require.NoError(t, yaml.Unmarshal(raw, &w))

	assert.Contains(t, w.On, "pull_request", "runs on pull requests")
	require.NotNil(t, w.On["push"])
	assert.Equal(t, []string{"main"}, w.On["push"].Branches)
	assert.Equal(t, map[string]string{"contents": "read"}, w.Permissions, "least privilege by default")
	assert.Equal(t, "${{ vars.PULUMI_BACKEND_URL }}", w.Env["PULUMI_BACKEND_URL"], "a configurable state backend")

	test := w.Jobs["test"]
	assert.Contains(t, test.runs(), "make test")
	assert.Contains(t, test.runs(), "make plans")

	preview := w.Jobs["preview"]
	assert.Contains(t, preview.If, "pull_request")
	assert.True(t, preview.needs("test"))
	assert.ElementsMatch(t, []string{"dev", "prod"}, preview.Strategy.Matrix["stack"])
	assert.Regexp(t, `pulumi preview --stack "\$\{\{ matrix.stack \}\}"[^\n]*\\\n\s+--policy-pack \./policy `+
		`--policy-pack-config "\./policy/config\.\$\{\{ matrix.stack \}\}\.json"`, preview.runs())

	dev, prod := w.Jobs["deploy-dev"], w.Jobs["deploy-prod"]
	assert.Contains(t, dev.If, "refs/heads/main")
	assert.Equal(t, "dev", dev.Environment)
	assert.Contains(t, dev.runs(), "pulumi up --stack dev --yes")
	assert.Contains(t, dev.runs(), "--policy-pack-config ./policy/config.dev.json")
	assert.True(t, prod.needs("deploy-dev"), "prod after dev")
	assert.Equal(t, "prod", prod.Environment, "the prod environment's reviewers approve")
	assert.Contains(t, prod.runs(), "pulumi up --stack prod --yes")
	assert.Contains(t, prod.runs(), "--policy-pack-config ./policy/config.prod.json")

	echoes := regexp.MustCompile(`(?m)(echo|printf|cat)\b[^\n]*(PASSPHRASE|TOKEN|SECRET|KEY)|set -x`)
	for name, j := range w.Jobs {
		usesAWS := false
		for _, s := range j.Steps {
			if strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@") {
				usesAWS = true
				assert.Equal(t, "${{ vars.AWS_ROLE_ARN }}", s.With["role-to-assume"], "%s: a role through OIDC", name)
				for k := range s.With {
					assert.NotContains(t, []string{"aws-access-key-id", "aws-secret-access-key"}, k,
						"%s: no long-lived keys", name)
				}
			}
			assert.NotContains(t, s.Run, "secrets.", "%s: secrets reach commands through env only", name)
			assert.NotRegexp(t, echoes, s.Run, "%s: no secret is echoed", name)
		}
		if usesAWS {
			assert.Equal(t, "write", j.Permissions["id-token"], "%s: OIDC needs id-token: write", name)
			assert.NotEmpty(t, j.Environment, "%s: its role is the environment's", name)
		} else {
			assert.NotContains(t, j.Permissions, "id-token", "%s: no token it does not use", name)
		}
	}
	for _, k := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"} {
		assert.Equal(t, "${{ secrets."+k+" }}", w.Env[k], "%s comes from the repository's secrets", k)
	}
}
