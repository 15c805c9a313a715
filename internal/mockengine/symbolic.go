package mockengine

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Symbolic rewrites every value the engine made up inside s as the attribute it stands for: an input
// "API-Gateway-Execution-Logs_3f2a9c01de/dev" reads "API-Gateway-Execution-Logs_${api-api.id}/dev". Longer values
// are replaced first, so an ARN embedding an id reads as the ARN, not as the id.
func (e *Engine) Symbolic(s string) string {
	e.mu.Lock()
	pairs := make([]string, 0, 2*len(e.synthetic)+2)
	keys := make([]string, 0, len(e.synthetic))
	for k := range e.synthetic {
		keys = append(keys, k)
	}
	e.mu.Unlock()
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		pairs = append(pairs, k, e.synthetic[k])
	}
	pairs = append(pairs, e.AccountID, "${aws.accountId}")
	return strings.NewReplacer(pairs...).Replace(s)
}

// Describe is Plain with every string passed through Symbolic: what a plan shows for an input.
func (e *Engine) Describe(v resource.PropertyValue) any {
	return e.rewrite(Plain(v))
}

// DescribeMap is Describe over a property map.
func (e *Engine) DescribeMap(m resource.PropertyMap) map[string]any {
	return e.rewrite(PlainMap(m)).(map[string]any)
}

func (e *Engine) rewrite(v any) any {
	switch t := v.(type) {
	case string:
		return e.Symbolic(t)
	case []any:
		for i := range t {
			t[i] = e.rewrite(t[i])
		}
		return t
	case map[string]any:
		for k, x := range t {
			t[k] = e.rewrite(x)
		}
		return t
	}
	return v
}
