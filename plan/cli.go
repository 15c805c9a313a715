package plan

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// Exit codes of `plan`.
const (
	ExitOK       = 0
	ExitFailed   = 1 // a mandatory baseline rule failed
	ExitRefused  = 2 // the command line, the stack config or the policy config was refused
	ExitErrored  = 3 // the program failed for another reason (e.g. the backend does not compile)
	usageMessage = `usage: go run . plan <stack> [--json FILE] [--graph FILE] [--dashboard FILE] [--policy-config FILE] [--list-policies]

Evaluates the stack offline (no AWS account, no Pulumi CLI) and prints what it would create and the security
baseline. Exit codes: 0 clean, 1 a baseline rule failed, 2 input refused, 3 the program failed.
`
)

// Serve is a Pulumi program's main: `go run . plan <stack>` plans program offline, anything else runs it under the
// Pulumi engine (`pulumi up`). The examples' main.go and a team's own program use it the same way.
func Serve(program pulumi.RunFunc) {
	if len(os.Args) > 1 && os.Args[1] == "plan" {
		os.Exit(MainFor(program, os.Args[2:], os.Stdout, os.Stderr))
	}
	pulumi.Run(program)
}

// Main runs the plan command of this project's stacks with args (everything after "plan") and returns the exit
// code.
func Main(args []string, stdout, stderr io.Writer) int { return MainFor(nil, args, stdout, stderr) }

// MainFor is Main for program (nil: this project's stacks).
func MainFor(program pulumi.RunFunc, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usageMessage); fs.PrintDefaults() }
	jsonFile := fs.String("json", "", "also write the plan as JSON to `FILE` (schema in docs/plan.md)")
	graphFile := fs.String("graph", "", "also write the architecture as Graphviz DOT to `FILE` (and .svg/.png when dot is installed)")
	dashboardFile := fs.String("dashboard", "", "also draw the planned CloudWatch dashboard's layout as SVG to `FILE`")
	policyConfig := fs.String("policy-config", "", "policy config `FILE` (default policy/config.<stack>.json)")
	list := fs.Bool("list-policies", false, "list the baseline's policies and exit")
	stack, ok := stackArg(fs, args, stderr)
	if !ok {
		return ExitRefused
	}
	if *list {
		for _, r := range baseline.Rules() {
			fmt.Fprintf(stdout, "%s\n    %s\n", r.Name(), r.Description)
		}
		return ExitOK
	}
	if stack == "" || strings.HasPrefix(stack, "-") {
		fs.Usage()
		return ExitRefused
	}
	p, code := runInProject("plan", Options{Stack: stack, PolicyConfig: *policyConfig, Program: program}, stderr)
	if p == nil {
		return code
	}
	p.WriteText(stdout)
	if *jsonFile != "" {
		if err := writeFile(*jsonFile, p.WriteJSON); err != nil {
			fmt.Fprintln(stderr, "plan:", err)
			return ExitErrored
		}
		fmt.Fprintf(stdout, "Wrote the JSON plan to %s\n", *jsonFile)
	}
	if *graphFile != "" {
		if err := writeFile(*graphFile, func(w io.Writer) error { p.WriteDOT(w); return nil }); err != nil {
			fmt.Fprintln(stderr, "plan:", err)
			return ExitErrored
		}
		rendered, err := RenderDOT(*graphFile)
		if err != nil {
			fmt.Fprintln(stderr, "plan:", err)
			return ExitErrored
		}
		fmt.Fprintf(stdout, "Wrote the architecture graph to %s", *graphFile)
		if len(rendered) > 0 {
			fmt.Fprintf(stdout, " (rendered: %s)", strings.Join(rendered, ", "))
		} else {
			fmt.Fprint(stdout, " (install Graphviz to render it: apt-get install graphviz)")
		}
		fmt.Fprintln(stdout)
	}
	if *dashboardFile != "" {
		if err := writeFile(*dashboardFile, p.WriteDashboardSVG); err != nil {
			fmt.Fprintln(stderr, "plan:", err)
			return ExitErrored
		}
		fmt.Fprintf(stdout, "Wrote the dashboard's layout to %s\n", *dashboardFile)
	}
	fmt.Fprintf(stdout, "Planned in %.2fs.\n", p.Elapsed.Seconds())
	if p.Failed() {
		return ExitFailed
	}
	return ExitOK
}

// stackArg parses args with fs, the stack before or after the flags. ok is false when the arguments are refused.
func stackArg(fs *flag.FlagSet, args []string, stderr io.Writer) (stack string, ok bool) {
	if err := fs.Parse(args); err != nil {
		return "", false
	}
	if fs.NArg() == 0 {
		return "", true
	}
	stack = fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected arguments %q\n", fs.Name(), fs.Args())
		return "", false
	}
	return stack, true
}

// runInProject plans opts.Stack in the project around the working directory. On failure the plan is nil and the
// exit code says why: the input was refused, or the program failed.
func runInProject(cmd string, opts Options, stderr io.Writer) (*Plan, int) {
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return nil, ExitErrored
	}
	if opts.Root, err = FindRoot(cwd); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return nil, ExitRefused
	}
	p, err := Run(context.Background(), opts)
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		fmt.Fprintf(stderr, "%s: refused: %v\n", cmd, refused)
		return nil, ExitRefused
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return nil, ExitErrored
	}
	return p, ExitOK
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close() // the write's error is the one to report
		return err
	}
	return f.Close()
}
