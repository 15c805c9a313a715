package baseline_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// The policy table of docs/baseline.md lists every rule, once, with exactly the IDs it carries ("project rule" for none), and
// no rule the pack lacks.
func TestTheGuidesPolicyTableMatchesTheRules(t *testing.T) {
	text, err := os.ReadFile("../docs/baseline.md")
	require.NoError(t, err)
	_, table, found := strings.Cut(string(text), "| policy | IDs | what must hold |\n")
	require.True(t, found, "docs/baseline.md has no policy table")
	table, _, _ = strings.Cut(table, "\n\n")
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\| ([^|]+) \\|")
	listed := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		if _, twice := listed[m[1]]; twice {
			t.Errorf("docs/baseline.md lists %s twice", m[1])
		}
		listed[m[1]] = strings.TrimSpace(m[2])
	}
	for _, r := range baseline.Rules() {
		ids, ok := listed[r.Slug]
		if !assert.True(t, ok, "docs/baseline.md's policy table lacks %s", r.Slug) {
			continue
		}
		want := "project rule"
		if len(r.IDs) > 0 {
			want = strings.Join(r.IDs, ", ")
		}
		if r.Slug == "s3-public-access" {
			want = "CKV_AWS_53–56, cdk-nag S2, Security Hub S3.8" // a range, written once
		}
		assert.Equal(t, want, ids, "docs/baseline.md's IDs for %s", r.Slug)
		delete(listed, r.Slug)
	}
	for slug := range listed {
		t.Errorf("docs/baseline.md's policy table lists %s, which is not a rule of the pack", slug)
	}
}
