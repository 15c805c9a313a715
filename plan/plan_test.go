package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func root(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs("..")
	require.NoError(t, err)
	return r
}

// toolchainDependent masks what legitimately differs between Go toolchains: the backend zip's hash.
var toolchainDependent = regexp.MustCompile(`"sourceCodeHash": "[^"]*"`)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./plan -update")
	assert.Equal(t, string(want), string(got), "plan output changed; if intended, run: go test ./plan -update")
}

func TestDevPlanMatchesGoldenFiles(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: root(t), Stack: "dev"})
	require.NoError(t, err)
	var text, js bytes.Buffer
	p.WriteText(&text)
	require.NoError(t, p.WriteJSON(&js))
	golden(t, "dev.txt", text.Bytes())
	golden(t, "dev.json", toolchainDependent.ReplaceAll(js.Bytes(), []byte(`"sourceCodeHash": "<toolchain-dependent>"`)))
	assert.False(t, p.Failed())
}

func TestJSONFollowsTheDocumentedSchema(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: root(t), Stack: "prod"})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, p.WriteJSON(&buf))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, 1.0, doc["schemaVersion"])
	for _, k := range []string{"project", "stack", "region", "resources", "outputs", "baseline", "countsByType"} {
		assert.Contains(t, doc, k)
	}
	resources := doc["resources"].([]any)
	assert.Len(t, resources, 86)
	for _, r := range resources {
		m := r.(map[string]any)
		for _, k := range []string{"urn", "type", "name", "custom", "inputs", "dependencies", "options"} {
			assert.Contains(t, m, k)
		}
	}
	api := doc["documents"].(map[string]any)["gateway-api-api"].(map[string]any)
	assert.Equal(t, "3.0.3", api["openapi"], "the JSON carries each REST API's OpenAPI document: the stack's contract")
	get := api["paths"].(map[string]any)["/items"].(map[string]any)["get"].(map[string]any)
	assert.Equal(t, "${gateway-backend-function.invokeArn}", get["x-amazon-apigateway-integration"].(map[string]any)["uri"])
	bl := doc["baseline"].(map[string]any)
	assert.Equal(t, true, bl["passed"])
	for _, r := range bl["results"].([]any) {
		m := r.(map[string]any)
		for _, k := range []string{"policy", "ids", "status", "enforcementLevel", "description"} {
			assert.Contains(t, m, k)
		}
	}
	assert.NotContains(t, buf.String(), "123456789012", "synthetic account ids are shown symbolically")
	assert.Equal(t, "[secret]", doc["outputs"].(map[string]any)["partnerClientSecret"], "secret outputs are never printed")
	for _, r := range p.Engine.ByType("aws:cognito/userPoolClient:UserPoolClient") {
		if secret, ok := r.Outputs["clientSecret"]; ok {
			assert.NotContains(t, buf.String(), secret.StringValue())
		}
	}
}

// project makes a throwaway project: the real Pulumi.yaml and functions, and a stack file from yaml (its backend by
// absolute path, so a case can point it elsewhere).
func project(t *testing.T, stack, yaml string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(root(t), "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), data, 0o644))
	// The functions are the real ones, as in a checkout.
	require.NoError(t, os.Symlink(filepath.Join(root(t), "functions"), filepath.Join(dir, "functions")))
	yaml = strings.ReplaceAll(yaml, "BACKEND", filepath.Join(root(t), "functions", "backend"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+stack+".yaml"), []byte(yaml), 0o644))
	return dir
}

// stackYAML is a stack that meets every rule at its default strength (TRACING is the switch cases flip).
const stackYAML = `config:
  aws:region: eu-west-1
  secure-apigw:gateway:
    environment: dev
    tracing: TRACING
    logs: {retentionDays: 365, kmsEncryption: true}
    protectStatefulResources: true
    backend: {sourceDir: BACKEND, reservedConcurrency: 10}
    auth: {userPool: {tier: PLUS, mfa: "ON", callbackUrls: ["https://app.example.com/callback"]}}
    monitoring: {notify: true}
`

