package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"
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
	Left      int // resources in the state after destroy
	Err       error
}

// Step is one pulumi command.
type Step struct {
	Name     string // up, preview, destroy
	Seconds  float64
	APIWrite int    // API Gateway write calls moto received during it
	Output   string // the command's combined output, for the log file
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
			_, _ = fmt.Fprintf(stdout, "make e2e: no %s on PATH, so nothing was deployed (README: \"Deployed for real\" "+
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
	r.Left = left
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
	s := Step{Name: name, Seconds: time.Since(t0).Seconds(), APIWrite: APIGatewayWrites(d.moto.LogSince(from)),
		Output: out}
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

// stackConfig is dir's own Pulumi.<stack>.yaml config (none: the region only) with the local stack's aws:* keys.
func stackConfig(dir, stack string, local map[string]any) (map[string]any, error) {
	cfg := map[string]any{}
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi."+stack+".yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		var doc struct {
			Config map[string]any `yaml:"config"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "Pulumi."+stack+".yaml"), err)
		}
		cfg = doc.Config
		if cfg == nil {
			cfg = map[string]any{}
		}
	}
	for k, v := range local {
		if k == "aws:region" {
			if _, own := cfg[k]; own {
				continue
			}
		}
		if strings.HasPrefix(k, "aws:") {
			cfg[k] = v
		}
	}
	return cfg, nil
}

// localAWSConfig is Pulumi.local.yaml's config with every endpoint moved from port 5000 to port.
func localAWSConfig(root string, port int) (map[string]any, error) {
	raw, err := os.ReadFile(filepath.Join(root, "Pulumi.local.yaml"))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("Pulumi.local.yaml: %w", err)
	}
	endpoints, _ := doc.Config["aws:endpoints"].([]any)
	for _, e := range endpoints {
		m, _ := e.(map[string]any)
		for svc, url := range m {
			if s, ok := url.(string); ok {
				m[svc] = strings.Replace(s, "127.0.0.1:5000", fmt.Sprintf("127.0.0.1:%d", port), 1)
			}
		}
	}
	return doc.Config, nil
}

func writeConfig(path string, cfg map[string]any) error {
	b, err := yaml.Marshal(map[string]any{"config": cfg})
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

func projectName(dir string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return "", err
	}
	var doc struct {
		Name string `yaml:"name"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return "", err
	}
	return doc.Name, nil
}

// Moto is moto_server as `make moto` runs it, on a free loopback port, its request log in a file.
type Moto struct {
	Port int
	URL  string
	cmd  *exec.Cmd
	log  string
}

// StartMoto runs scripts/moto.sh on a free loopback port and waits until moto answers.
func StartMoto(ctx context.Context, root, logFile string) (*Moto, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return nil, err
	}
	f, err := os.Create(logFile) //nolint:gosec // the run's own log file
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "moto.sh")) //nolint:gosec // the project's own script
	cmd.Env = append(os.Environ(), fmt.Sprintf("MOTO_PORT=%d", port))
	cmd.Stdout, cmd.Stderr = f, f // werkzeug logs every request to stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	m := &Moto{Port: port, URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, log: logFile}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(m.URL + "/moto-api/") //nolint:gosec,noctx // loopback, a readiness probe
		if err == nil {
			_ = resp.Body.Close()
			return m, nil
		}
		if time.Now().After(deadline) {
			m.Stop()
			return nil, fmt.Errorf("moto did not answer on %s within a minute (log: %s)", m.URL, logFile)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Stop ends moto (moto.sh stops moto_server on SIGTERM).
func (m *Moto) Stop() {
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	_ = m.cmd.Wait()
}

// Lines is how many lines moto's log has now.
func (m *Moto) Lines() int {
	b, _ := os.ReadFile(m.log)
	return bytes.Count(b, []byte("\n"))
}

// LogSince returns the log's lines after the first n.
func (m *Moto) LogSince(n int) string {
	b, _ := os.ReadFile(m.log)
	lines := strings.SplitAfter(string(b), "\n")
	if n > len(lines) {
		return ""
	}
	return strings.Join(lines[n:], "")
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
