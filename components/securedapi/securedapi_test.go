package securedapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	backendDir  = "../../functions/backend"
	sharedPool  = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Shared1"
	sharedACL   = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shared/0f1e2d3c-aaaa-bbbb-cccc-123456789012"
	sharedKey   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	sharedRole  = "arn:aws:iam::123456789012:role/shared-apigateway-logs"
	sharedTopic = "arn:aws:sns:eu-west-1:123456789012:platform-alarms"
	keyType     = "aws:kms/key:Key"
	aclType     = "aws:wafv2/webAcl:WebAcl"
	assocType   = "aws:wafv2/webAclAssociation:WebAclAssociation"
	poolType    = "aws:cognito/userPool:UserPool"
	apiType     = "aws:apigateway/restApi:RestApi"
	lambdaType  = "aws:lambda/function:Function"
	logType     = "aws:cloudwatch/logGroup:LogGroup"
	roleType    = "aws:iam/role:Role"
	accountType = "aws:apigateway/account:Account"
)

// minimal is the one-route API: a Go Lambda behind IAM auth.
func minimal() *securedapi.Args {
	return &securedapi.Args{
		API: restapi.Args{Routes: []restapi.Route{
			{Path: "/hello", Method: "GET", Integration: restapi.Integration{Kind: restapi.LambdaProxy}},
		}},
		Backend: &gofunction.Args{SourceDir: backendDir},
	}
}

// withUsers adds a user-pool authorizer to minimal's route.
func withUsers(a *securedapi.Args) *securedapi.Args {
	a.API.Authorizers = []restapi.Authorizer{{Name: "users", Kind: restapi.CognitoUserPools}}
	a.API.Routes[0].Authorization, a.API.Routes[0].Authorizer = restapi.AuthCognito, "users"
	return a
}

func run(t *testing.T, args *securedapi.Args) (*mockengine.Engine, *securedapi.SecuredAPI, error) {
	t.Helper()
	var made *securedapi.SecuredAPI
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		var err error
		made, err = securedapi.New(ctx, "orders", args)
		return err
	})
	return e, made, err
}

// ancestry is every resource's chain of parents, to the stack.
func ownedByTheComponent(t *testing.T, e *mockengine.Engine) {
	t.Helper()
	comp := e.Named(securedapi.TypeToken, "orders")
	require.NotNil(t, comp)
	for _, r := range e.Resources() {
		if r == comp || !r.Custom && r.Parent == "" {
			continue
		}
		p := e.ByURN(r.Parent)
		for p != nil && p != comp {
			p = e.ByURN(p.Parent)
		}
		assert.NotNil(t, p, "%s %q is not inside the SecuredApi", r.Type, r.Name)
		assert.True(t, strings.HasPrefix(r.Name, "orders-"), "%s %q is named from the instance", r.Type, r.Name)
	}
}

func TestMinimalIsSecureByDefault(t *testing.T) {
	e, s, err := run(t, minimal())
	require.NoError(t, err)
	ownedByTheComponent(t, e)
	assert.Len(t, dataKeys(e), 1, "a customer-managed log key, and no environment key with nothing to encrypt")
	assert.NotNil(t, e.Named(keyType, "orders-monitoring-topic-key"), "and the alarm topic's own key")
	for _, lg := range e.ByType(logType) {
		assert.NotEmpty(t, lg.Str("kmsKeyId"), "log group %s is encrypted with the log key", lg.Name)
	}
	assert.Len(t, e.ByType(aclType), 1, "a web ACL in front of the stage")
	assert.Len(t, e.ByType(lambdaType), 1)
	assert.Empty(t, e.ByType(poolType))
	require.NotNil(t, s.API)
	require.NotNil(t, s.WAF)
	assert.Nil(t, s.Users)
	assert.Nil(t, s.Authorizer)
	body := e.ByType(apiType)[0].Str("body")
	assert.Contains(t, body, e.ByType(lambdaType)[0].Outputs["invokeArn"].StringValue(),
		"the route without a target goes to the backend")
	assert.Contains(t, body, `"sigv4"`, "a route that says nothing is IAM-authorized")
}

