package e2e

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Program is one Pulumi program e2e deploys.
type Program struct {
	// Dir is the program's folder, relative to the project root ("." for the project itself).
	Dir string
	// Stack is the stack deployed; its config is Dir/Pulumi.<Stack>.yaml when that exists.
	Stack string
	// Config adds keys to the stack's config (after the local stack's aws:* keys): what moto needs created first,
	// or which stack to reference. ref gives the fully qualified name of another program's stack.
	Config func(ctx context.Context, moto *Moto, ref func(dir string) string) (map[string]any, error)
	// Platform marks a program others reference: it stays deployed until they are destroyed.
	Platform bool
	// After names the platform program this one references; it runs while that one is up.
	After string
	// Label names the program in the report when its folder does not (the route-count probe's stacks).
	Label string
}

// Name is how the report names the program: "local" for the project's stack, else its folder.
func (p Program) Name() string {
	if p.Label != "" {
		return p.Label
	}
	if p.Dir == "." {
		return p.Stack
	}
	return p.Dir
}

// Programs are the local stack and every example. examples/second-team references the local stack as its platform.
var Programs = []Program{
	{Dir: ".", Stack: "local", Platform: true},
	{Dir: "examples/second-team", Stack: "prod", After: ".",
		Config: func(_ context.Context, _ *Moto, ref func(string) string) (map[string]any, error) {
			return map[string]any{"orders-api:platformStack": ref(".")}, nil
		}},
	{Dir: "examples/minimal", Stack: "dev"},
	{Dir: "examples/private", Stack: "dev", Config: privateNetwork},
	{Dir: "examples/yaml", Stack: "dev"},
}

// Result is one program's run.
type Result struct {
	Program   string
	Resources int // in the state after up, the stack included
	Steps     []Step
	Err       error
}

// Step is one pulumi command.
type Step struct {
	Name     string // up, preview, destroy
	Seconds  float64
	APIWrite int // API Gateway write calls moto received during it
}

// Main runs e2e with the command line's arguments; it returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("e2e", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("only", "", "comma-separated programs to run (local, examples/minimal, ...); default: all")
	logs := fs.String("logs", "", "folder for each command's output and moto's log (default: a temporary folder)")
	routes := fs.String("routes", "", "comma-separated route counts: deploy the route-count probe "+
		"(internal/e2e/scale) at each instead of the programs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, tool := range []string{"pulumi", "moto_server"} {
		if _, err := exec.LookPath(tool); err != nil {
			_, _ = fmt.Fprintf(stdout, "make e2e: no %s on PATH, so nothing was deployed (docs/local-aws.md "+
				"says what it needs)\n", tool)
			return 0
		}
	}
	programs := Programs
	if *routes != "" {
		var err error
		if programs, err = scalePrograms(*routes); err != nil {
			_, _ = fmt.Fprintln(stderr, "make e2e:", err)
			return 2
		}
	}
	if *only != "" {
		var err error
		if programs, err = selectPrograms(strings.Split(*only, ",")); err != nil {
			_, _ = fmt.Fprintln(stderr, "make e2e:", err)
			return 2
		}
	}
	root, err := projectRoot()
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "make e2e:", err)
		return 2
	}
	work := *logs
	if work == "" {
		if work, err = os.MkdirTemp("", "secure-apigw-e2e-"); err != nil {
			_, _ = fmt.Fprintln(stderr, "make e2e:", err)
			return 1
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results, err := Run(ctx, root, work, programs, stdout)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "make e2e:", err)
		return 1
	}
	_, _ = fmt.Fprint(stdout, Report(results))
	_, _ = fmt.Fprintf(stdout, "logs: %s\n", work)
	for _, r := range results {
		if r.Err != nil {
			return 1
		}
	}
	return 0
}

// scalePrograms is the route-count probe at each count of list ("10,160").
func scalePrograms(list string) ([]Program, error) {
	var out []Program
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 300 {
			return nil, fmt.Errorf("-routes: %q is not a route count from 1 to 300", f)
		}
		out = append(out, Program{Dir: "internal/e2e/scale", Stack: fmt.Sprintf("routes-%d", n),
			Label: fmt.Sprintf("scale, %d routes", n),
			Config: func(context.Context, *Moto, func(string) string) (map[string]any, error) {
				return map[string]any{"aws:region": "eu-west-1", "e2e-scale:routes": n}, nil
			}})
	}
	return out, nil
}

func selectPrograms(names []string) ([]Program, error) {
	var out []Program
	var known []string
	for _, p := range Programs {
		known = append(known, p.Name())
	}
	for _, n := range names {
		i := slices.IndexFunc(Programs, func(p Program) bool { return p.Name() == strings.TrimSpace(n) })
		if i < 0 {
			return nil, fmt.Errorf("-only: %q is not a program; allowed: %s", n, strings.Join(known, ", "))
		}
		out = append(out, Programs[i])
	}
	// A program that references a platform needs it deployed first.
	for _, p := range out {
		if p.After != "" && !slices.ContainsFunc(out, func(q Program) bool { return q.Dir == p.After }) {
			i := slices.IndexFunc(Programs, func(q Program) bool { return q.Dir == p.After })
			out = append([]Program{Programs[i]}, out...)
		}
	}
	return out, nil
}

func projectRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "Pulumi.local.yaml")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("run it from the project (no Pulumi.local.yaml above %s)", dir)
		}
	}
}

// Report is the per-program table.
func Report(results []Result) string {
	var b strings.Builder
	b.WriteString("\nprogram               resources   up s (writes)   preview s   destroy s (writes)   result\n")
	for _, r := range results {
		cell := map[string]string{"up": "-", "preview": "-", "destroy": "-"}
		for _, s := range r.Steps {
			if s.Name == "preview" {
				cell[s.Name] = fmt.Sprintf("%.1f", s.Seconds)
			} else {
				cell[s.Name] = fmt.Sprintf("%.1f (%d)", s.Seconds, s.APIWrite)
			}
		}
		result := "ok: up, empty second preview, nothing left"
		if r.Err != nil {
			result = "FAILED: " + r.Err.Error()
		}
		fmt.Fprintf(&b, "%-22s %9d   %-15s %-11s %-20s %s\n", r.Program, r.Resources, cell["up"], cell["preview"],
			cell["destroy"], result)
	}
	return b.String()
}