func runMain(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := plan.Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	t.Run("0 clean", func(t *testing.T) {
		dir := project(t, "ok", strings.Replace(stackYAML, "TRACING", "true", 1))
		code, out, errOut := runMain(t, dir, "ok", "--json", filepath.Join(dir, "p.json"), "--graph", filepath.Join(dir, "g.dot"),
			"--dashboard", filepath.Join(dir, "d.svg"))
		assert.Equal(t, plan.ExitOK, code, errOut)
		assert.Contains(t, out, "Baseline clean, with no waivers.")
		assert.FileExists(t, filepath.Join(dir, "p.json"))
		svg, err := os.ReadFile(filepath.Join(dir, "d.svg"))
		require.NoError(t, err)
		assert.Contains(t, string(svg), "Errors (4XX, 5XX)", "the dashboard's layout, drawn from its body")
		dot, err := os.ReadFile(filepath.Join(dir, "g.dot"))
		require.NoError(t, err)
		assert.Contains(t, string(dot), "digraph")
		assert.Contains(t, string(dot), `label="backend"`, "the request path reaches the backend")
		assert.Contains(t, string(dot), `label="routes"`, "through the API's document")
		assert.Contains(t, string(dot), `label="verify token"`, "and its Lambda authorizer")
	})
	t.Run("1 weakened stack names the rule", func(t *testing.T) {
		dir := project(t, "weak", strings.Replace(stackYAML, "TRACING", "false", 1))
		code, out, _ := runMain(t, dir, "weak")
		assert.Equal(t, plan.ExitFailed, code)
		assert.Regexp(t, `FAIL\s+stage-xray-tracing\s+Security Hub APIGateway.3, CKV_AWS_73`, out)
		assert.Contains(t, out, "gateway-api-stage (aws:apigateway/stage:Stage)")
		assert.Contains(t, out, "Fix: set xrayTracingEnabled")
		assert.Contains(t, out, "BASELINE FAILED")
	})
	t.Run("1 environment variables on the AWS-managed key", func(t *testing.T) {
		weak := strings.Replace(stackYAML, "TRACING", "true", 1) + "    functions: {environmentKmsEncryption: false}\n"
		dir := project(t, "weak", weak)
		code, out, _ := runMain(t, dir, "weak")
		assert.Equal(t, plan.ExitFailed, code)
		assert.Regexp(t, `FAIL\s+lambda-environment-kms\s+CKV_AWS_173`, out)
		assert.Contains(t, out, "gateway-authorizer-function (aws:lambda/function:Function)")
	})
	t.Run("1 WAF switched off", func(t *testing.T) {
		dir := project(t, "weak", strings.Replace(stackYAML, "TRACING", "true", 1)+"    waf: {enabled: false}\n")
		code, out, _ := runMain(t, dir, "weak")
		assert.Equal(t, plan.ExitFailed, code, "switching the WAF off fails unless the stack writes a waiver")
		assert.Regexp(t, `FAIL\s+stage-waf-associated\s+cdk-nag APIG3, Security Hub APIGateway.4`, out)
	})
	t.Run("1 Log4j group left counting", func(t *testing.T) {
		dir := project(t, "weak", strings.Replace(stackYAML, "TRACING", "true", 1)+
			"    waf: {countOnly: [AWSManagedRulesKnownBadInputsRuleSet]}\n")
		code, out, _ := runMain(t, dir, "weak")
		assert.Equal(t, plan.ExitFailed, code)
		assert.Regexp(t, `FAIL\s+waf-log4j\s+CKV_AWS_192`, out)
	})
	t.Run("1 a new stack with weak settings and no policy config", func(t *testing.T) {
		weak := strings.Replace(strings.Replace(stackYAML, "TRACING", "true", 1), "retentionDays: 365", "retentionDays: 30", 1)
		weak = strings.Replace(weak, `mfa: "ON"`, `mfa: OPTIONAL`, 1)
		dir := project(t, "staging", weak)
		code, out, _ := runMain(t, dir, "staging")
		assert.Equal(t, plan.ExitFailed, code, "no policy file means every rule at its default, not the weakest")
		assert.Contains(t, out, "policy config: none (policy/config.staging.json does not exist): every rule at its default")
		assert.Regexp(t, `FAIL\s+log-group-retention`, out)
		assert.Regexp(t, `FAIL\s+user-pool-mfa`, out)
	})
	t.Run("2 --policy-config names a missing file", func(t *testing.T) {
		dir := project(t, "ok", strings.Replace(stackYAML, "TRACING", "true", 1))
		code, _, errOut := runMain(t, dir, "ok", "--policy-config", filepath.Join(dir, "policy", "typo.json"))
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, "typo.json")
	})
	t.Run("2 a lowered property without a reason", func(t *testing.T) {
		dir := project(t, "ok", strings.Replace(stackYAML, "TRACING", "true", 1))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "policy"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "policy", "config.ok.json"),
			[]byte(`{"log-group-retention--CKV_AWS_66--CKV_AWS_338": {"minimumDays": 1}}`), 0o644))
		code, _, errOut := runMain(t, dir, "ok")
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, `needs a written "reason"`)
	})
	t.Run("2 bad config names the key", func(t *testing.T) {
		bad := strings.Replace(strings.Replace(stackYAML, "TRACING", "true", 1), "retentionDays: 365", "retentionDays: 42", 1)
		dir := project(t, "bad", bad)
		code, _, errOut := runMain(t, dir, "bad")
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, "secure-apigw:gateway.logs.retentionDays")
	})
	t.Run("2 aws:region not a region, before anything is registered", func(t *testing.T) {
		bad := strings.Replace(strings.Replace(stackYAML, "TRACING", "true", 1), "aws:region: eu-west-1", "aws:region: mars-1", 1)
		dir := project(t, "bad", bad)
		code, _, errOut := runMain(t, dir, "bad")
		assert.Equal(t, plan.ExitRefused, code, errOut)
		assert.Contains(t, errOut, `aws:region: "mars-1" is not an AWS region`)
	})
	t.Run("2 unknown stack", func(t *testing.T) {
		code, _, errOut := runMain(t, root(t), "staging")
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, `stack "staging"`)
	})
	t.Run("2 waiver without a reason", func(t *testing.T) {
		dir := project(t, "ok", strings.Replace(stackYAML, "TRACING", "true", 1))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "policy"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "policy", "config.ok.json"),
			[]byte(`{"stage-xray-tracing--Security-Hub-APIGateway.3--CKV_AWS_73": "disabled"}`), 0o644))
		code, _, errOut := runMain(t, dir, "ok")
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, `needs a written "reason"`)
	})
	t.Run("2 usage", func(t *testing.T) {
		code, _, errOut := runMain(t, root(t))
		assert.Equal(t, plan.ExitRefused, code)
		assert.Contains(t, errOut, "usage: go run . plan <stack>")
	})
	t.Run("3 backend does not compile", func(t *testing.T) {
		dir := project(t, "ok", strings.Replace(stackYAML, "TRACING", "true", 1))
		broken := filepath.Join(t.TempDir(), "fn")
		require.NoError(t, os.MkdirAll(broken, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(broken, "go.mod"), []byte("module example.com/fn\n\ngo 1.22\n"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(broken, "main.go"), []byte("package main\n\nfunc main() { nope() }\n"), 0o644))
		yaml, err := os.ReadFile(filepath.Join(dir, "Pulumi.ok.yaml"))
		require.NoError(t, err)
		yaml = []byte(strings.Replace(string(yaml), filepath.Join(root(t), "functions", "backend"), broken, 1))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.ok.yaml"), yaml, 0o644))
		code, _, errOut := runMain(t, dir, "ok")
		assert.Equal(t, plan.ExitErrored, code)
		assert.Contains(t, errOut, "go build failed")
	})
}

