package baseline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Rule is one baseline check. Policy turns it into the policyx value both the CLI and the plan run.
type Rule struct {
	// Slug says what must hold, e.g. "stage-xray-tracing".
	Slug string
	// IDs are the cdk-nag, Security Hub and checkov IDs the rule maps to.
	IDs []string
	// Description is what must hold, one sentence.
	Description string
	// Fix says how to make a failing resource pass.
	Fix string
	// Types are the resource types the rule looks at; the rule is N/A for a stack with none of them.
	Types []string
	// Advisory makes the rule warn instead of block by default (the protocol's zero level is advisory, so the default
	// here is explicit: mandatory unless Advisory).
	Advisory bool
	// Config declares the rule's own config properties (JSON schema); "reason" is added to every rule. Each property
	// has a "default": the strength the rule holds with no config at all, at least its catalogs' own. A number below
	// its default, or a boolean other than its default, relaxes the rule, and so is a waiver needing a reason.
	Config map[string]map[string]any

	// Exactly one of these is set. checkResource returns the problems with one resource of Types (given the rule's
	// config); checkStack returns violations across all resources.
	checkResource func(r res, cfg map[string]any) []string
	checkStack    func(all []res) []violation
	// byDesign, when set, returns what checkResource lets through by the project's own decision (IAM5's justified
	// wildcards): a rule that passes only thanks to them is shown WAIVED with these, never a silent PASS.
	byDesign func(r res) []string
	// applies, when set, decides N/A beyond "a resource of Types exists" (e.g. cache rules without a cache).
	applies func(all []res) bool
}

type violation struct {
	urn     string
	message string
}

// Name is the policy name: the slug, then each ID, separated by "--" (dots and underscores are kept: they are in
// the IDs). Policy names allow letters, digits, '-', '_' and '.'.
func (r Rule) Name() string {
	parts := []string{r.Slug}
	for _, id := range r.IDs {
		parts = append(parts, strings.NewReplacer(" ", "-", "/", "-").Replace(id))
	}
	return strings.Join(parts, "--")
}

// level is the rule's default enforcement level.
func (r Rule) level() policyx.EnforcementLevel {
	if r.Advisory {
		return policyx.EnforcementLevelAdvisory
	}
	return policyx.EnforcementLevelMandatory
}

// message is the violation text: what is wrong on which resource, then the fix.
func (r Rule) message(problem string) string {
	return fmt.Sprintf("%s. Fix: %s", problem, r.Fix)
}

func (r Rule) schema() *policyx.ConfigSchema {
	props := map[string]map[string]any{
		"reason": {"type": "string", "description": "Why this rule is waived or relaxed for this stack."},
	}
	for k, v := range r.Config {
		props[k] = v
	}
	return &policyx.ConfigSchema{Properties: props}
}

// relaxation says how value v of property key weakens the rule ("minimumDays 30 relaxes the default 365"), or "".
func (r Rule) relaxation(key string, v any) string {
	def := r.Config[key]["default"]
	relaxed := false
	switch d := def.(type) {
	case bool:
		relaxed = v != d
	case int:
		n, ok := v.(float64)
		relaxed = ok && n < float64(d)
	}
	if !relaxed {
		return ""
	}
	return fmt.Sprintf("%s %v relaxes the default %v", key, v, def)
}

// withDefaults is cfg with every property the stack does not set at its default.
func (r Rule) withDefaults(cfg map[string]any) map[string]any {
	out := make(map[string]any, len(r.Config))
	for k, schema := range r.Config {
		switch d := schema["default"].(type) {
		case int:
			out[k] = float64(d)
		default:
			out[k] = d
		}
	}
	for k, v := range cfg {
		out[k] = v
	}
	return out
}

// Policy returns the rule as a policyx policy.
func (r Rule) Policy() policyx.Policy {
	desc := fmt.Sprintf("%s [%s]", r.Description, strings.Join(r.IDs, ", "))
	if len(r.IDs) == 0 {
		desc = r.Description
	}
	if r.checkStack != nil {
		return policyx.NewStackValidationPolicy(r.Name(), policyx.StackValidationPolicyArgs{
			Description:      desc,
			EnforcementLevel: r.level(),
			ConfigSchema:     r.schema(),
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				all := make([]res, len(args.Resources))
				for i, a := range args.Resources {
					all[i] = res{a}
				}
				for _, v := range r.checkStack(all) {
					args.Manager.ReportViolation(r.message(v.message), v.urn)
				}
				return nil
			},
		})
	}
	return policyx.NewResourceValidationPolicy(r.Name(), policyx.ResourceValidationPolicyArgs{
		Description:      desc,
		EnforcementLevel: r.level(),
		ConfigSchema:     r.schema(),
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			if !slices.Contains(r.Types, args.Resource.Type) {
				return nil
			}
			// Under the CLI the config arrives unchecked by LoadConfig: a relaxation without a reason is a violation.
			if reason, _ := args.Config["reason"].(string); strings.TrimSpace(reason) == "" {
				if relaxed := (Setting{Properties: args.Config}).Relaxations(r); len(relaxed) > 0 {
					args.Manager.ReportViolation(fmt.Sprintf(`this stack's policy config relaxes %s (%s) without a "reason"`,
						r.Slug, strings.Join(relaxed, "; ")), args.Resource.URN)
				}
			}
			for _, problem := range r.checkResource(res{args.Resource}, r.withDefaults(args.Config)) {
				args.Manager.ReportViolation(r.message(problem), args.Resource.URN)
			}
			return nil
		},
	})
}

// appliesTo reports whether the rule has anything to check among all.
func (r Rule) appliesTo(all []res) bool {
	if r.applies != nil {
		return r.applies(all)
	}
	return slices.ContainsFunc(all, func(x res) bool { return slices.Contains(r.Types, x.Type) })
}

// cog1MinimumLength is cdk-nag COG1's own floor (CognitoUserPoolStrongPasswordPolicy.ts: minimumLength < 8 fails).
const cog1MinimumLength = 8

// ckv338MinimumDays is CKV_AWS_338's floor (CloudWatchLogGroupRetentionYear.py: 0 or at least 365 passes).
const ckv338MinimumDays = 365

// stricterThan is the sentence a violation ends with when it fails what the cited catalog passes: the output says
// so, rather than let the catalog's ID stand for a check it does not make.
func stricterThan(id, catalogDoes string) string {
	return fmt.Sprintf(" (stricter than %s, which %s)", id, catalogDoes)
}

// exceptionsIn lists what the rule lets through by design in resources of its types.
func (r Rule) exceptionsIn(all []res) []string {
	if r.byDesign == nil {
		return nil
	}
	var out []string
	for _, t := range r.Types {
		for _, x := range ofType(all, t) {
			out = append(out, r.byDesign(x)...)
		}
	}
	return out
}

// ofType returns the resources of type t.
func ofType(all []res, t string) []res {
	var out []res
	for _, r := range all {
		if r.Type == t {
			out = append(out, r)
		}
	}
	return out
}

// configNumber reads a number property; Policy has already filled in the rule's defaults.
func configNumber(cfg map[string]any, key string) float64 {
	v, _ := cfg[key].(float64)
	return v
}

func configBool(cfg map[string]any, key string) bool {
	v, _ := cfg[key].(bool)
	return v
}
