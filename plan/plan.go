package plan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/internal/stackconfig"
	"github.com/secure-apigw/secure-apigw/stacks"
)

// Options says which stack to plan.
type Options struct {
	// Root is the project directory (where Pulumi.yaml is).
	Root string
	// Stack is the stack name: Pulumi.<Stack>.yaml must exist.
	Stack string
	// PolicyConfig is the policy config file. Optional; defaults to <Root>/policy/config.<Stack>.json.
	PolicyConfig string
	// Program is the Pulumi program to plan, e.g. an example's or a team's own main. Optional; defaults to this
	// project's stacks (package stacks), whose outputs the plan shows; another program's outputs are not shown.
	Program pulumi.RunFunc
}

// Plan is an evaluated stack and its baseline.
type Plan struct {
	Project      string
	Stack        string
	Region       string
	PolicyConfig string // relative to Root when inside it
	// PolicyConfigFound is false when the stack has no policy config: every rule then runs at its default.
	PolicyConfigFound bool
	Engine            *mockengine.Engine
	// Outputs are the stack outputs, symbolic where only known after deploy; nil for an Options.Program, whose
	// ctx.Export calls the mock engine is not told of (the SDK's mocks drop RegisterResourceOutputs' values).
	Outputs map[string]any
	Results []baseline.Result
	// Elapsed is how long evaluating the program and the baseline took.
	Elapsed time.Duration
}

// RefusedError is input the plan refuses: a bad stack file, stack config or policy config. Exit code 2.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return e.Err.Error() }
func (e *RefusedError) Unwrap() error { return e.Err }

// Run evaluates the stack and its baseline.
func Run(ctx context.Context, opts Options) (*Plan, error) {
	start := time.Now()
	cfg, err := stackconfig.Load(opts.Root, opts.Stack)
	if err != nil {
		return nil, &RefusedError{err}
	}
	policyPath := opts.PolicyConfig
	if policyPath == "" {
		policyPath = filepath.Join(opts.Root, "policy", "config."+opts.Stack+".json")
	}
	// A stack without its policy config gets every rule at its default, the strictest; a file named on the command
	// line must exist, or a typo would do the same silently.
	policyCfg, err := baseline.LoadConfig(policyPath)
	found := err == nil
	switch {
	case errors.Is(err, os.ErrNotExist) && opts.PolicyConfig == "":
		policyCfg = baseline.Config{}
	case errors.Is(err, os.ErrNotExist):
		return nil, &RefusedError{fmt.Errorf("--policy-config %s does not exist", opts.PolicyConfig)}
	case err != nil:
		return nil, &RefusedError{err}
	}
	p := &Plan{Project: cfg.Project, Stack: opts.Stack, Region: cfg.Config["aws:region"], PolicyConfig: policyPath,
		PolicyConfigFound: found}
	if rel, err := filepath.Rel(opts.Root, policyPath); err == nil && filepath.IsLocal(rel) {
		p.PolicyConfig = filepath.ToSlash(rel)
	}
	p.Engine = mockengine.New(p.Region)
	var outputs mockengine.Captured
	err = p.Engine.Run(mockengine.Program{Project: cfg.Project, Stack: opts.Stack, Config: cfg.Config,
		SecretKeys: cfg.SecretKeys, RootDirectory: opts.Root}, func(ctx *pulumi.Context) error {
		if opts.Program != nil {
			return opts.Program(ctx)
		}
		s, err := stacks.Build(ctx)
		if err != nil {
			return err
		}
		for name, out := range s.Exports() {
			outputs.Capture(name, out)
		}
		return nil
	})
	var refused *stacks.ConfigError
	if errors.As(err, &refused) {
		return nil, &RefusedError{refused}
	}
	if err != nil {
		return nil, fmt.Errorf("evaluate stack %q: %w", opts.Stack, err)
	}
	if opts.Program == nil {
		p.Outputs = map[string]any{}
	}
	for k, v := range outputs.Redacted() {
		if s, ok := v.(string); ok {
			v = p.Engine.Symbolic(s)
		}
		p.Outputs[k] = v
	}
	if p.Results, err = baseline.Evaluate(ctx, p.Engine.AnalyzerResources(), policyCfg); err != nil {
		return nil, err
	}
	p.Elapsed = time.Since(start)
	return p, nil
}

// Failed reports whether a baseline rule failed.
func (p *Plan) Failed() bool { return baseline.Failed(p.Results) }

// FindRoot walks up from dir to the directory holding Pulumi.yaml.
func FindRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "Pulumi.yaml")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no Pulumi.yaml in %s or any parent: run the plan inside the project", dir)
		}
	}
}
