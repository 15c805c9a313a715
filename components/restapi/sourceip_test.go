package restapi_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
)

// statements is the document's resource policy, by Sid.
func statements(t *testing.T, args *restapi.Args) map[string]map[string]any {
	t.Helper()
	doc := document(t, evaluate(t, args))
	policy, ok := doc["x-amazon-apigateway-policy"].(map[string]any)
	require.True(t, ok, "the document carries the resource policy")
	out := map[string]map[string]any{}
	for _, s := range policy["Statement"].([]any) {
		m := s.(map[string]any)
		out[m["Sid"].(string)] = m
	}
	return out
}

func TestSourceIPControlsAreExplicitDenials(t *testing.T) {
	args := fullArgs()
	args.AllowSourceCIDRs = []string{"203.0.113.0/24", "2001:db8::/32"}
	args.DenySourceCIDRs = []string{"203.0.113.7/32"}
	got := statements(t, args)
	require.Len(t, got, 2, "denials only: authorized routes stay with their authorizer or IAM")
	outside := got["DenySourcesOutsideAllowList"]
	assert.Equal(t, "Deny", outside["Effect"])
	assert.Equal(t, "execute-api:/*", outside["Resource"])
	assert.Equal(t, map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": []any{"203.0.113.0/24", "2001:db8::/32"}}},
		outside["Condition"])
	listed := got["DenyListedSources"]
	assert.Equal(t, map[string]any{"IpAddress": map[string]any{"aws:SourceIp": []any{"203.0.113.7/32"}}}, listed["Condition"])
}

func TestSourceIPControlsComposeWithThePrivateEndpointPolicy(t *testing.T) {
	args := fullArgs()
	args.EndpointType = restapi.Private
	args.VpcEndpointIDs = []pulumi.StringInput{pulumi.String("vpce-0123456789abcdef0")}
	args.AllowSourceCIDRs = []string{"10.0.0.0/16"}
	got := statements(t, args)
	assert.Contains(t, got, "DenyOutsideVpcEndpoints")
	assert.Contains(t, got, "AllowThroughVpcEndpoints")
	assert.Equal(t, map[string]any{"NotIpAddress": map[string]any{"aws:VpcSourceIp": []any{"10.0.0.0/16"}}},
		got["DenySourcesOutsideAllowList"]["Condition"], "a private API sees the caller's VPC address")
}

func TestSourceIPControlsComposeWithAGivenPolicy(t *testing.T) {
	args := fullArgs()
	args.ResourcePolicy = pulumi.String(`{"Version":"2012-10-17","Statement":{"Sid":"Mine","Effect":"Allow",` +
		`"Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}}`)
	args.DenySourceCIDRs = []string{"198.51.100.0/24"}
	got := statements(t, args)
	assert.Contains(t, got, "Mine", "a single-statement policy keeps its statement")
	assert.Contains(t, got, "DenyListedSources")
}

func TestAPIKeyOnlyRoutesStayReachableUnderSourceIPControls(t *testing.T) {
	args := fullArgs()
	args.AllowUnauthenticatedRoutes = true
	args.Routes[1].Authorization, args.Routes[1].ApiKeyRequired = restapi.AuthNone, true
	args.AllowSourceCIDRs = []string{"203.0.113.0/24"}
	got := statements(t, args)
	allow := got["AllowApiKeyOnlyRoutes"]
	require.NotNil(t, allow, "with a policy, a route without authorization needs an explicit allow")
	assert.Equal(t, []any{"execute-api:/*/GET/items"}, allow["Resource"], "that route only, not the API")
}

func TestSourceIPChangesRedeploy(t *testing.T) {
	args := fullArgs()
	args.AllowSourceCIDRs = []string{"203.0.113.0/24"}
	first := trigger(t, args)
	args.AllowSourceCIDRs = []string{"198.51.100.0/24"}
	assert.NotEqual(t, first, trigger(t, args), "the policy is part of the document the deployment hashes")
	args.AllowSourceCIDRs = nil
	b, _ := json.Marshal(document(t, evaluate(t, args)))
	assert.NotContains(t, string(b), "x-amazon-apigateway-policy", "no controls, no policy")
}

func TestBadSourceCIDRsAreRefused(t *testing.T) {
	args := fullArgs()
	args.AllowSourceCIDRs = []string{"203.0.113.1/24"}
	args.DenySourceCIDRs = []string{"not-a-cidr"}
	err := args.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AllowSourceCIDRs[0]")
	assert.Contains(t, err.Error(), "DenySourceCIDRs[0]")
}