// withPartners adds a created pool with a partner client, and a route the JWT authorizer guards.
func withPartners(a *securedapi.Args) *securedapi.Args {
	withUsers(a)
	a.UserPool = &userpool.Args{Tier: "PLUS", ResourceServer: &userpool.ResourceServer{Identifier: "api",
		Scopes: []userpool.Scope{{Name: "partner.read", Description: "Partner reads"}}},
		Clients: []userpool.Client{{Name: "partner", Confidential: true, OAuthFlows: []string{"client_credentials"},
			Scopes: []string{"partner.read"}}}}
	a.API.Authorizers = append(a.API.Authorizers, restapi.Authorizer{Name: "partners", Kind: restapi.LambdaRequest})
	a.API.Routes = append(a.API.Routes, restapi.Route{Path: "/partner", Method: "GET",
		Integration: restapi.Integration{Kind: restapi.LambdaProxy}, Authorization: restapi.AuthCustom,
		Authorizer: "partners"})
	a.JWTAuthorizer = &securedapi.JWTAuthorizer{Authorizer: "partners", PoolClients: []string{"partner"},
		Entitlements: map[string][]string{"api/partner.read": {"GET /partner"}}}
	return a
}

func TestCreatedPoolIsWiredToTheAuthorizerAndJWTFunction(t *testing.T) {
	a := withPartners(minimal())
	e, s, err := run(t, a)
	require.NoError(t, err)
	ownedByTheComponent(t, e)
	require.NotNil(t, s.Users)
	require.NotNil(t, s.Authorizer)
	pool := e.ByType(poolType)[0]
	body := e.ByType(apiType)[0].Str("body")
	assert.Contains(t, body, pool.Outputs["arn"].StringValue(), "the Cognito authorizer names the created pool")
	fn := e.Named(lambdaType, "orders-authorizer-function")
	require.NotNil(t, fn)
	assert.Contains(t, body, fn.Outputs["invokeArn"].StringValue(), "the REQUEST authorizer is the JWT function")
	env := fn.Inputs["environment"].ObjectValue()["variables"].ObjectValue()
	assert.Equal(t, "access", env["AUTHZ_TOKEN_USE"].StringValue())
	assert.Contains(t, env["AUTHZ_ISSUER"].StringValue(), pool.ID)
	client := e.ByType("aws:cognito/userPoolClient:UserPoolClient")[0]
	assert.Equal(t, client.ID, env["AUTHZ_AUDIENCES"].StringValue())
	assert.NotEmpty(t, fn.Str("kmsKeyArn"), "the environment is encrypted with the created key")
	assert.Len(t, dataKeys(e), 2, "log key and environment key")
	timeout, _ := fn.Num("timeout")
	assert.Equal(t, float64(securedapi.DefaultAuthorizerTimeoutSeconds), timeout)
}

// Audiences given and pool clients named are all accepted: one comma-separated list, as the authorizer reads it.
func TestAuthorizerAcceptsEveryAudience(t *testing.T) {
	a := withPartners(minimal())
	a.JWTAuthorizer.Audiences = []pulumi.StringInput{pulumi.String("external-client")}
	e, _, err := run(t, a)
	require.NoError(t, err)
	fn := e.Named(lambdaType, "orders-authorizer-function")
	require.NotNil(t, fn)
	client := e.ByType("aws:cognito/userPoolClient:UserPoolClient")[0]
	assert.Equal(t, "external-client,"+client.ID, fn.Str("environment.variables.AUTHZ_AUDIENCES"))
}

