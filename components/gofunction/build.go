package gofunction

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// zipEpoch is the timestamp every zip entry carries: the earliest a zip (DOS) date can say, so nothing about the
// build machine or time leaks into the artifact and rebuilds are byte-identical.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// BuildOptions says what to build and where to cache it.
type BuildOptions struct {
	// SourceDir is the directory of the function's main package. Required.
	SourceDir string
	// Architecture is "arm64" or "x86_64". Required.
	Architecture string
	// CacheDir holds built zips by fingerprint. Required.
	CacheDir string
}

// Artifact is a built function.
type Artifact struct {
	// ZipPath is the deployment package.
	ZipPath string
	// SHA256 is the zip's SHA-256, base64-encoded as Lambda's source_code_hash expects.
	SHA256 string
	// Fingerprint identifies the inputs the zip was built from.
	Fingerprint string
	// Cached says the zip came from the cache without running the compiler.
	Cached bool
}

// Build returns the deployment zip for opts, compiling only when no zip exists for the current fingerprint.
func Build(ctx context.Context, opts BuildOptions) (Artifact, error) {
	goarch, err := goArch(opts.Architecture)
	if err != nil {
		return Artifact{}, err
	}
	dir, err := filepath.Abs(opts.SourceDir)
	if err != nil {
		return Artifact{}, fmt.Errorf("build Go function: %w", err)
	}
	fp, err := Fingerprint(ctx, dir, goarch)
	if err != nil {
		return Artifact{}, err
	}
	out := filepath.Join(opts.CacheDir, fp[:32], "function.zip")
	if sum, err := fileSHA256(out); err == nil {
		return Artifact{ZipPath: out, SHA256: sum, Fingerprint: fp, Cached: true}, nil
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o750); err != nil {
		return Artifact{}, fmt.Errorf("build Go function: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "build-")
	if err != nil {
		return Artifact{}, fmt.Errorf("build Go function: %w", err)
	}
	defer func() { _ = os.RemoveAll(tmp) }() // best effort: a leftover temp dir in the cache is harmless
	bin := filepath.Join(tmp, "bootstrap")
	if err := compile(ctx, dir, goarch, bin); err != nil {
		return Artifact{}, err
	}
	zipTmp := filepath.Join(tmp, "function.zip")
	if err := ZipBootstrap(bin, zipTmp); err != nil {
		return Artifact{}, err
	}
	// Rename is atomic: a concurrent build of the same fingerprint leaves one complete, identical zip.
	if err := os.Rename(zipTmp, out); err != nil {
		return Artifact{}, fmt.Errorf("build Go function: %w", err)
	}
	sum, err := fileSHA256(out)
	if err != nil {
		return Artifact{}, err
	}
	return Artifact{ZipPath: out, SHA256: sum, Fingerprint: fp}, nil
}

func goArch(arch string) (string, error) {
	switch arch {
	case "arm64":
		return "arm64", nil
	case "x86_64":
		return "amd64", nil
	}
	return "", fmt.Errorf("Architecture: %q is not allowed; allowed: arm64, x86_64", arch)
}

// buildEnv is the environment every go command here runs with: the Lambda target, no cgo, no VCS stamping. It
// replaces the caller's GOFLAGS rather than extending them: a flag there (-gcflags, -tags, -ldflags) would change
// the binary without changing its fingerprint, and a cached zip would then not be what a fresh build makes.
func buildEnv(goarch string) []string {
	return append(os.Environ(), "GOOS=linux", "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false")
}

// buildFlags are part of the fingerprint: changing them must rebuild.
var buildFlags = []string{"-trimpath", "-tags", "lambda.norpc", "-ldflags", "-s -w -buildid="}

func compile(ctx context.Context, dir, goarch, out string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return errors.New("build Go function: the go toolchain is not on PATH; install Go to deploy Go functions")
	}
	args := append([]string{"build"}, buildFlags...)
	args = append(args, "-o", out, ".")
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = buildEnv(goarch)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build Go function in %s: go build failed (%v):\n%s", dir, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// Fingerprint hashes everything the binary is made from: the toolchain version, the target, the build flags, go.mod
// and go.sum (which pin every external dependency), and the files of each main-module package the function imports.
// Editing an unrelated package of the module does not change it.
func Fingerprint(ctx context.Context, dir, goarch string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("build Go function: the go toolchain is not on PATH; install Go to deploy Go functions")
	}
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, goBin, args...)
		cmd.Dir = dir
		cmd.Env = buildEnv(goarch)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("build Go function in %s: go %s failed (%v):\n%s", dir, args[0], err,
				strings.TrimSpace(stderr.String()))
		}
		return string(out), nil
	}
	env, err := run("env", "GOVERSION", "GOMOD")
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSpace(env), "\n")
	if len(lines) != 2 || lines[1] == "" || lines[1] == os.DevNull {
		return "", fmt.Errorf("build Go function in %s: not inside a Go module", dir)
	}
	goVersion, goMod := lines[0], lines[1]
	listing, err := run("list", "-deps", "-tags", "lambda.norpc", "-f",
		`{{if and .Module .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{end}}`,
		".")
	if err != nil {
		return "", err
	}
	files := strings.Fields(listing)
	files = append(files, goMod, filepath.Join(filepath.Dir(goMod), "go.sum"))
	sort.Strings(files)
	root := filepath.Dir(goMod)

	h := sha256.New()
	fmt.Fprintf(h, "go=%s\ngoarch=%s\nflags=%q\n", goVersion, goarch, buildFlags)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) && strings.HasSuffix(f, "go.sum") {
			continue // a module without dependencies has no go.sum
		}
		if err != nil {
			return "", fmt.Errorf("build Go function: %w", err)
		}
		rel, _ := filepath.Rel(root, f)
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %x\n", filepath.ToSlash(rel), sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ZipBootstrap writes a zip holding bin as "bootstrap", executable, with a fixed timestamp: the same binary always
// gives the same bytes.
func ZipBootstrap(bin, out string) error {
	src, err := os.Open(bin)
	if err != nil {
		return fmt.Errorf("zip Go function: %w", err)
	}
	defer func() { _ = src.Close() }() // read-only: closing cannot lose data
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("zip Go function: %w", err)
	}
	zw := zip.NewWriter(f)
	hdr := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate, Modified: zipEpoch}
	hdr.SetMode(0o755) // also marks the entry as made on Unix, so Lambda sees the executable bit
	w, err := zw.CreateHeader(hdr)
	if err == nil {
		_, err = io.Copy(w, src)
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("zip Go function: %w", err)
	}
	return nil
}

func fileSHA256(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return base64.StdEncoding.EncodeToString(sum[:]), nil
}
