package restapi_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func authArgs() *restapi.Args {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	ttl := 60
	return &restapi.Args{
		Authorizers: []restapi.Authorizer{
			{Name: "users", Kind: restapi.CognitoUserPools,
				UserPoolArns: []pulumi.StringInput{pulumi.String("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_A")}},
			{Name: "partners", Kind: restapi.LambdaRequest, ResultTTLSeconds: &ttl, Lambda: &restapi.LambdaTarget{
				InvokeArn:    pulumi.String("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authz/invocations"),
				FunctionName: pulumi.String("authz")}},
		},
		Routes: []restapi.Route{
			{Path: "/items", Method: "GET", Integration: fn, Authorization: restapi.AuthCognito, Authorizer: "users",
				AuthorizationScopes: []string{"api/items.read"}},
			{Path: "/partner/items", Method: "GET", Integration: fn, Authorization: restapi.AuthCustom, Authorizer: "partners"},
			{Path: "/admin/items", Method: "GET", Integration: fn},
		},
	}
}

func TestAuthorizersAreWiredPerRoute(t *testing.T) {
	e := evaluate(t, authArgs())
	assert.Empty(t, e.OwnershipProblems(component, "shop"))
	doc := document(t, e)
	schemes := obj(t, doc, "components", "securitySchemes")
	users := obj(t, schemes, "users")
	assert.Equal(t, "cognito_user_pools", users["x-amazon-apigateway-authtype"])
	assert.Equal(t, "Authorization", users["name"])
	usersCfg := obj(t, users, "x-amazon-apigateway-authorizer")
	assert.Equal(t, "cognito_user_pools", usersCfg["type"])
	assert.Equal(t, []any{"arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_A"}, usersCfg["providerARNs"])
	assert.Equal(t, "method.request.header.Authorization", usersCfg["identitySource"])
	assert.Equal(t, 300.0, usersCfg["authorizerResultTtlInSeconds"], "CDK's default: five minutes")
	partnersCfg := obj(t, schemes, "partners", "x-amazon-apigateway-authorizer")
	assert.Equal(t, "request", partnersCfg["type"])
	assert.Equal(t, 60.0, partnersCfg["authorizerResultTtlInSeconds"])
	assert.Equal(t, "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authz/invocations",
		partnersCfg["authorizerUri"])

	assert.Equal(t, []map[string]any{{"users": []any{"api/items.read"}}}, security(t, operation(t, doc, "GET", "/items")),
		"scopes: access tokens only")
	assert.Equal(t, []map[string]any{{"partners": []any{}}}, security(t, operation(t, doc, "GET", "/partner/items")))
	assert.Equal(t, []map[string]any{{"sigv4": []any{}}}, security(t, operation(t, doc, "GET", "/admin/items")))

	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	perm := e.Named(permissionType, "shop-authorizer-partners-invoke")
	require.NotNil(t, perm)
	assert.Equal(t, "arn:aws:execute-api:us-east-1:123456789012:"+api.ID+"/authorizers/*", perm.Str("sourceArn"),
		"the authorizer's id exists only after the import: this API's authorizers, never */*/*")
	assert.Equal(t, "authz", perm.Str("function"))
	assert.Nil(t, e.Named(permissionType, "shop-authorizer-users-invoke"), "Cognito authorizers invoke nothing")
}

func TestAPIKeyIsRequiredAlongsideTheAuthorizer(t *testing.T) {
	args := authArgs()
	args.Routes[0].ApiKeyRequired = true
	doc := document(t, evaluate(t, args))
	assert.Equal(t, []map[string]any{{"users": []any{"api/items.read"}, "api_key": []any{}}},
		security(t, operation(t, doc, "GET", "/items")), "one requirement object: both must pass")
	key := obj(t, doc, "components", "securitySchemes", "api_key")
	assert.Equal(t, "x-api-key", key["name"])
}

func TestAuthorizersArePartOfTheTriggerHash(t *testing.T) {
	base := trigger(t, authArgs())
	for name, mutate := range map[string]func(a *restapi.Args){
		"ttl":             func(a *restapi.Args) { ttl := 0; a.Authorizers[1].ResultTTLSeconds = &ttl },
		"identity source": func(a *restapi.Args) { a.Authorizers[1].IdentitySource = "method.request.header.X-Token" },
		"user pool":       func(a *restapi.Args) { a.Authorizers[0].UserPoolArns[0] = pulumi.String("arn:other") },
		"authorizer fn": func(a *restapi.Args) {
			a.Authorizers[1].Lambda = &restapi.LambdaTarget{InvokeArn: pulumi.String("arn:fn2"), FunctionName: pulumi.String("fn2")}
		},
		"route scopes": func(a *restapi.Args) { a.Routes[0].AuthorizationScopes = []string{"api/items.write"} },
		"route authorizer": func(a *restapi.Args) {
			a.Routes[2].Authorization = restapi.AuthCognito
			a.Routes[2].Authorizer = "users"
		},
	} {
		t.Run(name, func(t *testing.T) {
			args := authArgs()
			mutate(args)
			assert.NotEqual(t, base, trigger(t, args))
		})
	}
	assert.Equal(t, base, trigger(t, authArgs()))
}

