package gofunction_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// module writes a tiny self-contained Go module: a main package importing one helper package, plus a package the
// function does not import.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "go.mod", "module example.com/fn\n\ngo 1.22\n")
	write(t, dir, "cmd/fn/main.go", "package main\n\nimport \"example.com/fn/greet\"\n\nfunc main() { println(greet.Hello()) }\n")
	write(t, dir, "greet/greet.go", "package greet\n\nfunc Hello() string { return \"hello\" }\n")
	write(t, dir, "unused/unused.go", "package unused\n\nconst X = 1\n")
	return dir
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func build(t *testing.T, src, cache string) gofunction.Artifact {
	t.Helper()
	a, err := gofunction.Build(context.Background(), gofunction.BuildOptions{
		SourceDir: src, Architecture: "arm64", CacheDir: cache,
	})
	require.NoError(t, err)
	return a
}

func TestZipIsByteIdenticalAcrossRebuilds(t *testing.T) {
	src := filepath.Join(module(t), "cmd", "fn")
	first := build(t, src, t.TempDir())
	second := build(t, src, t.TempDir()) // a fresh cache: the compiler really runs again
	assert.False(t, first.Cached)
	assert.False(t, second.Cached)
	a, err := os.ReadFile(first.ZipPath)
	require.NoError(t, err)
	b, err := os.ReadFile(second.ZipPath)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "two builds of the same sources must give the same bytes")
	assert.Equal(t, first.SHA256, second.SHA256)

	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	require.NoError(t, err)
	require.Len(t, zr.File, 1)
	f := zr.File[0]
	assert.Equal(t, "bootstrap", f.Name)
	assert.Equal(t, os.FileMode(0o755), f.Mode().Perm(), "Lambda needs the executable bit")
	assert.True(t, f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)), f.Modified.String())
	rc, err := f.Open()
	require.NoError(t, err)
	defer func() { _ = rc.Close() }()
	head := make([]byte, 20)
	_, err = rc.Read(head)
	require.NoError(t, err)
	assert.Equal(t, []byte("\x7fELF"), head[:4])
	assert.Equal(t, byte(0xb7), head[18], "ELF machine must be aarch64 (arm64)")
}

func TestRebuildsOnlyWhenTheSourcesChange(t *testing.T) {
	mod := module(t)
	src := filepath.Join(mod, "cmd", "fn")
	cache := t.TempDir()
	first := build(t, src, cache)

	again := build(t, src, cache)
	assert.True(t, again.Cached, "unchanged sources are not rebuilt")
	assert.Equal(t, first.SHA256, again.SHA256)

	write(t, mod, "unused/unused.go", "package unused\n\nconst X = 2\n")
	assert.True(t, build(t, src, cache).Cached, "a package the function does not import is not a source")

	write(t, mod, "greet/greet.go", "package greet\n\nfunc Hello() string { return \"bonjour\" }\n")
	changed := build(t, src, cache)
	assert.False(t, changed.Cached, "an imported package changed")
	assert.NotEqual(t, first.Fingerprint, changed.Fingerprint)
	assert.NotEqual(t, first.SHA256, changed.SHA256)

	// The fingerprint alone shows the target is part of it; a full x86_64 build would compile the runtime for a
	// second target (about 10 s of a cold run) to show nothing more.
	x86, err := gofunction.Fingerprint(context.Background(), src, "amd64")
	require.NoError(t, err)
	assert.NotEqual(t, changed.Fingerprint, x86, "the target is part of the fingerprint")
}

func TestBuildFailureNamesTheCompilerError(t *testing.T) {
	mod := module(t)
	write(t, mod, "greet/greet.go", "package greet\n\nfunc Hello() string { return 42 }\n")
	_, err := gofunction.Build(context.Background(), gofunction.BuildOptions{
		SourceDir: filepath.Join(mod, "cmd", "fn"), Architecture: "arm64", CacheDir: t.TempDir(),
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "go build failed")
	assert.Contains(t, err.Error(), "greet.go")
}

func evaluate(t *testing.T, args *gofunction.Args) (*mockengine.Engine, error) {
	t.Helper()
	return mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := gofunction.New(ctx, "orders", args)
		return err
	})
}

