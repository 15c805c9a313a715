package main_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/secure-apigw/secure-apigw/baseline"
)

// The pack must work the way `pulumi preview --policy-pack ./policy` drives it: a plugin process that prints its
// port, then answers the analyzer protocol over gRPC. This test plays the engine's part.
func TestPackSpeaksTheAnalyzerProtocol(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "pack")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	port, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)

	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	client := pulumirpc.NewAnalyzerClient(conn)
	root, _ := filepath.Abs(".")
	_, err = client.Handshake(ctx, &pulumirpc.AnalyzerHandshakeRequest{RootDirectory: &root})
	require.NoError(t, err)
	_, err = client.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{
		Stack: "dev", Project: "secure-apigw", DryRun: true})
	require.NoError(t, err)

	info, err := client.GetAnalyzerInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, baseline.PackName, info.GetName())
	var names []string
	for _, p := range info.GetPolicies() {
		names = append(names, p.GetName())
	}
	for _, r := range baseline.Rules() {
		assert.Contains(t, names, r.Name())
	}

	props, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(map[string]any{
		"stageName": "dev", "xrayTracingEnabled": false, "clientCertificateId": "abc",
		"accessLogSettings": map[string]any{"destinationArn": "arn:aws:logs:x", "format": "{}"},
	}), plugin.MarshalOptions{})
	require.NoError(t, err)
	resp, err := client.Analyze(ctx, &pulumirpc.AnalyzeRequest{
		Type: "aws:apigateway/stage:Stage", Name: "api-stage", Properties: props,
		Urn: "urn:pulumi:dev::secure-apigw::aws:apigateway/stage:Stage::api-stage",
	})
	require.NoError(t, err)
	require.Len(t, resp.GetDiagnostics(), 1, "only the X-Ray rule fails for this stage")
	d := resp.GetDiagnostics()[0]
	assert.Equal(t, "stage-xray-tracing--Security-Hub-APIGateway.3--CKV_AWS_73", d.GetPolicyName())
	assert.Equal(t, pulumirpc.EnforcementLevel_MANDATORY, d.GetEnforcementLevel())
	assert.Contains(t, d.GetMessage(), "Fix: set xrayTracingEnabled")
}