// Each "existing" input registers nothing of its kind and wires the ARN it was given; the ARNs are outputs, as a
// pulumi.StackReference gives them.
func TestExistingResourcesAreWiredNotCreated(t *testing.T) {
	out := func(s string) pulumi.StringOutput { return pulumi.String(s).ToStringOutput() }
	a := withUsers(minimal())
	a.ExistingUserPool = &securedapi.ExistingUserPool{Arn: out(sharedPool)}
	a.ExistingWebACLArn = out(sharedACL)
	a.LogKey = securedapi.Key{ExistingArn: out(sharedKey)}
	a.Account = &apiaccount.Args{RoleArn: out(sharedRole)}
	a.Monitoring = &monitoring.Args{TopicArn: out(sharedTopic)}
	e, s, err := run(t, a)
	require.NoError(t, err)
	ownedByTheComponent(t, e)
	assert.Empty(t, e.ByType(poolType), "no second pool")
	for _, r := range e.Resources() {
		assert.False(t, strings.HasPrefix(r.Type, "aws:cognito/"), "nothing of Cognito: %s", r.Type)
	}
	assert.Contains(t, e.ByType(apiType)[0].Str("body"), sharedPool)
	assert.Empty(t, e.ByType(aclType), "no second web ACL")
	assocs := e.ByType(assocType)
	require.Len(t, assocs, 1)
	assert.Equal(t, sharedACL, assocs[0].Str("webAclArn"))
	stage := e.ByType("aws:apigateway/stage:Stage")[0]
	assert.Equal(t, stage.Outputs["arn"].StringValue(), assocs[0].Str("resourceArn"))
	assert.Contains(t, assocs[0].PropertyDependencies["resourceArn"], stage.URN)
	assert.Empty(t, e.ByType(keyType), "no key of its own")
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"), "no topic of its own")
	assert.Equal(t, sharedTopic, e.Named(alarmType, "orders-monitoring-5xx").Str("alarmActions.0"))
	for _, lg := range e.ByType(logType) {
		assert.Equal(t, sharedKey, lg.Str("kmsKeyId"), lg.Name)
	}
	assert.Empty(t, e.ByType(roleType+"-cloudwatch"))
	for _, r := range e.ByType(roleType) {
		assert.NotContains(t, r.Name, "cloudwatch", "the shared logging role is reused")
	}
	assert.Equal(t, sharedRole, e.ByType(accountType)[0].Str("cloudwatchRoleArn"))
	assert.Nil(t, s.WAF)
	assert.Nil(t, s.Users)
	issuer := await(t, s.Issuer)
	assert.Equal(t, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shared1", issuer)
}

func TestPrivateAPIGetsTheCreatedEndpoint(t *testing.T) {
	a := minimal()
	a.API.EndpointType = restapi.Private
	a.ExecuteAPIEndpoint = &vpcendpoint.Args{Region: "eu-west-1", VpcID: pulumi.String("vpc-0a1b2c3d"),
		SubnetIDs:    pulumi.ToStringArray([]string{"subnet-0a1b2c3d", "subnet-1a2b3c4d"}),
		AllowedCIDRs: []string{"10.0.0.0/16"}}
	e, s, err := run(t, a)
	require.NoError(t, err)
	ownedByTheComponent(t, e)
	require.NotNil(t, s.Endpoint)
	ep := e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")[0]
	api := e.ByType(apiType)[0]
	ids := api.Inputs["endpointConfiguration"].ObjectValue()["vpcEndpointIds"].ArrayValue()
	require.Len(t, ids, 1)
	assert.Equal(t, ep.ID, ids[0].StringValue())
	assert.True(t, strings.Contains(api.Str("body"), `"aws:SourceVpce":["`+ep.ID+`"]`), "the resource policy admits only the endpoint")
}

func TestUsagePlanKeysFromPoolClients(t *testing.T) {
	a := withPartners(minimal())
	a.API.Routes[1].ApiKeyRequired = true
	a.API.ApiKeySource = "AUTHORIZER"
	a.UsagePlans = &securedapi.UsagePlans{ClientKeys: map[string]string{"acme": "partner"},
		Args: usageplan.Args{Tiers: []usageplan.Tier{{Name: "gold", Throttle: usageplan.Throttle{RateLimit: 10,
			BurstLimit: 20}, Quota: usageplan.Quota{Limit: 1000, Period: "DAY"}}},
			Consumers: []usageplan.Consumer{{Name: "acme", Tier: "gold"}}}}
	e, s, err := run(t, a)
	require.NoError(t, err)
	require.NotNil(t, s.UsagePlans)
	key := e.ByType("aws:apigateway/apiKey:ApiKey")[0]
	client := e.ByType("aws:cognito/userPoolClient:UserPoolClient")[0]
	assert.Equal(t, client.ID, key.Str("value"))
}

// Refused Args register nothing and name every field, from Args down.
func TestRefusedArgsNameTheFieldAndRegisterNothing(t *testing.T) {
	cases := map[string]struct {
		mutate func(a *securedapi.Args)
		want   []string
	}{
		"both pools": {func(a *securedapi.Args) {
			withPartners(a)
			a.ExistingUserPool = &securedapi.ExistingUserPool{Arn: pulumi.String(sharedPool)}
		}, []string{"UserPool, ExistingUserPool:"}},
		"a cognito authorizer with no pool": {func(a *securedapi.Args) { withUsers(a) },
			[]string{"API.Authorizers[0].UserPoolArns"}},
		"a route with no target and no backend": {func(a *securedapi.Args) { a.Backend = nil },
			[]string{"API.Routes[0]"}},
		"child fields are prefixed": {func(a *securedapi.Args) {
			a.Backend.MemoryMB = 1
			a.API.Throttle.BurstLimit = -1
		}, []string{"Backend.MemoryMB:", "API.Throttle.BurstLimit:"}},
		"WAF twice": {func(a *securedapi.Args) { a.DisableWAF, a.ExistingWebACLArn = true, pulumi.String(sharedACL) },
			[]string{"WAF, ExistingWebACLArn, DisableWAF:"}},
		"endpoint for a regional API": {func(a *securedapi.Args) {
			a.ExecuteAPIEndpoint = &vpcendpoint.Args{Region: "eu-west-1", VpcID: pulumi.String("vpc-1"),
				SubnetIDs: pulumi.ToStringArray([]string{"subnet-1"})}
		}, []string{"ExecuteAPIEndpoint: only a PRIVATE API"}},
		"private without an endpoint": {func(a *securedapi.Args) { a.API.EndpointType = restapi.Private },
			[]string{"ExecuteAPIEndpoint: a PRIVATE API needs"}},
		"authorizer names nothing": {func(a *securedapi.Args) {
			a.JWTAuthorizer = &securedapi.JWTAuthorizer{Authorizer: "nope", Issuer: pulumi.String("https://idp"),
				Audiences: []pulumi.StringInput{pulumi.String("c")}}
		}, []string{"JWTAuthorizer.Authorizer:", "JWTAuthorizer.Entitlements:"}},
		"key both ways": {func(a *securedapi.Args) {
			a.LogKey = securedapi.Key{ExistingArn: pulumi.String(sharedKey), ServiceManaged: true}
		}, []string{"LogKey: ExistingArn and ServiceManaged"}},
		"moved from an unknown part": {func(a *securedapi.Args) { a.MovedFrom = map[string]string{"gateway": "api"} },
			[]string{"MovedFrom[gateway]: no such part; allowed: logs-key,"}},
		"a usage-plan tier above the stage throttle": {func(a *securedapi.Args) {
			a.UsagePlans = &securedapi.UsagePlans{Args: usageplan.Args{Tiers: []usageplan.Tier{{Name: "gold",
				Throttle: usageplan.Throttle{RateLimit: restapi.DefaultThrottleRateLimit + 1, BurstLimit: 200},
				Quota:    usageplan.Quota{Limit: 1000, Period: "DAY"}}},
				Consumers: []usageplan.Consumer{{Name: "acme", Tier: "gold"}}}}
		}, []string{"UsagePlans.Tiers[0].Throttle.RateLimit: 101 requests/s is above the stage throttle's rate (100)"}},
		"link route unknown": {func(a *securedapi.Args) {
			a.VpcLink = &securedapi.VpcLink{Routes: []string{"GET /nope"}}
		}, []string{"VpcLink.Hostname:", `VpcLink.Routes[0]: "GET /nope"`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a := minimal()
			tc.mutate(a)
			e, _, err := run(t, a)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources(), "a refused SecuredApi registers nothing")
		})
	}
}

