package plan

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// collapseAbove is how many same-type siblings a component may show before they are drawn as one "×N" node.
const collapseAbove = 2

// request path hops, in order; a hop whose type the stack does not have is skipped.
var requestPath = []struct{ label, typ string }{
	{"WAF", "aws:wafv2/webAclAssociation:WebAclAssociation"},
	{"stage", "aws:apigateway/stage:Stage"},
	{"routes", "aws:apigateway/restApi:RestApi"}, // an API defined by its OpenAPI body
	{"authorizer", "aws:apigateway/authorizer:Authorizer"},
	{"method", "aws:apigateway/method:Method"},
	{"integration", "aws:apigateway/integration:Integration"},
	{"backend", "aws:lambda/function:Function"},
}

// WriteDOT writes the architecture as Graphviz DOT: resources grouped by component, dependency edges (dashed), the
// request path client → WAF → gateway → authorizer → backend (bold blue), and each Lambda authorizer's call to its
// function (bold amber).
func (p *Plan) WriteDOT(w io.Writer) {
	rs := p.Engine.Resources()
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
	count := map[string]int{}
	for _, r := range rs {
		count[r.Parent+"|"+r.Type]++
	}
	// node returns the id of the node r is drawn as (its own, or its collapsed group's).
	node := func(r *mockengine.Resource) string {
		if count[r.Parent+"|"+r.Type] > collapseAbove {
			return dotID(r.Parent + "|" + r.Type)
		}
		return dotID(r.URN)
	}
	components := map[string][]*mockengine.Resource{}
	byURN := map[string]*mockengine.Resource{}
	for _, r := range rs {
		byURN[r.URN] = r
		if r.Custom {
			components[r.Parent] = append(components[r.Parent], r)
		}
	}
	fmt.Fprintf(w, "digraph %q {\n", p.Project+"-"+p.Stack)
	fmt.Fprintln(w, `  rankdir=LR; compound=true; fontname="Helvetica"; fontsize=12;`)
	fmt.Fprintln(w, `  node [shape=box, style="rounded,filled", fillcolor="#f7f7f7", fontname="Helvetica", fontsize=10];`)
	fmt.Fprintln(w, `  edge [color="#9a9a9a", arrowsize=0.6];`)
	fmt.Fprintln(w, `  client [label="client", shape=oval, fillcolor="#dbeafe"];`)
	parents := make([]string, 0, len(components))
	for parent := range components {
		parents = append(parents, parent)
	}
	sort.Strings(parents)
	for i, parent := range parents {
		label := "stack"
		if c := byURN[parent]; c != nil {
			label = fmt.Sprintf("%s\n%s", c.Name, c.Type)
		}
		fmt.Fprintf(w, "  subgraph cluster_%d {\n    label=%q; style=rounded; color=\"#7c8a9a\";\n", i, label)
		drawn := map[string]bool{}
		for _, r := range components[parent] {
			id := node(r)
			if drawn[id] {
				continue
			}
			drawn[id] = true
			label := fmt.Sprintf("%s\n%s", r.Name, shortType(r.Type))
			if n := count[r.Parent+"|"+r.Type]; n > collapseAbove {
				label = fmt.Sprintf("%s ×%d", shortType(r.Type), n)
			}
			fmt.Fprintf(w, "    %s [label=%q];\n", id, label)
		}
		fmt.Fprintln(w, "  }")
	}
	edges := map[string]bool{}
	for _, r := range rs {
		if !r.Custom {
			continue
		}
		deps := append([]string{}, r.Dependencies...)
		for _, ds := range r.PropertyDependencies {
			deps = append(deps, ds...)
		}
		for _, d := range deps {
			dep := byURN[d]
			// Every API child depends on the REST API itself; its cluster already says so.
			if dep == nil || !dep.Custom || dep.Type == "aws:apigateway/restApi:RestApi" {
				continue
			}
			e := fmt.Sprintf("  %s -> %s [style=dashed];", node(r), node(dep))
			if node(r) != node(dep) && !edges[e] {
				edges[e] = true
			}
		}
	}
	lines := make([]string, 0, len(edges))
	for e := range edges {
		lines = append(lines, e)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	// A function is on the request path as a backend when an integration's URI is its invoke ARN, and as a token
	// verifier when an authorizer's URI is.
	invokes := func(typ, uriKey string) map[string]bool {
		uris := map[string]bool{}
		for _, r := range rs {
			if r.Type == typ && r.Str(uriKey) != "" {
				uris[r.Str(uriKey)] = true
			}
		}
		return uris
	}
	backends := invokes("aws:apigateway/integration:Integration", "uri")
	verifiers := invokes("aws:apigateway/authorizer:Authorizer", "authorizerUri")
	documentVerifiers := map[string][]string{} // REST API URN → the authorizer URIs its document calls
	for _, r := range rs {
		if r.Type != "aws:apigateway/restApi:RestApi" {
			continue
		}
		ops, authorizers, _ := baseline.DocumentOperations(r.Str("body"))
		for _, op := range ops {
			if op.IntegrationURI != "" {
				backends[op.IntegrationURI] = true
			}
		}
		documentVerifiers[r.URN] = authorizers
	}
	onPath := func(r *mockengine.Resource, typ string) bool {
		switch {
		case r.Type != typ:
			return false
		case typ == "aws:lambda/function:Function":
			arn, ok := r.Outputs["invokeArn"]
			return ok && backends[arn.StringValue()]
		case typ == "aws:apigateway/restApi:RestApi":
			return r.Str("body") != ""
		}
		return true
	}
	for _, api := range rs { // in URN order, so the DOT file is stable
		uris, ok := documentVerifiers[api.URN]
		if !ok {
			continue
		}
		for _, fn := range rs {
			if arn, ok := fn.Outputs["invokeArn"]; ok && fn.Type == "aws:lambda/function:Function" &&
				slices.Contains(uris, arn.StringValue()) {
				fmt.Fprintf(w, "  %s -> %s [color=\"#b45309\", penwidth=2.2, label=\"verify token\", fontcolor=\"#b45309\", fontsize=9];\n",
					node(api), node(fn))
			}
		}
	}
	for _, r := range rs {
		if r.Type != "aws:apigateway/authorizer:Authorizer" || r.Str("authorizerUri") == "" {
			continue
		}
		for _, fn := range rs {
			if arn, ok := fn.Outputs["invokeArn"]; ok && fn.Type == "aws:lambda/function:Function" &&
				arn.StringValue() == r.Str("authorizerUri") && verifiers[arn.StringValue()] {
				fmt.Fprintf(w, "  %s -> %s [color=\"#b45309\", penwidth=2.2, label=\"verify token\", fontcolor=\"#b45309\", fontsize=9];\n",
					node(r), node(fn))
			}
		}
	}
	prev := "client"
	for _, hop := range requestPath {
		var ids []string
		seen := map[string]bool{}
		for _, r := range rs {
			if onPath(r, hop.typ) && !seen[node(r)] {
				seen[node(r)] = true
				ids = append(ids, node(r))
			}
		}
		if len(ids) == 0 {
			continue
		}
		for _, id := range ids {
			fmt.Fprintf(w, "  %s -> %s [color=\"#1d4ed8\", penwidth=2.2, label=%q, fontcolor=\"#1d4ed8\", fontsize=9];\n",
				prev, id, hop.label)
		}
		prev = ids[0]
	}
	fmt.Fprintln(w, "}")
}

// RenderDOT turns a .dot file into .svg and .png beside it when Graphviz's dot is installed. It returns the files
// written, or nil when dot is not installed.
func RenderDOT(dotFile string) ([]string, error) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return nil, nil
	}
	base := strings.TrimSuffix(dotFile, ".dot")
	var written []string
	for _, format := range []string{"svg", "png"} {
		out := base + "." + format
		cmd := exec.Command(dot, "-T"+format, "-o", out, dotFile)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return written, fmt.Errorf("render %s: %w", out, err)
		}
		written = append(written, out)
	}
	return written, nil
}

func shortType(t string) string {
	if i := strings.LastIndex(t, ":"); i >= 0 {
		return t[i+1:]
	}
	return t
}

func dotID(s string) string {
	var b strings.Builder
	b.WriteString("n_")
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
