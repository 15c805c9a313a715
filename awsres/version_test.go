package awsres_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
)

// The SDK's constructors ask for the provider of the SDK's own release; awsres's must ask for the same one, or a
// stack would run two aws providers side by side.
func TestVersionIsTheSDKThatGoModRequires(t *testing.T) {
	gomod, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^\s*github\.com/pulumi/pulumi-aws/sdk/v6 v(\S+)`).FindSubmatch(gomod)
	require.NotNil(t, m, "go.mod requires no pulumi-aws SDK")
	require.Equal(t, string(m[1]), awsres.Version)
}
