package mockengine

import (
	"maps"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Captured collects output values during a run. The SDK waits for every apply before RunErr returns, so once Run
// returns, Values holds each captured output's resolved value: no WaitGroups, no channels in tests.
type Captured struct {
	mu      sync.Mutex
	values  map[string]any
	outputs map[string]pulumi.Output
}

// Capture records o's value under name when it resolves. Call it inside the program.
func (c *Captured) Capture(name string, o pulumi.Output) {
	c.mu.Lock()
	if c.outputs == nil {
		c.outputs = map[string]pulumi.Output{}
	}
	c.outputs[name] = o
	c.mu.Unlock()
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

// Redacted is Values with every secret output's value replaced by Redacted: what may be printed. Call it after the
// run, when every output has resolved.
func (c *Captured) Redacted() map[string]any {
	values := c.Values()
	c.mu.Lock()
	outputs := maps.Clone(c.outputs)
	c.mu.Unlock()
	for name, o := range outputs {
		if pulumi.IsSecret(o) {
			values[name] = Redacted
		}
	}
	return values
}
