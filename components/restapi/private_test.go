package restapi_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
)

func privateArgs(ids ...pulumi.StringInput) *restapi.Args {
	args := fullArgs()
	args.EndpointType = restapi.Private
	args.VpcEndpointIDs = ids
	return args
}

func TestPrivateAPIAllowsOnlyThroughItsEndpointsAndDeniesTheRest(t *testing.T) {
	// An endpoint created in the same program is an output: its id reaches the policy without an apply in the caller.
	created := pulumi.String("vpce-0aaaaaaaaaaaaaaaa").ToStringOutput()
	e := evaluate(t, privateArgs(created, pulumi.String("vpce-0123456789abcdef0")))
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	assert.Equal(t, "PRIVATE", api.Str("endpointConfiguration.types"))
	assert.Equal(t, "vpce-0aaaaaaaaaaaaaaaa", api.Str("endpointConfiguration.vpcEndpointIds.0"))
	assert.Equal(t, "vpce-0123456789abcdef0", api.Str("endpointConfiguration.vpcEndpointIds.1"))

	got := statements(t, privateArgs(created, pulumi.String("vpce-0123456789abcdef0")))
	ids := []any{"vpce-0aaaaaaaaaaaaaaaa", "vpce-0123456789abcdef0"}
	allow := got["AllowThroughVpcEndpoints"]
	assert.Equal(t, "Allow", allow["Effect"])
	assert.Equal(t, "execute-api:Invoke", allow["Action"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:SourceVpce": ids}}, allow["Condition"],
		"the allow itself names the endpoints: nothing else is allowed even if the deny were edited away")
	deny := got["DenyOutsideVpcEndpoints"]
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, "execute-api:/*", deny["Resource"])
	assert.Equal(t, map[string]any{"StringNotEquals": map[string]any{"aws:SourceVpce": ids}}, deny["Condition"])
	assert.Empty(t, e.ByType("aws:apigateway/restApiPolicy:RestApiPolicy"), "one owner for the policy: the document")
}

func TestDeploymentWaitsForThePrivatePolicy(t *testing.T) {
	// The policy is part of the imported document, which the deployment snapshots: it exists before the deployment
	// (no "doesn't have a resource policy attached"), and another endpoint redeploys.
	e := evaluate(t, privateArgs(pulumi.String("vpce-0123456789abcdef0")))
	dep := e.ByType(deploymentType)[0]
	assert.True(t, dep.DependsOn(e.ByType("aws:apigateway/restApi:RestApi")[0]))
	assert.NotEqual(t, trigger(t, privateArgs(pulumi.String("vpce-0123456789abcdef0"))),
		trigger(t, privateArgs(pulumi.String("vpce-0fedcba9876543210"))), "a policy change redeploys")
}

func TestDefaultEndpointCanBeDisabled(t *testing.T) {
	args := fullArgs()
	args.DisableExecuteApiEndpoint = true
	api := evaluate(t, args).ByType("aws:apigateway/restApi:RestApi")[0]
	disabled, set := api.Bool("disableExecuteApiEndpoint")
	assert.True(t, set && disabled, "clients must come through the custom domain (mTLS)")

	api = evaluate(t, fullArgs()).ByType("aws:apigateway/restApi:RestApi")[0]
	disabled, set = api.Bool("disableExecuteApiEndpoint")
	assert.True(t, set, "always sent, so switching it back off is a change")
	assert.False(t, disabled)
}

func TestVPCLinkRoutesGoThroughTheLink(t *testing.T) {
	args := fullArgs()
	args.Routes = append(args.Routes,
		restapi.Route{Path: "/orders/{proxy+}", Method: "ANY", Integration: restapi.Integration{
			Kind: restapi.HTTPProxy, URL: "https://api.example.com/orders/{proxy}",
			VpcLinkID: pulumi.String("abc123").ToStringOutput()}},
		restapi.Route{Path: "/health", Method: "GET", Integration: restapi.Integration{
			Kind: restapi.HTTPProxy, URL: "http://internal-nlb.example.com/health", VpcLinkID: pulumi.String("abc123")}})
	doc := document(t, evaluate(t, args))
	link := integrationOf(t, operation(t, doc, "ANY", "/orders/{proxy+}"))
	assert.Equal(t, "http_proxy", link["type"])
	assert.Equal(t, "VPC_LINK", link["connectionType"])
	assert.Equal(t, "abc123", link["connectionId"])
	assert.Equal(t, "https://api.example.com/orders/{proxy}", link["uri"])
	assert.Equal(t, map[string]any{"insecureSkipVerification": false}, link["tlsConfig"],
		"API Gateway verifies the backend's certificate against the URL's host")
	assert.Equal(t, "VPC_LINK", integrationOf(t, operation(t, doc, "GET", "/health"))["connectionType"])

	public := integrationOf(t, operation(t, doc, "ANY", "/proxy/{proxy+}"))
	assert.NotContains(t, public, "connectionType", "an internet backend stays on the default INTERNET connection")
}

func TestVPCLinkMisuseIsRefused(t *testing.T) {
	route := func(in restapi.Integration) *restapi.Args {
		return &restapi.Args{Routes: []restapi.Route{{Path: "/x", Method: "GET", Integration: in}}}
	}
	tests := []struct {
		name string
		args *restapi.Args
		want string
	}{
		{"plain http on the internet", route(restapi.Integration{Kind: restapi.HTTPProxy, URL: "http://backend.example.com/x"}),
			"Routes[0].Integration.URL"},
		{"link on a Lambda route", route(restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget(),
			VpcLinkID: pulumi.String("abc123")}), "Routes[0].Integration.VpcLinkID: only an HTTP_PROXY"},
		{"link URL not http(s)", route(restapi.Integration{Kind: restapi.HTTPProxy, URL: "ftp://nlb/x",
			VpcLinkID: pulumi.String("abc123")}), "Routes[0].Integration.URL"},
		{"bad private endpoint among outputs", privateArgs(pulumi.String("vpce-0123456789abcdef0").ToStringOutput(),
			pulumi.String("sg-1")), "VpcEndpointIDs[1]"},
		{"nil endpoint", privateArgs(nil), "VpcEndpointIDs[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.args.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
