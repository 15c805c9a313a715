package baseline_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// An API built method by method (not from a document) is judged by the same rules.
func TestMethodResourcesAreStillChecked(t *testing.T) {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		api, err := apigateway.NewRestApi(ctx, "legacy", &apigateway.RestApiArgs{})
		if err != nil {
			return err
		}
		_, err = apigateway.NewMethod(ctx, "legacy-get", &apigateway.MethodArgs{RestApi: api.ID(),
			ResourceId: api.RootResourceId, HttpMethod: pulumi.String("GET"), Authorization: pulumi.String("NONE")})
		return err
	})
	require.NoError(t, err)
	got := evaluate(t, e.AnalyzerResources(), nil)
	assert.Equal(t, baseline.Fail, got[ruleName(t, "method-authorization")].Status)
	validation := got[ruleName(t, "method-request-validation")]
	assert.Equal(t, baseline.Fail, validation.Status)
	assert.Len(t, validation.Violations, 2, "the method has no validator, and the API none checking body and parameters")
}

// During a first preview the body holds Lambda ARNs known only after deploy: the document rules cannot read it, and
// say nothing until `pulumi up` analyzes the resolved body before creating the API.
func TestUnknownBodyIsNotJudged(t *testing.T) {
	rs := passing(t)
	for i, r := range rs {
		if r.Type == restAPI {
			rs[i].Properties = r.Properties.Set("body", property.New(property.Computed))
		}
	}
	got := evaluate(t, rs, nil)
	for _, slug := range []string{"method-authorization", "method-request-validation", "method-preflight-is-mock", "method-cache-per-caller"} {
		assert.NotEqual(t, baseline.Fail, got[ruleName(t, slug)].Status, slug)
	}
}

func TestInvokeScope(t *testing.T) {
	const exec = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
	for src, want := range map[string]string{
		exec + "/*/GET/items":     "GET /items",
		exec + "/*/GET/items/*":   "GET /items/*",
		exec + "/*/*/c1":          "any method /c1",
		exec + "/*/*/c1/*":        "any method /c1/*",
		exec + "/*/GET/":          "GET /",
		exec + "/authorizers/*":   "this API's authorizers",
		exec + "/authorizers/a1b": "authorizer a1b",
		exec + "/*/GET/*/items":   "GET /*/items",
	} {
		scope, whole := baseline.InvokeScope(src)
		assert.False(t, whole, src)
		assert.Equal(t, want, scope, src)
	}
	for _, src := range []string{exec, exec + "/*", exec + "/*/*", exec + "/*/*/*", exec + "/*/GET/*", exec + "/*/GET/*/*",
		exec + "/authorizers/", exec + "/authorizers/*/x", "arn:aws:execute-api:eu-west-1:123456789012:*/*/GET/items"} {
		_, whole := baseline.InvokeScope(src)
		assert.True(t, whole, src)
	}
}

func TestGroupedAndAuthorizerGrantsPass(t *testing.T) {
	for _, src := range []string{"arn:aws:execute-api:us-east-1:123456789012:abc/*/*/items/*",
		"arn:aws:execute-api:us-east-1:123456789012:abc/authorizers/*"} {
		rs := passing(t)
		mutate(t, rs, permission, "get-items-invoke", "sourceArn", val(src))
		got := evaluate(t, rs, nil)[ruleName(t, "lambda-permission-scoped")]
		assert.Equal(t, baseline.Pass, got.Status, "%s: %v", src, got.Violations)
	}
	rs := passing(t)
	mutate(t, rs, permission, "get-items-invoke", "sourceArn", val("arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/*"))
	assert.Equal(t, baseline.Fail, evaluate(t, rs, nil)[ruleName(t, "lambda-permission-scoped")].Status,
		"GET on every path is the whole API for GET")
}
