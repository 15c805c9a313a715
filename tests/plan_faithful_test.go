package tests

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/stacks"
)

// The plan prints a literal input exactly as the program wrote it, and only values the engine made up (ids, ARNs,
// URLs, auto-names) as ${name.attr}. No list of literals is needed: each stack is evaluated twice, on engines that
// make up different values. An input string equal in both runs depends on nothing made up, so the plan JSON must
// show it unchanged; one that differs depends on made-up values, so the plan must show it symbolically — and then
// identically in both runs, or some made-up part was left raw.
func TestPlanShowsLiteralInputsAsWritten(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			cfg := loadStack(t, stack)
			run := func(salt, account string) *mockengine.Engine {
				e := mockengine.New(cfg.Config["aws:region"])
				e.Salt, e.AccountID = salt, account
				require.NoError(t, e.Run(mockengine.Program{Project: cfg.Project, Stack: cfg.Name, Config: cfg.Config,
					SecretKeys: cfg.SecretKeys, RootDirectory: projectRoot(t)}, stacks.Program))
				return e
			}
			a, b := run("", mockengine.DefaultAccountID), run("other", "210987654321")
			rawA, rawB := a.Records(mockengine.PlainMap), b.Records(mockengine.PlainMap)
			shownA, shownB := a.Records(a.DescribeMap), b.Records(b.DescribeMap)
			require.Equal(t, len(rawA), len(rawB))
			literals, symbolic := 0, 0
			// A digest over deploy-time values cannot be written symbolically; the plan shows the evaluation's digest,
			// which changes exactly when the document does (what the golden plan is for).
			opaque := map[string]bool{"triggers.document": true}
			var input string // the input's path inside its resource, e.g. triggers.document
			var walk func(path string, ra, rb, sa, sb any)
			walk = func(path string, ra, rb, sa, sb any) {
				switch x := ra.(type) {
				case string:
					if x == rb.(string) {
						literals++
						assert.Equal(t, x, sa, "%s: a literal input is printed as written", path)
						return
					}
					symbolic++
					if opaque[input] {
						return
					}
					assert.NotEqual(t, x, sa, "%s: a made-up value is printed symbolically", path)
					assert.Equal(t, sa, sb, "%s: every made-up part is symbolic (%q)", path, x)
				case []any:
					require.Len(t, rb, len(x), path)
					for i := range x {
						walk(fmt.Sprintf("%s[%d]", path, i), x[i], rb.([]any)[i], sa.([]any)[i], sb.([]any)[i])
					}
				case map[string]any:
					for k := range x {
						outer := input
						if input == "" {
							input = k
						} else {
							input += "." + k
						}
						walk(path+"."+k, x[k], rb.(map[string]any)[k], sa.(map[string]any)[k], sb.(map[string]any)[k])
						input = outer
					}
				}
			}
			for i := range rawA {
				require.Equal(t, rawA[i].URN, rawB[i].URN)
				walk(rawA[i].URN, rawA[i].Inputs, rawB[i].Inputs, shownA[i].Inputs, shownB[i].Inputs)
			}
			t.Logf("%d literal and %d made-up input strings", literals, symbolic)
			assert.Greater(t, literals, 100)
			assert.Greater(t, symbolic, 20)
		})
	}
}