func await(t *testing.T, o pulumi.StringOutput) string {
	t.Helper()
	ch := make(chan string, 1)
	o.ApplyT(func(s string) string { ch <- s; return s })
	return <-ch
}

// A stack that created the parts itself keeps them: each part moved from a top-level name gets an alias to that
// name with no parent (the stack's root), and a part that was not moved gets none.
func TestMovedPartsAreAliasedToTheirTopLevelNames(t *testing.T) {
	a := minimal()
	a.MovedFrom = map[string]string{"api": "api", "backend": "backend", "logs-key": "logs-key"}
	e, _, err := run(t, a)
	require.NoError(t, err)
	for part, old := range a.MovedFrom {
		var r *mockengine.Resource
		for _, c := range e.Resources() {
			if c.Name == "orders-"+part && !c.Custom {
				r = c
			}
		}
		require.NotNil(t, r, part)
		require.Len(t, r.Aliases, 1, part)
		// The SDK sends an alias spec (the engine resolves it, and derives the children's aliases from it).
		assert.Contains(t, r.Aliases[0], fmt.Sprintf("name:%q", old), "%s: aliased to %s", part, old)
		assert.Contains(t, r.Aliases[0], "noParent:true", "%s: at the stack's root", part)
	}
	waf := e.Named("secure-apigw:waf:WebAcl", "orders-waf")
	require.NotNil(t, waf)
	assert.Empty(t, waf.Aliases, "not moved, not aliased")
}

// dataKeys are the KMS keys that encrypt data (logs, environments), not the alarm topic's.
func dataKeys(e *mockengine.Engine) []*mockengine.Resource {
	var out []*mockengine.Resource
	for _, k := range e.ByType(keyType) {
		if !strings.HasSuffix(k.Name, "-monitoring-topic-key") {
			out = append(out, k)
		}
	}
	return out
}
