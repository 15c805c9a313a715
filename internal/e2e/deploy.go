package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Run deploys programs in order into one moto and one state backend under work, and returns a result per program.
// Platforms stay up until every program after them is done. An error is returned only when moto cannot start.
//
// The programs run from a copy of the working tree (its tracked and untracked, not ignored files) under work:
// `pulumi stack init` writes an encryption salt into the program's stack file, which must not land in the tree.
func Run(ctx context.Context, tree, work string, programs []Program, progress io.Writer) ([]Result, error) {
	root := filepath.Join(work, "project")
	if err := copyTree(ctx, tree, root); err != nil {
		return nil, fmt.Errorf("copy the working tree to %s: %w", root, err)
	}
	moto, err := StartMoto(ctx, root, filepath.Join(work, "moto.log"))
	if err != nil {
		return nil, err
	}
	defer moto.Stop()
	local, err := localAWSConfig(root, moto.Port)
	if err != nil {
		return nil, err
	}
	d := &deployer{root: root, work: work, moto: moto, progress: progress, env: append(os.Environ(),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(work, "state"), "PULUMI_CONFIG_PASSPHRASE=e2e",
		"PULUMI_SKIP_UPDATE_CHECK=1", "PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=1",
		"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_DEFAULT_REGION=eu-west-1")}
	if err := os.MkdirAll(filepath.Join(work, "state"), 0o750); err != nil {
		return nil, err
	}
	if _, err := d.pulumi(ctx, root, "login", "file://"+filepath.Join(work, "state")); err != nil {
		return nil, fmt.Errorf("pulumi login to the run's own state folder: %w", err)
	}
	results := make([]*Result, len(programs))
	open := map[string]int{} // platform dir -> index of its result, while it is up
	for i, p := range programs {
		r := &Result{Program: p.Name()}
		results[i] = r
		if p.After != "" {
			if _, up := open[p.After]; !up {
				r.Err = fmt.Errorf("its platform %s is not deployed", p.After)
				continue
			}
		}
		d.upAndPreview(ctx, p, local, r)
		switch {
		case r.Err == nil && p.Platform:
			open[p.Dir] = i
		default:
			d.destroy(ctx, p, r)
		}
		// A platform goes once nothing after it references it.
		for dir, at := range open {
			if !slices.ContainsFunc(programs[i+1:], func(q Program) bool { return q.After == dir }) {
				_, _ = fmt.Fprintf(d.progress, "== %s: destroyed now that nothing references it\n", programs[at].Name())
				d.destroy(ctx, programs[at], results[at])
				delete(open, dir)
			}
		}
	}
	out := make([]Result, len(results))
	for i, r := range results {
		out[i] = *r
	}
	return out, nil
}

type deployer struct {
	root, work string
	moto       *Moto
	env        []string
	progress   io.Writer
}

// ref is the fully qualified name of dir's stack in the run's backend (a DIY backend's organization is always
// "organization").
func (d *deployer) ref(dir string) string {
	for _, p := range Programs {
		if p.Dir == dir {
			name, err := projectName(filepath.Join(d.root, dir))
			if err != nil {
				return ""
			}
			return "organization/" + name + "/" + p.Stack
		}
	}
	return ""
}

func (d *deployer) configFile(p Program) string {
	return filepath.Join(d.work, strings.ReplaceAll(p.Name(), "/", "_")+".Pulumi."+p.Stack+".yaml")
}

