package mockengine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Evaluate runs fn on a fresh engine in DefaultRegion, as a one-off program for a component test.
func Evaluate(fn pulumi.RunFunc) (*Engine, error) {
	e := New("")
	err := e.Run(Program{Project: "test", Stack: "unit"}, fn)
	return e, err
}

// OwnershipProblems lists every way the component named name of type token breaks the ownership rules: each other
// resource registered must be a direct child of it, and named "<name>-…".
func (e *Engine) OwnershipProblems(token, name string) []string {
	comp := e.Named(token, name)
	if comp == nil {
		return []string{fmt.Sprintf("component %s %q was not registered", token, name)}
	}
	var problems []string
	for _, r := range e.Resources() {
		if r == comp {
			continue
		}
		if r.Parent != comp.URN {
			problems = append(problems, fmt.Sprintf("%s %q: parent is %q, want the component", r.Type, r.Name, r.Parent))
		}
		if !strings.HasPrefix(r.Name, name+"-") {
			problems = append(problems, fmt.Sprintf("%s %q: name is not derived from %q", r.Type, r.Name, name))
		}
	}
	return problems
}

// PrintInventory evaluates fn as Evaluate does and prints every registered resource as "<name> (<type>)", sorted
// (registration order varies with the SDK's goroutines), or the error: what a component's runnable Example shows.
func PrintInventory(fn pulumi.RunFunc) {
	e, err := Evaluate(fn)
	if err != nil {
		fmt.Println(err)
		return
	}
	var lines []string
	for _, r := range e.Resources() {
		lines = append(lines, fmt.Sprintf("%s (%s)", r.Name, r.Type))
	}
	slices.Sort(lines)
	for _, line := range lines {
		fmt.Println(line)
	}
}
