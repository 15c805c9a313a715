package mockengine

import (
	"maps"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Captured collects output values during a run. The SDK waits for every apply before RunErr returns, so once Run
// returns, Values holds each captured output's resolved value: no WaitGroups, no channels in tests.
type Captured struct {
	mu     sync.Mutex
	values map[string]any
}

// Capture records o's value under name when it resolves. Call it inside the program.
func (c *Captured) Capture(name string, o pulumi.Output) {
	o.ApplyT(func(v any) any {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.values == nil {
			c.values = map[string]any{}
		}
		c.values[name] = v
		return v
	})
}

// Values returns what has been captured.
func (c *Captured) Values() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.values)
}