func (d *deployer) upAndPreview(ctx context.Context, p Program, local map[string]any, r *Result) {
	dir := filepath.Join(d.root, p.Dir)
	cfg, err := stackConfig(dir, p.Stack, local)
	if err == nil && p.Config != nil {
		var extra map[string]any
		if extra, err = p.Config(ctx, d.moto, d.ref); err == nil {
			for k, v := range extra {
				cfg[k] = v
			}
		}
	}
	if err == nil {
		err = writeConfig(d.configFile(p), cfg)
	}
	if err != nil {
		r.Err = fmt.Errorf("stack config: %w", err)
		return
	}
	_, _ = fmt.Fprintf(d.progress, "== %s (stack %s)\n", p.Name(), p.Stack)
	if out, err := d.pulumi(ctx, dir, "stack", "init", p.Stack); err != nil && !strings.Contains(out, "already exists") {
		r.Err = fmt.Errorf("pulumi stack init: %w", err)
		return
	}
	file := "--config-file=" + d.configFile(p)
	if r.Err = d.step(ctx, p, r, "up", "up", "--yes", "--skip-preview", file); r.Err != nil {
		return
	}
	r.Resources, r.Err = d.stateSize(ctx, p)
	if r.Err != nil {
		return
	}
	r.Err = d.step(ctx, p, r, "preview", "preview", "--expect-no-changes", "--diff", file)
	if r.Err != nil {
		r.Err = fmt.Errorf("the second preview is not empty (the program and the provider disagree; see %s): %w",
			d.logName(p, "preview"), r.Err)
	}
}

func (d *deployer) destroy(ctx context.Context, p Program, r *Result) {
	err := d.step(ctx, p, r, "destroy", "destroy", "--yes", "--skip-preview", "--config-file="+d.configFile(p))
	left, serr := d.stateSize(ctx, p)
	switch {
	case err != nil:
		r.Err = errors.Join(r.Err, err)
	case serr != nil:
		r.Err = errors.Join(r.Err, serr)
	case left > 0:
		r.Err = errors.Join(r.Err, fmt.Errorf("destroy left %d resources in the state", left))
	}
}

// step runs one pulumi command on p's stack, timing it and counting moto's API Gateway writes during it.
func (d *deployer) step(ctx context.Context, p Program, r *Result, name string, args ...string) error {
	from := d.moto.Lines()
	t0 := time.Now()
	out, err := d.pulumi(ctx, filepath.Join(d.root, p.Dir), append(args, "--stack", p.Stack, "--non-interactive")...)
	s := Step{Name: name, Seconds: time.Since(t0).Seconds(), APIWrite: APIGatewayWrites(d.moto.LogSince(from))}
	r.Steps = append(r.Steps, s)
	_ = os.WriteFile(d.logName(p, name), []byte(out), 0o600)
	_, _ = fmt.Fprintf(d.progress, "   %-8s %6.1f s, %d API Gateway writes%s\n", name, s.Seconds, s.APIWrite, failed(err))
	if err != nil {
		return fmt.Errorf("pulumi %s: %w (output: %s)", name, err, d.logName(p, name))
	}
	return nil
}

func failed(err error) string {
	if err != nil {
		return ": FAILED"
	}
	return ""
}

func (d *deployer) logName(p Program, step string) string {
	return filepath.Join(d.work, strings.ReplaceAll(p.Name(), "/", "_")+"."+step+".out")
}

// stateSize is the number of resources in p's stack state (the stack resource included).
func (d *deployer) stateSize(ctx context.Context, p Program) (int, error) {
	out, err := d.pulumi(ctx, filepath.Join(d.root, p.Dir), "stack", "export", "--stack", p.Stack)
	if err != nil {
		return 0, fmt.Errorf("pulumi stack export: %w", err)
	}
	var state struct {
		Deployment struct {
			Resources []json.RawMessage `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal([]byte(out), &state); err != nil {
		return 0, fmt.Errorf("pulumi stack export: %w", err)
	}
	return len(state.Deployment.Resources), nil
}

func (d *deployer) pulumi(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "pulumi", args...)
	cmd.Dir = dir
	cmd.Env = d.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// copyTree copies the git working tree's files (tracked, and untracked but not ignored: what a commit would hold)
// from src to dst.
func copyTree(ctx context.Context, src, dst string) error {
	cmd := exec.CommandContext(ctx, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = src
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git ls-files (make e2e runs from a git checkout): %w", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		from := filepath.Join(src, rel)
		info, err := os.Stat(from)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree, not yet committed
		}
		if err != nil {
			return err
		}
		data, err := os.ReadFile(from) //nolint:gosec // the project's own files
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
			return err
		}
		if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil { //nolint:gosec // a path git listed, under dst
			return err
		}
	}
	return nil
}
