package baseline_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// coverageRow is one row of a COVERAGE.md catalog table.
type coverageRow struct {
	line   int
	ids    []string // bare catalog IDs ("APIG1", "CKV_AWS_76", "APIGateway.4"); "(project)" rows have none
	status string   // "implemented", "n/a", "not yet" or "not cited"
	slugs  []string // for implemented rows: the rules named outside parentheses
	text   string   // the whole status cell
}

var statuses = []string{"implemented", "n/a", "not yet", "not cited"}

// coverageRows reads COVERAGE.md's catalog rows: | ID | what it checks | status |.
func coverageRows(t *testing.T, doc string) []coverageRow {
	t.Helper()
	var rows []coverageRow
	for i, line := range strings.Split(doc, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "ID" {
			continue
		}
		row := coverageRow{line: i + 1, ids: ids(cells[1]), text: strings.TrimSpace(cells[3])}
		for _, s := range statuses {
			if strings.HasPrefix(row.text, s) {
				row.status = s
			}
		}
		if row.status == "implemented" {
			for _, m := range regexp.MustCompile("`([a-z0-9]+(?:-[a-z0-9]+)+)`").FindAllStringSubmatch(outsideParens(row.text), -1) {
				row.slugs = append(row.slugs, m[1])
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// outsideParens is s without its parenthesized asides, where the table explains rather than names rules.
func outsideParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ids splits an ID cell ("checkov CKV_AWS_7, cdk-nag KMS5; Security Hub KMS.4, KMS.5") into bare IDs. The catalog
// is not kept: the three catalogs' ID shapes do not overlap (CKV…, Service.N, and cdk-nag's dotless names).
func ids(cell string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == '/' || r == ';' }) {
		if p := bare(strings.TrimSpace(part)); p != "" && p != "(project)" {
			out = append(out, p)
		}
	}
	return out
}

func bare(id string) string {
	for _, prefix := range []string{"checkov ", "cdk-nag ", "Security Hub "} {
		id = strings.TrimPrefix(id, prefix)
	}
	return id
}

func readCoverage(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("COVERAGE.md")
	require.NoError(t, err)
	return string(data)
}

// Every ID a rule carries is listed in COVERAGE.md as implemented by that rule, and every rule appears there: the
// table cannot drift from the code.
func TestCoverageTableMatchesTheRules(t *testing.T) {
	problems := coverageProblems(coverageRows(t, readCoverage(t)), baseline.Rules())
	assert.Empty(t, problems)
}

// coverageProblems is every way rows contradict rules: an ID listed twice, an ID a rule carries that its row does not
// list as implemented by that rule, an implemented row whose rules do not carry its IDs, and a rule in no row.
func coverageProblems(rows []coverageRow, rules []baseline.Rule) []string {
	var problems []string
	carriers := map[string][]string{} // bare ID -> slugs carrying it
	slugs := map[string]baseline.Rule{}
	for _, r := range rules {
		slugs[r.Slug] = r
		for _, id := range r.IDs {
			carriers[bare(id)] = append(carriers[bare(id)], r.Slug)
		}
	}
	seen := map[string]int{}
	named := map[string]bool{}
	for _, row := range rows {
		if row.status == "" {
			problems = append(problems, "COVERAGE.md:"+strconv.Itoa(row.line)+": status must start with one of "+
				strings.Join(statuses, ", ")+": "+row.text)
		}
		for _, slug := range row.slugs {
			named[slug] = true
			if _, ok := slugs[slug]; !ok {
				problems = append(problems, "COVERAGE.md:"+strconv.Itoa(row.line)+": names rule "+slug+", which does not exist")
			}
		}
		for _, id := range row.ids {
			if first, dup := seen[id]; dup {
				problems = append(problems, "COVERAGE.md:"+strconv.Itoa(row.line)+": "+id+" is listed twice (first on line "+
					strconv.Itoa(first)+")")
			} else {
				seen[id] = row.line
			}
			switch {
			case row.status != "implemented" && len(carriers[id]) > 0:
				problems = append(problems, "COVERAGE.md:"+strconv.Itoa(row.line)+": "+id+" is "+row.status+
					" but carried by "+strings.Join(carriers[id], ", "))
			case row.status == "implemented" && !anyCarries(row.slugs, carriers[id]):
				problems = append(problems, "COVERAGE.md:"+strconv.Itoa(row.line)+": "+id+" is implemented by "+
					strings.Join(row.slugs, ", ")+", but none of them carries it")
			}
		}
	}
	for _, r := range rules {
		if !named[r.Slug] {
			problems = append(problems, "rule "+r.Slug+" is in no implemented row of COVERAGE.md")
		}
		for _, id := range r.IDs {
			if _, ok := seen[bare(id)]; !ok {
				problems = append(problems, "rule "+r.Slug+" carries "+id+", which COVERAGE.md does not list")
			}
		}
	}
	return problems
}

func anyCarries(named, carriers []string) bool {
	for _, n := range named {
		for _, c := range carriers {
			if n == c {
				return true
			}
		}
	}
	return false
}

// The Counts table is what the rows add up to.
func TestCoverageCountsAddUp(t *testing.T) {
	doc := readCoverage(t)
	counts := map[string]int{}
	for _, row := range coverageRows(t, doc) {
		counts[row.status] += len(row.ids)
	}
	t.Logf("catalog IDs by status: %v", counts)
	_, after, ok := strings.Cut(doc, "## Counts")
	require.True(t, ok, "COVERAGE.md has no Counts section")
	var stated []int
	for _, line := range strings.Split(after, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 {
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSpace(cells[1])); err != nil {
			continue // the header and its rule line
		}
		for _, c := range cells[1:5] {
			v, err := strconv.Atoi(strings.TrimSpace(c))
			require.NoError(t, err, line)
			stated = append(stated, v)
		}
	}
	require.Len(t, stated, 4, "the Counts table has one row of four numbers")
	for i, s := range statuses {
		assert.Equal(t, counts[s], stated[i], "COVERAGE.md Counts: %s", s)
	}
}

// The checks above catch each contradiction the outside review found, on a table made to contain it.
func TestCoverageProblemsAreFound(t *testing.T) {
	rules := []baseline.Rule{{Slug: "domain-tls-policy", IDs: []string{"CKV_AWS_206"}},
		{Slug: "stage-xray-tracing", IDs: []string{"Security Hub APIGateway.3", "CKV_AWS_73"}}}
	table := func(rows ...string) []coverageRow {
		return coverageRows(t, "| ID | what | status |\n|---|---|---|\n"+strings.Join(rows, "\n"))
	}
	clean := []string{
		"| checkov CKV_AWS_206 | tls | implemented: `domain-tls-policy` |",
		"| Security Hub APIGateway.3; checkov CKV_AWS_73 | xray | implemented: `stage-xray-tracing` (stricter) |",
	}
	assert.Empty(t, coverageProblems(table(clean...), rules))
	cases := map[string][]string{
		"listed twice":              append(clean[:2:2], "| checkov CKV_AWS_206 | tls | not yet: later |"),
		"is not yet but carried by": {"| checkov CKV_AWS_206 | tls | not yet |", clean[1]},
		"none of them carries it":   {clean[0], clean[1], "| checkov CKV_AWS_999 | x | implemented: `domain-tls-policy` |"},
		"which does not exist":      {clean[0], clean[1], "| (project) | x | implemented: `no-such-rule` |"},
		"is in no implemented row":  {clean[0]},
		"status must start with":    {clean[0], clean[1], "| checkov CKV_AWS_1 | x | maybe |"},
	}
	for want, rows := range cases {
		problems := coverageProblems(table(rows...), rules)
		assert.Condition(t, func() bool {
			for _, p := range problems {
				if strings.Contains(p, want) {
					return true
				}
			}
			return false
		}, "%q not reported; got %v", want, problems)
	}
}
