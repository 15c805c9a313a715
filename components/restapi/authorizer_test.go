package restapi_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const authorizerType = "aws:apigateway/authorizer:Authorizer"

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
	users := e.Named(authorizerType, "shop-authorizer-users")
	partners := e.Named(authorizerType, "shop-authorizer-partners")
	require.NotNil(t, users)
	require.NotNil(t, partners)
	assert.Equal(t, "COGNITO_USER_POOLS", users.Str("type"))
	assert.Equal(t, "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_A", users.Str("providerArns.0"))
	assert.Equal(t, "method.request.header.Authorization", users.Str("identitySource"))
	ttl, _ := users.Num("authorizerResultTtlInSeconds")
	assert.Equal(t, 300.0, ttl, "CDK's default: five minutes")
	assert.Equal(t, "REQUEST", partners.Str("type"))
	ttl, _ = partners.Num("authorizerResultTtlInSeconds")
	assert.Equal(t, 60.0, ttl)

	get := e.Named(methodType, "shop-get-items")
	assert.Equal(t, "COGNITO_USER_POOLS", get.Str("authorization"))
	assert.Equal(t, users.ID, get.Str("authorizerId"))
	assert.Equal(t, "api/items.read", get.Str("authorizationScopes.0"), "scopes: access tokens only")
	partner := e.Named(methodType, "shop-get-partner-items")
	assert.Equal(t, "CUSTOM", partner.Str("authorization"))
	assert.Equal(t, partners.ID, partner.Str("authorizerId"))
	admin := e.Named(methodType, "shop-get-admin-items")
	assert.Equal(t, "AWS_IAM", admin.Str("authorization"))
	assert.Empty(t, admin.Str("authorizerId"))

	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	perm := e.Named(permissionType, "shop-authorizer-partners-invoke")
	require.NotNil(t, perm)
	assert.Equal(t, "arn:aws:execute-api:us-east-1:123456789012:"+api.ID+"/authorizers/"+partners.ID, perm.Str("sourceArn"),
		"the authorizer may be invoked by this authorizer only, not */*/*")
	assert.Equal(t, "authz", perm.Str("function"))
	assert.Nil(t, e.Named(permissionType, "shop-authorizer-users-invoke"), "Cognito authorizers invoke nothing")

	dep := e.ByType(deploymentType)[0]
	assert.True(t, dep.DependsOn(users))
	assert.True(t, dep.DependsOn(partners))
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
		{"token with two sources", mut(func(a *restapi.Args) {
			a.Authorizers[1].Kind = restapi.LambdaToken
			a.Authorizers[1].IdentitySource = "method.request.header.A, method.request.header.B"
		}), "only REQUEST authorizers take several"},
		{"bad identity source", mut(func(a *restapi.Args) { a.Authorizers[1].IdentitySource = "header.Authorization" }), "not an identity source"},
		{"ttl", mut(func(a *restapi.Args) { ttl := 7200; a.Authorizers[1].ResultTTLSeconds = &ttl }), "ResultTTLSeconds"},
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