func TestListPolicies(t *testing.T) {
	code, out, _ := runMain(t, root(t), "--list-policies")
	assert.Equal(t, plan.ExitOK, code)
	assert.Contains(t, out, "stage-access-logging--cdk-nag-APIG1--CKV_AWS_76")
}

func TestOpenAPICommandWritesAValidDocument(t *testing.T) {
	dir, project := t.TempDir(), root(t)
	client, full := filepath.Join(dir, "client.json"), filepath.Join(dir, "full.json")
	code, _, errOut := runOpenAPI(t, project, "dev", "--out", client)
	require.Equal(t, plan.ExitOK, code, errOut)
	code, _, errOut = runOpenAPI(t, project, "dev", "--aws-extensions", "--out", full)
	require.Equal(t, plan.ExitOK, code, errOut)
	for _, f := range []string{client, full} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NoError(t, restapi.ValidateDocument(data), f)
	}
	c, err := os.ReadFile(client)
	require.NoError(t, err)
	assert.NotContains(t, string(c), "x-amazon-apigateway-", "client teams get the contract, not API Gateway's wiring")
	assert.Contains(t, string(c), `"/partner/items"`)
	f, err := os.ReadFile(full)
	require.NoError(t, err)
	assert.Contains(t, string(f), `"uri": "${gateway-backend-function.invokeArn}"`)

	code, _, errOut = runOpenAPI(t, project, "staging")
	assert.Equal(t, plan.ExitRefused, code)
	assert.Contains(t, errOut, `stack "staging"`)
}

func runOpenAPI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := plan.OpenAPIMain(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// Another program (an example's, a team's own) is planned as the project's stacks are: its resources and the
// baseline, from its own config; its exports are not visible on the mock engine and the plan says so.
func TestAnotherProgramIsPlannedAndItsExportsAreNotInvented(t *testing.T) {
	program := func(ctx *pulumi.Context) error {
		g, err := cloudwatch.NewLogGroup(ctx, "plain", &cloudwatch.LogGroupArgs{})
		if err != nil {
			return err
		}
		ctx.Export("name", g.Name)
		return nil
	}
	p, err := plan.Run(context.Background(), plan.Options{Root: root(t), Stack: "dev", Program: program})
	require.NoError(t, err)
	require.Len(t, p.Engine.Resources(), 1)
	assert.Equal(t, "plain", p.Engine.Resources()[0].Name)
	assert.Nil(t, p.Outputs)
	assert.True(t, p.Failed(), "an unencrypted log group without retention fails log-group-kms and retention")
	var text bytes.Buffer
	p.WriteText(&text)
	assert.Contains(t, text.String(), "Outputs:\n    not read from this program: `pulumi preview` shows its exports\n")
	assert.NotContains(t, text.String(), "restApiId", "none of the project's stacks' exports")
}