func TestFunctionIsLeastPrivilegeAndTraced(t *testing.T) {
	src := filepath.Join(module(t), "cmd", "fn")
	cache := t.TempDir()
	e, err := evaluate(t, &gofunction.Args{SourceDir: src, BuildCacheDir: cache, Protect: true,
		LogKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")})
	require.NoError(t, err)
	assert.Empty(t, e.OwnershipProblems("secure-apigw:lambda:GoFunction", "orders"))

	fn := e.Named("aws:lambda/function:Function", "orders-function")
	require.NotNil(t, fn)
	assert.Equal(t, "provided.al2023", fn.Str("runtime"))
	assert.Equal(t, "bootstrap", fn.Str("handler"))
	assert.Equal(t, "arm64", fn.Str("architectures.0"))
	assert.Equal(t, "Active", fn.Str("tracingConfig.mode"))
	assert.Equal(t, "JSON", fn.Str("loggingConfig.logFormat"))
	logs := e.Named("aws:cloudwatch/logGroup:LogGroup", "orders-logs")
	assert.Equal(t, logs.Outputs["name"].StringValue(), fn.Str("loggingConfig.logGroup"))
	days, _ := logs.Num("retentionInDays")
	assert.Equal(t, 365.0, days)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/k", logs.Str("kmsKeyId"))
	assert.True(t, logs.Protect)
	assert.True(t, logs.RetainOnDelete)

	artifact := build(t, src, cache)
	assert.True(t, artifact.Cached, "New built into the same cache")
	assert.Equal(t, artifact.SHA256, fn.Str("sourceCodeHash"))

	role := e.Named("aws:iam/role:Role", "orders-role")
	assert.Contains(t, role.Str("assumeRolePolicy"), "lambda.amazonaws.com")
	policy := e.Named("aws:iam/rolePolicy:RolePolicy", "orders-role-policy")
	var doc struct {
		Statement []struct {
			Action   []string
			Resource string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(policy.Str("policy")), &doc))
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, []string{"logs:CreateLogStream", "logs:PutLogEvents"}, doc.Statement[0].Action)
	assert.Equal(t, logs.Outputs["arn"].StringValue()+":*", doc.Statement[0].Resource, "only its own log group")
	assert.NotContains(t, policy.Str("policy"), "logs:CreateLogGroup")
	assert.True(t, fn.DependsOn(policy), "the policy must exist before the first invocation logs")
}

func TestEnvironmentIsEncryptedWithTheGivenKey(t *testing.T) {
	src := filepath.Join(module(t), "cmd", "fn")
	e, err := evaluate(t, &gofunction.Args{SourceDir: src, BuildCacheDir: t.TempDir(),
		Environment:          pulumi.StringMap{"GREETING": pulumi.String("hello")},
		EnvironmentKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/e")})
	require.NoError(t, err)
	fn := e.Named("aws:lambda/function:Function", "orders-function")
	assert.Equal(t, "hello", fn.Str("environment.variables.GREETING"))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/e", fn.Str("kmsKeyArn"))

	// Lambda creates the grant that lets the execution role decrypt; the role's own policy stays as it was.
	policy := e.Named("aws:iam/rolePolicy:RolePolicy", "orders-role-policy")
	assert.NotContains(t, policy.Str("policy"), "kms:")
}

func TestInvalidArgsAreRefusedAndRegisterNothing(t *testing.T) {
	src := filepath.Join(module(t), "cmd", "fn")
	neg := -1
	tests := []struct {
		name string
		args *gofunction.Args
		want []string
	}{
		{"nil", nil, []string{"args are required"}},
		{"no source", &gofunction.Args{}, []string{"SourceDir: required"}},
		{"missing source", &gofunction.Args{SourceDir: "/nonexistent"}, []string{"SourceDir", "not a directory"}},
		{"architecture", &gofunction.Args{SourceDir: src, Architecture: "amd64"}, []string{"Architecture", "arm64, x86_64"}},
		{"memory", &gofunction.Args{SourceDir: src, MemoryMB: 64}, []string{"MemoryMB"}},
		{"timeout", &gofunction.Args{SourceDir: src, TimeoutSeconds: 901}, []string{"TimeoutSeconds"}},
		{"concurrency", &gofunction.Args{SourceDir: src, ReservedConcurrency: &neg}, []string{"ReservedConcurrency"}},
		{"log level", &gofunction.Args{SourceDir: src, LogLevel: "VERBOSE"}, []string{"LogLevel"}},
		{"retention", &gofunction.Args{SourceDir: src, LogRetentionDays: 10}, []string{"LogRetentionDays"}},
		{"key without variables", &gofunction.Args{SourceDir: src, EnvironmentKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/e")},
			[]string{"EnvironmentKmsKeyArn", "Environment"}},
		{"all at once", &gofunction.Args{SourceDir: src, MemoryMB: 1, TimeoutSeconds: -1}, []string{"MemoryMB", "TimeoutSeconds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := evaluate(t, tt.args)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources())
		})
	}
}

func TestBrokenSourceRegistersNothing(t *testing.T) {
	mod := module(t)
	write(t, mod, "cmd/fn/main.go", "package main\n\nfunc main() { undefined() }\n")
	e, err := evaluate(t, &gofunction.Args{SourceDir: filepath.Join(mod, "cmd", "fn"), BuildCacheDir: t.TempDir()})
	require.ErrorContains(t, err, "undefined")
	assert.Empty(t, e.Resources())
}
