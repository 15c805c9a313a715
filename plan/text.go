package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// WriteText prints the plan like `pulumi preview`, then the baseline.
func (p *Plan) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Plan for stack %q of project %q in %s — offline: evaluated on the recording mock engine, nothing deployed.\n",
		p.Stack, p.Project, p.Region)
	fmt.Fprintf(w, "Values written ${resource.attribute} are known only after deploy.\n\n")
	p.writeTree(w)
	p.writeOutputs(w)
	p.writeCounts(w)
	p.writeBaseline(w)
}

type row struct{ prefix, typ, name, settings string }

// routeRowType marks a row that is a route of a REST API's document.
const routeRowType = "route"

// routeRows are a REST API's routes, one row each, from its OpenAPI body: the API has no resource per route.
func (p *Plan) routeRows(r *mockengine.Resource, indent string, moreBelow bool) []row {
	if r.Type != "aws:apigateway/restApi:RestApi" {
		return nil
	}
	ops, _, ok := baseline.DocumentOperations(r.Str("body"))
	if !ok {
		return nil
	}
	var out []row
	for i, op := range ops {
		branch := "├─ "
		if i == len(ops)-1 && !moreBelow {
			branch = "└─ "
		}
		settings := []string{"auth=" + op.Authorization}
		if schemes := strings.Join(op.Schemes, "+"); schemes != "" {
			settings = append(settings, "schemes="+schemes)
		}
		if len(op.Scopes) > 0 {
			settings = append(settings, "scopes="+strings.Join(op.Scopes, ","))
		}
		validator := op.Validator
		if validator == "" {
			validator = "none"
		}
		settings = append(settings, "validator="+validator, "integration="+op.IntegrationType)
		if op.IntegrationURI != "" {
			settings = append(settings, "uri="+p.Engine.Symbolic(op.IntegrationURI))
		}
		out = append(out, row{indent + branch, routeRowType, op.Method + " " + op.Path, strings.Join(settings, " ")})
	}
	return out
}

func (p *Plan) writeTree(w io.Writer) {
	children := map[string][]*mockengine.Resource{}
	var stackURN string
	for _, r := range p.Engine.Resources() {
		children[r.Parent] = append(children[r.Parent], r)
		if strings.HasSuffix(r.Parent, "::"+p.Project+"-"+p.Stack) {
			stackURN = r.Parent
		}
	}
	for _, rs := range children {
		sort.Slice(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
	}
	rows := []row{{typ: "pulumi:pulumi:Stack", name: p.Project + "-" + p.Stack}}
	var walk func(urn, indent string)
	walk = func(urn, indent string) {
		rs := children[urn]
		for i, r := range rs {
			branch, next := "├─ ", "│  "
			if i == len(rs)-1 {
				branch, next = "└─ ", "   "
			}
			rows = append(rows, row{indent + branch, r.Type, r.Name, p.summary(r)})
			routes := p.routeRows(r, indent+next, len(children[r.URN]) > 0)
			rows = append(rows, routes...)
			walk(r.URN, indent+next)
		}
	}
	walk(stackURN, "")
	typeWidth, nameWidth := len("TYPE"), len("NAME")
	for _, r := range rows {
		typeWidth = max(typeWidth, len([]rune(r.prefix+r.typ)))
		nameWidth = max(nameWidth, len(r.name))
	}
	fmt.Fprintf(w, "   %-*s  %-*s  %s\n", typeWidth, "TYPE", nameWidth, "NAME", "SECURITY SETTINGS")
	for _, r := range rows {
		left := r.prefix + r.typ
		pad := typeWidth - len([]rune(left))
		mark := "+" // a resource to create; a route is part of its API's document, not a resource
		if r.typ == routeRowType {
			mark = " "
		}
		fmt.Fprintf(w, " %s %s%s  %-*s  %s\n", mark, left, strings.Repeat(" ", pad), nameWidth, r.name, r.settings)
	}
	fmt.Fprintln(w)
}

func (p *Plan) writeOutputs(w io.Writer) {
	fmt.Fprintln(w, "Outputs:")
	if p.Outputs == nil {
		fmt.Fprintln(w, "    not read from this program: `pulumi preview` shows its exports")
		fmt.Fprintln(w)
		return
	}
	keys := make([]string, 0, len(p.Outputs))
	for k := range p.Outputs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "    %-18s %v\n", k+":", p.Outputs[k])
	}
	fmt.Fprintln(w)
}

func (p *Plan) writeCounts(w io.Writer) {
	counts := map[string]int{}
	total := 0
	for _, r := range p.Engine.Resources() {
		counts[r.Type]++
		total++
	}
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		if counts[types[i]] != counts[types[j]] {
			return counts[types[i]] > counts[types[j]]
		}
		return types[i] < types[j]
	})
	fmt.Fprintf(w, "Resources: %d to create (plus the stack)\n", total)
	for _, t := range types {
		fmt.Fprintf(w, "    %3d  %s\n", counts[t], t)
	}
	fmt.Fprintln(w)
}

func (p *Plan) writeBaseline(w io.Writer) {
	fmt.Fprintf(w, "Security baseline (%s %s)\n", baseline.PackName, baseline.PackVersion)
	if p.PolicyConfigFound {
		fmt.Fprintf(w, "  policy config: %s\n", p.PolicyConfig)
	} else {
		fmt.Fprintf(w, "  policy config: none (%s does not exist): every rule at its default\n", p.PolicyConfig)
	}
	tally := map[baseline.Status]int{}
	for _, r := range p.Results {
		tally[r.Status]++
		ids := strings.Join(r.IDs, ", ")
		if ids == "" {
			ids = "project rule"
		}
		fmt.Fprintf(w, "  %-6s  %-34s %s\n", r.Status, slugOf(r.Policy), ids)
		for _, v := range r.Violations {
			res := p.Engine.ByURN(v.URN)
			who := v.URN
			if res != nil {
				who = fmt.Sprintf("%s (%s)", res.Name, res.Type)
			}
			fmt.Fprintf(w, "          ✗ %s\n            %s\n", who, v.Message)
		}
		if len(r.Relaxes) > 0 {
			fmt.Fprintf(w, "          waived: %s\n          reason: %s\n", strings.Join(r.Relaxes, "; "), r.Waiver)
		}
	}
	byDesign := 0
	for _, r := range p.Results {
		if r.Status == baseline.Waived && r.Waiver == baseline.ByDesignReason {
			byDesign++
		}
	}
	fmt.Fprintf(w, "\n%d rules: %d pass, %d fail, %d warn, %d waived, %d n/a\n", len(p.Results), tally[baseline.Pass],
		tally[baseline.Fail], tally[baseline.Warn], tally[baseline.Waived], tally[baseline.NA])
	switch {
	case p.Failed():
		fmt.Fprintln(w, "BASELINE FAILED: fix the resources above, or waive the rule for this stack with a reason in its policy config.")
	case tally[baseline.Waived] > byDesign:
		fmt.Fprintf(w, "Baseline clean, with %d waiver(s): each is shown above with its reason.\n", tally[baseline.Waived]-byDesign)
	default:
		fmt.Fprintln(w, "Baseline clean, with no waivers.")
	}
	if byDesign > 0 {
		fmt.Fprintf(w, "%d rule(s) pass only by the project's own by-design exceptions, shown WAIVED above with each one's reason.\n", byDesign)
	}
}

func slugOf(policy string) string {
	slug, _, _ := strings.Cut(policy, "--")
	return slug
}