func TestInvalidAuthorizationIsRefused(t *testing.T) {
	mut := func(f func(a *restapi.Args)) *restapi.Args {
		a := authArgs()
		f(a)
		return a
	}
	tests := []struct {
		name string
		args *restapi.Args
		want string
	}{
		{"cognito route without authorizer", mut(func(a *restapi.Args) { a.Routes[0].Authorizer = "" }), "Routes[0].Authorizer: COGNITO_USER_POOLS needs"},
		{"custom route on cognito authorizer", mut(func(a *restapi.Args) { a.Routes[1].Authorizer = "users" }), "Routes[1].Authorizer: CUSTOM needs"},
		{"unknown authorizer", mut(func(a *restapi.Args) { a.Routes[1].Authorizer = "nobody" }), `got "nobody"`},
		{"scopes on IAM", mut(func(a *restapi.Args) { a.Routes[2].AuthorizationScopes = []string{"x"} }), "Routes[2].AuthorizationScopes"},
		{"scopes on custom", mut(func(a *restapi.Args) { a.Routes[1].AuthorizationScopes = []string{"x"} }), "Routes[1].AuthorizationScopes"},
		{"authorizer on IAM", mut(func(a *restapi.Args) { a.Routes[2].Authorizer = "users" }), "Routes[2].Authorizer: only"},
		{"pool missing", mut(func(a *restapi.Args) { a.Authorizers[0].UserPoolArns = nil }), "Authorizers[0].UserPoolArns"},
		{"lambda missing", mut(func(a *restapi.Args) { a.Authorizers[1].Lambda = nil }), "Authorizers[1].Lambda"},
		{"kind", mut(func(a *restapi.Args) { a.Authorizers[1].Kind = "JWT" }), "Authorizers[1].Kind"},
		{"duplicate name", mut(func(a *restapi.Args) { a.Authorizers[1].Name = "users" }), "used twice"},
		{"reserved name", mut(func(a *restapi.Args) { a.Authorizers[1].Name = "sigv4" }), "document's own security schemes"},
		{"token with two sources", mut(func(a *restapi.Args) {
			a.Authorizers[1].Kind = restapi.LambdaToken
			a.Authorizers[1].IdentitySource = "method.request.header.A, method.request.header.B"
		}), "only REQUEST authorizers take several"},
		{"bad identity source", mut(func(a *restapi.Args) { a.Authorizers[1].IdentitySource = "header.Authorization" }), "not an identity source"},
		{"ttl", mut(func(a *restapi.Args) { ttl := 7200; a.Authorizers[1].ResultTTLSeconds = &ttl }), "ResultTTLSeconds"},
		{"ttl just past the revocation window", mut(func(a *restapi.Args) {
			ttl := restapi.MaxAuthorizerTTL + 1
			a.Authorizers[1].ResultTTLSeconds = &ttl
		}), "allowed: 0 to 300 (a cached decision outlives a revoked token"},
		{"authorizer key source without lambda", mut(func(a *restapi.Args) {
			a.ApiKeySource = "AUTHORIZER"
			a.Authorizers = a.Authorizers[:1]
			a.Routes = a.Routes[:1]
		}), "ApiKeySource: AUTHORIZER needs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := restapi.New(ctx, "shop", tt.args)
				return err
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, e.Resources())
		})
	}
}

// Every authorizer form renders as API Gateway documents it, and the document still validates.
func TestTokenAndQueryAuthorizersAndBinaryTypesRender(t *testing.T) {
	args := authArgs()
	args.Authorizers[1].IdentitySource = "method.request.querystring.token"
	args.Authorizers = append(args.Authorizers, restapi.Authorizer{Name: "legacy", Kind: restapi.LambdaToken,
		IdentitySource: "method.request.header.X-Token", Lambda: args.Authorizers[1].Lambda})
	args.Routes = append(args.Routes, restapi.Route{Path: "/legacy", Method: "GET", Integration: args.Routes[0].Integration,
		Authorization: restapi.AuthCustom, Authorizer: "legacy"})
	args.ApiKeySource = "AUTHORIZER"
	args.BinaryMediaTypes = []string{"image/png", "application/octet-stream"}
	doc := document(t, evaluate(t, args))
	schemes := obj(t, doc, "components", "securitySchemes")
	assert.Equal(t, "Unused", obj(t, schemes, "partners")["name"], "AWS's convention when no header carries the identity")
	legacy := obj(t, schemes, "legacy")
	assert.Equal(t, "X-Token", legacy["name"])
	assert.Equal(t, "token", obj(t, legacy, "x-amazon-apigateway-authorizer")["type"])
	assert.Equal(t, "AUTHORIZER", doc["x-amazon-apigateway-api-key-source"])
	assert.Equal(t, []any{"image/png", "application/octet-stream"}, doc["x-amazon-apigateway-binary-media-types"])

	bad := authArgs()
	bad.BinaryMediaTypes = []string{"png"}
	require.ErrorContains(t, bad.Validate(), "BinaryMediaTypes[0]")
}
