package provider_test

import (
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/urn"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func str(s string) property.Value { return property.New(s) }

func obj(m map[string]property.Value) property.Value { return property.New(m) }

func list(vs ...property.Value) property.Value { return property.New(vs) }

// construct runs one served component on a fresh mock engine.
func construct(t *testing.T, token, name string, inputs map[string]property.Value) (*mockengine.Engine, p.ConstructResponse, error) {
	t.Helper()
	e := mockengine.New("eu-west-1")
	resp, err := server(t, e).Construct(p.ConstructRequest{
		Urn:    presource.URN("urn:pulumi:dev::yaml-api::" + token + "::" + name),
		Inputs: property.NewMap(inputs),
	})
	return e, resp, err
}

func fromGo(t *testing.T, fn func(ctx *pulumi.Context) error) *mockengine.Engine {
	t.Helper()
	e := mockengine.New("eu-west-1")
	require.NoError(t, e.Run(mockengine.Program{Project: "yaml-api", Stack: "dev"}, fn))
	return e
}

const (
	restAPIToken = "secure-apigw:apigateway:RestApi"
	webACLToken  = "secure-apigw:waf:WebAcl"
	domainToken  = "secure-apigw:apigateway:CustomDomain"
	stageArn     = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/v1"
	invokeArn    = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/" +
		"arn:aws:lambda:eu-west-1:123456789012:function:items/invocations"
)

// The standalone RestApi through the provider is restapi.New with the same Args.
func TestConstructRestApiMatchesGo(t *testing.T) {
	viaProvider, resp, err := construct(t, restAPIToken, "items", map[string]property.Value{
		"routes": list(obj(map[string]property.Value{
			"path": str("/items"), "method": str("GET"),
			"lambda":   obj(map[string]property.Value{"invokeArn": str(invokeArn), "functionName": str("items")}),
			"throttle": obj(map[string]property.Value{"rateLimit": property.New(10.0), "burstLimit": property.New(20.0)}),
		}), obj(map[string]property.Value{"path": str("/health"), "method": str("GET"), "integration": str("MOCK")})),
		"cors":      obj(map[string]property.Value{"allowOrigin": str("https://app.example.com")}),
		"stageName": str("v2"),
		"tags":      obj(map[string]property.Value{"team": str("platform")}),
	})
	require.NoError(t, err)
	_, ok := resp.State.GetOk("stageArn")
	assert.True(t, ok, "the stageArn output")

	want := fromGo(t, func(ctx *pulumi.Context) error {
		_, err := restapi.New(ctx, "items", &restapi.Args{
			Routes: []restapi.Route{
				{Path: "/items", Method: "GET", Throttle: &restapi.Throttle{RateLimit: 10, BurstLimit: 20},
					Integration: restapi.Integration{Kind: restapi.LambdaProxy, Lambda: &restapi.LambdaTarget{
						InvokeArn: pulumi.String(invokeArn), FunctionName: pulumi.String("items")}}},
				{Path: "/health", Method: "GET", Integration: restapi.Integration{Kind: restapi.Mock}},
			},
			Cors:      &restapi.Cors{AllowOrigin: "https://app.example.com"},
			StageName: "v2",
			Tags:      pulumi.StringMap{"team": pulumi.String("platform")},
		})
		return err
	})
	sameChildren(t, want, viaProvider, restAPIToken)
}

// A WebAcl takes its stage by ARN (a RestApi's stageArn output), and is the Go component with StageArn.
func TestConstructWebAclMatchesGo(t *testing.T) {
	ref := urn.URN("urn:pulumi:dev::yaml-api::" + restAPIToken + "::items")
	viaProvider, _, err := construct(t, webACLToken, "edge", map[string]property.Value{
		"stageArn":  str(stageArn).WithDependencies([]urn.URN{ref}),
		"rateLimit": property.New(500.0), "blockCountries": list(str("KP")),
	})
	require.NoError(t, err)
	assoc := viaProvider.ByType("aws:wafv2/webAclAssociation:WebAclAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, stageArn, assoc[0].Str("resourceArn"))

	want := fromGo(t, func(ctx *pulumi.Context) error {
		_, err := waf.New(ctx, "edge", &waf.Args{StageArn: pulumi.String(stageArn), RateLimit: 500,
			BlockCountries: []string{"KP"}})
		return err
	})
	sameChildren(t, want, viaProvider, webACLToken)

	e, _, err := construct(t, webACLToken, "none", map[string]property.Value{})
	require.Error(t, err, "a web ACL protects a stage")
	assert.Contains(t, err.Error(), "Stage: required")
	assert.Empty(t, e.Resources())
}

// A CustomDomain maps a RestApi's stage by its outputs and is the Go component with the same Args.
func TestConstructCustomDomainMatchesGo(t *testing.T) {
	viaProvider, resp, err := construct(t, domainToken, "api", map[string]property.Value{
		"domainName": str("api.example.com"), "region": str("eu-west-1"), "zoneName": str("example.com"),
		"mappings": list(obj(map[string]property.Value{"basePath": str("items"), "restApiId": str("a1b2c3"),
			"stageName": str("v1")})),
	})
	require.NoError(t, err)
	_, ok := resp.State.GetOk("url")
	assert.True(t, ok, "the url output")
	want := fromGo(t, func(ctx *pulumi.Context) error {
		_, err := customdomain.New(ctx, "api", &customdomain.Args{DomainName: "api.example.com", Region: "eu-west-1",
			ZoneName: "example.com", Mappings: []customdomain.Mapping{{BasePath: "items",
				RestAPIID: pulumi.String("a1b2c3"), StageName: pulumi.String("v1")}}})
		return err
	})
	sameChildren(t, want, viaProvider, domainToken)
}

// An EDGE domain without a certificate gets the us-east-1 provider a YAML program cannot hand over; refused input
// registers nothing, that provider included.
func TestAnEdgeDomainGetsAUsEast1Provider(t *testing.T) {
	e, _, err := construct(t, domainToken, "edge", map[string]property.Value{
		"domainName": str("api.example.com"), "endpointType": str("EDGE"), "region": str("eu-west-1"),
		"zoneName": str("example.com"),
		"mappings": list(obj(map[string]property.Value{"restApiId": str("a1b2c3"), "stageName": str("v1")})),
	})
	require.NoError(t, err)
	prov := e.Named("pulumi:providers:aws", "edge-us-east-1")
	require.NotNil(t, prov, "the us-east-1 provider")
	assert.Equal(t, "us-east-1", prov.Str("region"))
	certs := e.ByType("aws:acm/certificate:Certificate")
	require.Len(t, certs, 1)
	assert.Contains(t, certs[0].Provider, prov.URN, "the certificate is requested in us-east-1")

	e, _, err = construct(t, domainToken, "bad", map[string]property.Value{
		"domainName": str("API.example.com"), "endpointType": str("EDGE"), "region": str("eu-west-1"),
		"zoneName": str("example.com"),
		"mappings": list(obj(map[string]property.Value{"restApiId": str("a1b2c3"), "stageName": str("v1")})),
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DomainName")
	assert.NotContains(t, err.Error(), "EdgeProvider", "the provider makes it")
	assert.Empty(t, e.Resources())
}

// Shared resources arrive as another stack's outputs: values with dependencies (and secrets) nested in the
// blocks. They are wired, and nothing of their kind is created.
func TestSharedResourcesFromAStackReferenceAreWired(t *testing.T) {
	ref := []urn.URN{"urn:pulumi:dev::yaml-api::pulumi:pulumi:StackReference::shared"}
	poolArn := "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc"
	aclArn := "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shared/1a2b"
	keyArn := "arn:aws:kms:eu-west-1:123456789012:key/0e8a2ab4-1b8b-4f57-9d43-5a8cc1b0f3a1"
	topicArn := "arn:aws:sns:eu-west-1:123456789012:platform-alarms"
	e, _, err := construct(t, securedapi.TypeToken, "team", map[string]property.Value{
		"api": obj(map[string]property.Value{
			"routes": list(obj(map[string]property.Value{
				"path": str("/x"), "method": str("GET"), "integration": str("MOCK"), "apiKeyRequired": property.New(true),
				"authorization": str("COGNITO_USER_POOLS"), "authorizer": str("users"),
			})),
			"authorizers": list(obj(map[string]property.Value{"name": str("users"), "kind": str("COGNITO_USER_POOLS")})),
		}),
		"existingUserPool":  obj(map[string]property.Value{"arn": str(poolArn).WithDependencies(ref)}),
		"existingWebAclArn": str(aclArn).WithDependencies(ref),
		"logKey":            obj(map[string]property.Value{"existingArn": str(keyArn).WithDependencies(ref)}),
		"monitoring": obj(map[string]property.Value{"region": str("eu-west-1"),
			"topicArn": str(topicArn).WithDependencies(ref)}),
		"usagePlans": obj(map[string]property.Value{
			"tiers": list(obj(map[string]property.Value{"name": str("basic"),
				"throttle": obj(map[string]property.Value{"rateLimit": property.New(5.0), "burstLimit": property.New(10.0)}),
				"quota":    obj(map[string]property.Value{"limit": property.New(1000.0), "period": str("DAY")})})),
			"consumers": list(obj(map[string]property.Value{"name": str("acme"), "tier": str("basic"),
				"keyValue": str("acme-key-0123456789abcdef").WithSecret(true)})),
		}),
	})
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:cognito/userPool:UserPool"), "the shared pool is not copied")
	assert.Empty(t, e.ByType("aws:wafv2/webAcl:WebAcl"), "the shared web ACL is not copied")
	assert.Empty(t, e.ByType("aws:kms/key:Key"), "the shared log key is not copied")
	assert.Contains(t, e.ByType("aws:apigateway/restApi:RestApi")[0].Str("body"), poolArn)
	assoc := e.ByType("aws:wafv2/webAclAssociation:WebAclAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, aclArn, assoc[0].Str("webAclArn"))
	for _, lg := range e.ByType("aws:cloudwatch/logGroup:LogGroup") {
		assert.Equal(t, keyArn, lg.Str("kmsKeyId"), lg.Name)
	}
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"), "the shared alarm topic is not copied")
	assert.Equal(t, topicArn, e.Named("aws:cloudwatch/metricAlarm:MetricAlarm", "team-monitoring-5xx").Str("alarmActions.0"))
	keys := e.ByType("aws:apigateway/apiKey:ApiKey")
	require.Len(t, keys, 1)
	assert.True(t, keys[0].Inputs["value"].ContainsSecrets(), "the API key stays a secret")
}
