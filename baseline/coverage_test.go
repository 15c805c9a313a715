package baseline_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// coverageRows reads COVERAGE.md's table rows: the ID cell and the status cell.
func coverageRows(t *testing.T) [][2]string {
	t.Helper()
	data, err := os.ReadFile("COVERAGE.md")
	require.NoError(t, err)
	var rows [][2]string
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "ID" {
			continue
		}
		rows = append(rows, [2]string{strings.TrimSpace(cells[1]), strings.TrimSpace(cells[3])})
	}
	return rows
}

// Every ID a rule carries is listed in COVERAGE.md as implemented by that rule, and every rule appears there: the
// table cannot drift from the code.
func TestCoverageTableMatchesTheRules(t *testing.T) {
	rows := coverageRows(t)
	require.NotEmpty(t, rows)
	for _, r := range baseline.Rules() {
		listed := false
		for _, row := range rows {
			if strings.HasPrefix(row[1], "implemented") && strings.Contains(row[1], "`"+r.Slug+"`") {
				listed = true
			}
		}
		assert.True(t, listed, "rule %s is in no implemented row of COVERAGE.md", r.Slug)
		for _, id := range r.IDs {
			found := false
			for _, row := range rows {
				if containsID(row[0], id) && strings.HasPrefix(row[1], "implemented") && strings.Contains(row[1], "`"+r.Slug+"`") {
					found = true
				}
			}
			assert.True(t, found, "rule %s carries %s, which COVERAGE.md does not list as implemented by it", r.Slug, id)
		}
	}
	counts := map[string]int{}
	for _, row := range rows {
		for _, status := range []string{"implemented", "n/a", "not yet", "not cited"} {
			if strings.HasPrefix(row[1], status) {
				counts[status] += len(ids(row[0]))
			}
		}
	}
	t.Logf("catalog IDs by status: %v", counts)
}

// ids splits an ID cell ("checkov CKV_AWS_7, cdk-nag KMS5, Security Hub KMS.4") into its IDs.
func ids(cell string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == '/' }) {
		if p := strings.TrimSpace(part); p != "" && p != "(project)" {
			out = append(out, p)
		}
	}
	return out
}

func containsID(cell, id string) bool {
	bare := id
	for _, prefix := range []string{"cdk-nag ", "Security Hub "} {
		bare = strings.TrimPrefix(bare, prefix)
	}
	for _, part := range ids(cell) {
		if strings.HasSuffix(part, " "+bare) || part == bare || part == id {
			return true
		}
	}
	return false
}
