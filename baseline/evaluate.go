package baseline

import (
	"context"
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Status is a rule's outcome for a stack.
type Status string

// The outcomes.
const (
	Pass   Status = "PASS"   // the rule holds for everything it checks
	Fail   Status = "FAIL"   // a mandatory rule has violations
	Warn   Status = "WARN"   // an advisory rule has violations
	NA     Status = "N/A"    // nothing in the stack for the rule to check
	Waived Status = "WAIVED" // lowered or relaxed for this stack, with a reason
)

// Violation is one problem a rule found.
type Violation struct {
	URN     string `json:"urn"`
	Message string `json:"message"`
}

// Result is one rule's outcome.
type Result struct {
	Policy      string      `json:"policy"`
	IDs         []string    `json:"ids"`
	Description string      `json:"description"`
	Level       string      `json:"enforcementLevel"`
	Status      Status      `json:"status"`
	Violations  []Violation `json:"violations,omitempty"`
	// Waiver is the reason given when the stack's config lowers or relaxes the rule, and Relaxes says how.
	Waiver  string   `json:"waiver,omitempty"`
	Relaxes []string `json:"relaxes,omitempty"`
}

// manager is the in-process PolicyManager: it collects what the policies report.
type manager struct {
	defaultURN string
	found      []Violation
}

func (m *manager) ReportViolation(message, urn string) {
	if urn == "" {
		urn = m.defaultURN
	}
	m.found = append(m.found, Violation{URN: urn, Message: message})
}

// Evaluate runs the pack's policies in-process over resources, as `pulumi preview --policy-pack` would, with cfg
// applied (levels, properties, waivers).
func Evaluate(ctx context.Context, resources []policyx.AnalyzerResource, cfg Config) ([]Result, error) {
	pack, err := Pack()
	if err != nil {
		return nil, err
	}
	rules := map[string]Rule{}
	for _, r := range Rules() {
		rules[r.Name()] = r
	}
	views := make([]res, len(resources))
	for i, r := range resources {
		views[i] = res{r}
	}
	var results []Result
	for _, p := range pack.Policies() {
		rule := rules[p.Name()]
		setting := cfg[p.Name()]
		level := p.EnforcementLevel()
		if setting.LevelSet {
			level = setting.Level
		}
		result := Result{Policy: p.Name(), IDs: rule.IDs, Description: rule.Description, Level: LevelName(level)}
		if result.Relaxes = setting.Relaxations(rule); len(result.Relaxes) > 0 {
			result.Waiver = setting.Reason
		}
		m := &manager{}
		switch {
		case level == policyx.EnforcementLevelDisabled:
			result.Status = Waived
			results = append(results, result)
			continue
		case !rule.appliesTo(views):
			result.Status = NA
			results = append(results, result)
			continue
		}
		switch p := p.(type) {
		case policyx.ResourceValidationPolicy:
			for _, r := range resources {
				m.defaultURN = r.URN
				if err := p.Validate(ctx, policyx.ResourceValidationArgs{Manager: m, Resource: r,
					Config: setting.policyConfig()}); err != nil {
					return nil, fmt.Errorf("policy %s on %s: %w", p.Name(), r.URN, err)
				}
			}
		case policyx.StackValidationPolicy:
			if err := p.Validate(ctx, policyx.StackValidationArgs{Manager: m, Resources: resources}); err != nil {
				return nil, fmt.Errorf("policy %s: %w", p.Name(), err)
			}
		}
		sort.Slice(m.found, func(i, j int) bool { return m.found[i].URN < m.found[j].URN })
		result.Violations = m.found
		if exceptions := rule.exceptionsIn(views); len(exceptions) > 0 && len(m.found) == 0 && result.Waiver == "" {
			// Passing only by the project's own exceptions is a waiver the stack did not write: show it as one.
			result.Relaxes, result.Waiver = exceptions, ByDesignReason
		}
		switch {
		case level == policyx.EnforcementLevelMandatory && len(m.found) > 0:
			result.Status = Fail
		case result.Waiver != "":
			// Lowered or relaxed for this stack, with a reason: whatever the relaxed rule finds, it is a waiver.
			result.Status = Waived
		case len(m.found) == 0:
			result.Status = Pass
		default:
			result.Status = Warn
		}
		results = append(results, result)
	}
	return results, nil
}

// ByDesignReason is the waiver reason of a rule that passes only by the exceptions the project builds in (IAM5's
// justified wildcards), listed in the result's Relaxes.
const ByDesignReason = "by design, in the rule itself (no stack config can add or remove these): each exception is listed with why it cannot be avoided"

// Failed reports whether any result blocks a deployment.
func Failed(results []Result) bool {
	for _, r := range results {
		if r.Status == Fail {
			return true
		}
	}
	return false
}
