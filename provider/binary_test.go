package provider_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/secure-apigw/secure-apigw/provider"
)

// The built plugin, started as the engine starts it (without an engine address it serves in attach mode and prints
// its port), answers GetPluginInfo and GetSchema over gRPC with the checked-in schema: what `pulumi package add`
// and every language SDK generator read.
func TestTheBuiltPluginServesTheSchemaOverGRPC(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "pulumi-resource-"+provider.Name)
	// The Makefile's AWS_GCFLAGS, so the plugin links from the build cache the test itself was compiled into.
	build := exec.Command("go", "build", "-gcflags="+os.Getenv("AWS_GCFLAGS"), "-o", bin,
		"./cmd/pulumi-resource-secure-apigw")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	plugin := exec.Command(bin)
	stdout, err := plugin.StdoutPipe()
	require.NoError(t, err)
	plugin.Stderr = os.Stderr
	require.NoError(t, plugin.Start())
	t.Cleanup(func() {
		_ = plugin.Process.Signal(os.Interrupt)
		_ = plugin.Wait()
	})
	port, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "the plugin prints its port")
	port = strings.TrimSpace(port)
	require.Regexp(t, `^[0-9]+$`, port)

	conn, err := grpc.NewClient("127.0.0.1:"+port, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	client := pulumirpc.NewResourceProviderClient(conn)

	info, err := client.GetPluginInfo(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, provider.Version, info.GetVersion())

	resp, err := client.GetSchema(t.Context(), &pulumirpc.GetSchemaRequest{})
	require.NoError(t, err)
	var served, checkedIn map[string]any
	require.NoError(t, json.Unmarshal([]byte(resp.GetSchema()), &served))
	raw, err := os.ReadFile("schema.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &checkedIn))
	assert.Equal(t, checkedIn, served, "the plugin serves the checked-in schema")
	resources, _ := served["resources"].(map[string]any)
	for _, token := range []string{"secure-apigw:index:SecuredApi", "secure-apigw:apigateway:RestApi",
		"secure-apigw:cognito:UserPool", "secure-apigw:waf:WebAcl", "secure-apigw:apigateway:CustomDomain"} {
		assert.Contains(t, resources, token)
	}
}
