package restapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	component      = "secure-apigw:apigateway:RestApi"
	methodType     = "aws:apigateway/method:Method"
	integration    = "aws:apigateway/integration:Integration"
	deploymentType = "aws:apigateway/deployment:Deployment"
	stageType      = "aws:apigateway/stage:Stage"
	settingsType   = "aws:apigateway/methodSettings:MethodSettings"
	logGroupType   = "aws:cloudwatch/logGroup:LogGroup"
	permissionType = "aws:lambda/permission:Permission"
)

const itemSchema = `{"$schema":"http://json-schema.org/draft-04/schema#","type":"object",
  "required":["name"],"properties":{"name":{"type":"string"}}}`

func lambdaTarget() *restapi.LambdaTarget {
	return &restapi.LambdaTarget{
		InvokeArn:    pulumi.String("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:backend/invocations"),
		FunctionName: pulumi.String("backend"),
	}
}

// fullArgs exercises every route kind and optional feature at once.
func fullArgs() *restapi.Args {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	return &restapi.Args{
		Routes: []restapi.Route{
			{Path: "/", Method: "GET", Integration: restapi.Integration{Kind: restapi.Mock, MockBody: `{"name":"api"}`}},
			{Path: "/items", Method: "GET", Integration: fn, RequiredParameters: []string{"querystring.limit"}},
			{Path: "/items", Method: "POST", Integration: fn, RequestSchema: itemSchema,
				Throttle: &restapi.Throttle{RateLimit: 5}},
			{Path: "/items/{id}", Method: "DELETE", Integration: fn},
			{Path: "/proxy/{proxy+}", Method: "ANY", Integration: restapi.Integration{
				Kind: restapi.HTTPProxy, URL: "https://backend.example.com/{proxy}"}},
		},
		Cors:  &restapi.Cors{AllowOrigin: "https://app.example.com"},
		Cache: &restapi.Cache{},
	}
}

func evaluate(t *testing.T, args *restapi.Args, opts ...pulumi.ResourceOption) *mockengine.Engine {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := restapi.New(ctx, "shop", args, opts...)
		return err
	})
	require.NoError(t, err)
	return e
}

func TestEveryChildIsOwnedAndNamedFromTheInstance(t *testing.T) {
	e := evaluate(t, fullArgs())
	assert.Empty(t, e.OwnershipProblems(component, "shop"))
	assert.GreaterOrEqual(t, len(e.Resources()), 50)
}

func TestStageIsLockedDown(t *testing.T) {
	e := evaluate(t, fullArgs())
	stage := e.ByType(stageType)[0]
	tracing, _ := stage.Bool("xrayTracingEnabled")
	assert.True(t, tracing, "X-Ray (APIGateway.3)")
	assert.Equal(t, "v1", stage.Str("stageName"))
	assert.NotEmpty(t, stage.Str("clientCertificateId"), "backend client certificate (APIGateway.2)")
	cache, _ := stage.Bool("cacheClusterEnabled")
	assert.True(t, cache)

	var format map[string]string
	require.NoError(t, json.Unmarshal([]byte(stage.Str("accessLogSettings.format")), &format), "JSON access logs")
	for _, field := range []string{"requestId", "extendedRequestId", "ip", "caller", "user", "requestTime", "httpMethod",
		"resourcePath", "status", "protocol", "responseLength", "integrationLatency", "integrationStatus",
		"authorizerError", "apiKeyId", "xrayTraceId"} {
		assert.Contains(t, format, field)
	}
	access := e.Named(logGroupType, "shop-access-logs")
	assert.Equal(t, access.Outputs["arn"].StringValue(), stage.Str("accessLogSettings.destinationArn"))

	exec := e.Named(logGroupType, "shop-execution-logs")
	api := e.Named("aws:apigateway/restApi:RestApi", "shop-api")
	assert.Equal(t, "API-Gateway-Execution-Logs_"+api.ID+"/v1", exec.Str("name"))
	assert.True(t, stage.DependsOn(exec), "the stage must wait for the pre-created execution log group")
	for _, lg := range []*mockengine.Resource{access, exec} {
		days, _ := lg.Num("retentionInDays")
		assert.Equal(t, 365.0, days)
	}

	all := e.Named(settingsType, "shop-method-settings")
	assert.Equal(t, "*/*", all.Str("methodPath"))
	assert.Equal(t, "INFO", all.Str("settings.loggingLevel"))
	dataTrace, set := all.Bool("settings.dataTraceEnabled")
	assert.True(t, set)
	assert.False(t, dataTrace, "data trace off (CKV_AWS_276)")
	metrics, _ := all.Bool("settings.metricsEnabled")
	assert.True(t, metrics)
	encrypted, _ := all.Bool("settings.cacheDataEncrypted")
	assert.True(t, encrypted, "cache encrypted (APIGateway.5)")
	rate, _ := all.Num("settings.throttlingRateLimit")
	assert.Equal(t, restapi.DefaultThrottleRateLimit, rate)

	// The POST /items override keeps every other setting and only lowers the rate.
	post := e.Named(settingsType, "shop-method-settings-post-items")
	require.NotNil(t, post)
	assert.Equal(t, "items/POST", post.Str("methodPath"))
	rate, _ = post.Num("settings.throttlingRateLimit")
	burst, _ := post.Num("settings.throttlingBurstLimit")
	assert.Equal(t, 5.0, rate)
	assert.Equal(t, float64(restapi.DefaultThrottleBurstLimit), burst)
	assert.Equal(t, "INFO", post.Str("settings.loggingLevel"))
}

func TestMethodsAreAuthorizedAndValidated(t *testing.T) {
	e := evaluate(t, fullArgs())
	for _, m := range e.ByType(methodType) {
		assert.NotEmpty(t, m.Str("requestValidatorId"), "%s has no validator (APIG2)", m.Name)
		if m.Str("httpMethod") == "OPTIONS" {
			assert.Equal(t, "NONE", m.Str("authorization"), "CORS preflight carries no credentials")
			continue
		}
		assert.Equal(t, "AWS_IAM", m.Str("authorization"), m.Name)
	}
	post := e.Named(methodType, "shop-post-items")
	assert.Equal(t, "PostItemsRequest", post.Str("requestModels.application/json"))
	model := e.Named("aws:apigateway/model:Model", "shop-post-items-model")
	assert.JSONEq(t, itemSchema, model.Str("schema"))
	get := e.Named(methodType, "shop-get-items")
	params := get.Inputs["requestParameters"].ObjectValue()
	assert.True(t, params["method.request.querystring.limit"].BoolValue())

	bodyValidator := e.Named("aws:apigateway/requestValidator:RequestValidator", "shop-validate-body-and-params")
	assert.Equal(t, bodyValidator.ID, post.Str("requestValidatorId"))
}

func TestResourceTreeSharesParents(t *testing.T) {
	e := evaluate(t, fullArgs())
	paths := map[string]string{}
	for _, r := range e.ByType("aws:apigateway/resource:Resource") {
		paths[r.Outputs["path"].StringValue()] = r.Name
	}
	assert.Equal(t, map[string]string{
		"/items": "shop-res-items", "/items/{id}": "shop-res-items-id",
		"/proxy": "shop-res-proxy", "/proxy/{proxy+}": "shop-res-proxy-proxy-greedy",
	}, paths)
	integ := e.Named(integration, "shop-any-proxy-proxy-greedy-integration")
	assert.Equal(t, "HTTP_PROXY", integ.Str("type"))
	params := integ.Inputs["requestParameters"].ObjectValue()
	assert.Equal(t, "method.request.path.proxy", params["integration.request.path.proxy"].StringValue())
}

func TestDeploymentWaitsForEverythingItSnapshots(t *testing.T) {
	e := evaluate(t, fullArgs())
	dep := e.ByType(deploymentType)[0]
	snapshot := []string{methodType, integration, "aws:apigateway/methodResponse:MethodResponse",
		"aws:apigateway/integrationResponse:IntegrationResponse", "aws:apigateway/response:Response",
		"aws:apigateway/model:Model", "aws:apigateway/requestValidator:RequestValidator"}
	for _, typ := range snapshot {
		rs := e.ByType(typ)
		require.NotEmpty(t, rs, typ)
		for _, r := range rs {
			assert.True(t, dep.DependsOn(r), "deployment does not depend on %s %s", typ, r.Name)
		}
	}
	assert.False(t, dep.DeleteBeforeReplace, "create-before-delete (CKV_AWS_217)")
	assert.False(t, dep.Protect, "a protected deployment could never be replaced")
	assert.Len(t, dep.Inputs["triggers"].ObjectValue(), 1)

	stage := e.ByType(stageType)[0]
	assert.True(t, stage.DependsOn(dep))
	assert.Equal(t, dep.ID, stage.Str("deployment"))
	for _, s := range e.ByType(settingsType) {
		assert.True(t, s.DependsOn(stage), "method settings must wait for the stage")
	}
}

func trigger(t *testing.T, args *restapi.Args) string {
	t.Helper()
	return evaluate(t, args).ByType(deploymentType)[0].Str("triggers.definition")
}

func TestTriggerHashTracksTheDefinitionOnly(t *testing.T) {
	base := trigger(t, fullArgs())
	require.Len(t, base, 64)
	changes := []struct {
		name   string
		mutate func(a *restapi.Args)
		same   bool
	}{
		{"route path", func(a *restapi.Args) { a.Routes[3].Path = "/items/{itemId}" }, false},
		{"route added", func(a *restapi.Args) {
			a.Routes = append(a.Routes, restapi.Route{Path: "/ping", Method: "GET",
				Integration: restapi.Integration{Kind: restapi.Mock}})
		}, false},
		{"method", func(a *restapi.Args) { a.Routes[3].Method = "PUT" }, false},
		{"model schema", func(a *restapi.Args) { a.Routes[2].RequestSchema = `{"type":"object","required":["id"]}` }, false},
		{"validator (schema removed)", func(a *restapi.Args) { a.Routes[2].RequestSchema = "" }, false},
		{"validator (required parameter)", func(a *restapi.Args) {
			a.Routes[1].RequiredParameters = []string{"header.X-Tenant"}
		}, false},
		{"api key requirement", func(a *restapi.Args) { a.Routes[1].ApiKeyRequired = true }, false},
		{"integration url", func(a *restapi.Args) { a.Routes[4].Integration.URL = "https://other.example.com/{proxy}" }, false},
		{"lambda target", func(a *restapi.Args) {
			a.Routes[1].Integration.Lambda = &restapi.LambdaTarget{InvokeArn: pulumi.String("arn:other"),
				FunctionName: pulumi.String("other")}
		}, false},
		{"mock body", func(a *restapi.Args) { a.Routes[0].Integration.MockBody = `{"v":2}` }, false},
		{"cors origin", func(a *restapi.Args) { a.Cors.AllowOrigin = "https://other.example.com" }, false},
		{"resource policy", func(a *restapi.Args) { a.ResourcePolicy = pulumi.String(`{"Version":"2012-10-17","Statement":[]}`) }, false},
		{"schema reformatted", func(a *restapi.Args) { a.Routes[2].RequestSchema = strings.ReplaceAll(itemSchema, "\n  ", " ") }, true},
		{"routes reordered", func(a *restapi.Args) { a.Routes[1], a.Routes[3] = a.Routes[3], a.Routes[1] }, true},
		{"stage throttle", func(a *restapi.Args) { a.Throttle = restapi.Throttle{RateLimit: 1, BurstLimit: 2} }, true},
		{"log retention", func(a *restapi.Args) { a.LogRetentionDays = 30 }, true},
		{"tracing", func(a *restapi.Args) { a.XRayTracing = new(bool) }, true},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			args := fullArgs()
			c.mutate(args)
			got := trigger(t, args)
			if c.same {
				assert.Equal(t, base, got, "must not redeploy")
			} else {
				assert.NotEqual(t, base, got, "must redeploy")
			}
		})
	}
	assert.Equal(t, base, trigger(t, fullArgs()), "deterministic")
}

func TestInvokePermissionsAreScopedToMethodAndPath(t *testing.T) {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	e := evaluate(t, &restapi.Args{Routes: []restapi.Route{
		{Path: "/", Method: "GET", Integration: fn},
		{Path: "/items", Method: "POST", Integration: fn},
		{Path: "/items/{id}", Method: "GET", Integration: fn},
		{Path: "/files/{proxy+}", Method: "ANY", Integration: fn},
	}})
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	exec := "arn:aws:execute-api:us-east-1:123456789012:" + api.ID
	want := map[string]string{
		"shop-get-root-invoke":               exec + "/*/GET/",
		"shop-post-items-invoke":             exec + "/*/POST/items",
		"shop-get-items-id-invoke":           exec + "/*/GET/items/*",
		"shop-any-files-proxy-greedy-invoke": exec + "/*/*/files/*",
	}
	perms := e.ByType(permissionType)
	require.Len(t, perms, len(want))
	for _, p := range perms {
		assert.Equal(t, want[p.Name], p.Str("sourceArn"), p.Name)
		assert.Equal(t, "apigateway.amazonaws.com", p.Str("principal"))
		assert.Equal(t, "lambda:InvokeFunction", p.Str("action"))
	}
}

func TestGatewayResponsesLeakNothing(t *testing.T) {
	e := evaluate(t, fullArgs())
	responses := e.ByType("aws:apigateway/response:Response")
	types := map[string]string{}
	for _, r := range responses {
		types[r.Str("responseType")] = r.Str("statusCode")
		body := r.Inputs["responseTemplates"].ObjectValue()["application/json"].StringValue()
		assert.NotContains(t, body, "$context.error", "%s echoes AWS's error text", r.Name)
		assert.Contains(t, body, "$context.requestId")
		headers := r.Inputs["responseParameters"].ObjectValue()
		assert.Equal(t, "'nosniff'", headers["gatewayresponse.header.X-Content-Type-Options"].StringValue())
		assert.Equal(t, "'https://app.example.com'", headers["gatewayresponse.header.Access-Control-Allow-Origin"].StringValue(),
			"browsers must be able to read authorizer errors (CORS on gateway responses)")
	}
	assert.Equal(t, "400", types["DEFAULT_4XX"])
	assert.Equal(t, "500", types["DEFAULT_5XX"])
	assert.Equal(t, "404", types["MISSING_AUTHENTICATION_TOKEN"])
	assert.Equal(t, "401", types["UNAUTHORIZED"])
	assert.Equal(t, "403", types["ACCESS_DENIED"])
}

func TestCorsPreflightPerPath(t *testing.T) {
	e := evaluate(t, fullArgs())
	ir := e.Named("aws:apigateway/integrationResponse:IntegrationResponse", "shop-options-items-integration-response")
	require.NotNil(t, ir)
	h := ir.Inputs["responseParameters"].ObjectValue()
	assert.Equal(t, "'OPTIONS,GET,POST'", h["method.response.header.Access-Control-Allow-Methods"].StringValue())
	assert.Equal(t, "'https://app.example.com'", h["method.response.header.Access-Control-Allow-Origin"].StringValue())
	assert.Equal(t, "204", ir.Str("statusCode"))
}

func TestPrivateAPIGetsAnEndpointPolicyBeforeDeployment(t *testing.T) {
	args := fullArgs()
	args.EndpointType = restapi.Private
	args.VpcEndpointIDs = []string{"vpce-0123456789abcdef0"}
	e := evaluate(t, args)
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	assert.Equal(t, "PRIVATE", api.Str("endpointConfiguration.types"))
	assert.Equal(t, "vpce-0123456789abcdef0", api.Str("endpointConfiguration.vpcEndpointIds.0"))
	policy := e.ByType("aws:apigateway/restApiPolicy:RestApiPolicy")
	require.Len(t, policy, 1)
	assert.Contains(t, policy[0].Str("policy"), `"aws:SourceVpce":["vpce-0123456789abcdef0"]`)
	assert.True(t, e.ByType(deploymentType)[0].DependsOn(policy[0]))
}

func TestProtectCoversStatefulChildrenOnly(t *testing.T) {
	args := fullArgs()
	args.Protect = true
	e := evaluate(t, args)
	for _, lg := range e.ByType(logGroupType) {
		assert.True(t, lg.Protect, lg.Name)
		assert.True(t, lg.RetainOnDelete, lg.Name)
	}
	for _, typ := range []string{deploymentType, stageType, methodType} {
		for _, r := range e.ByType(typ) {
			assert.False(t, r.Protect, r.Name)
		}
	}
}

func TestOptionalFeaturesAreWired(t *testing.T) {
	args := fullArgs()
	args.LogKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")
	args.ClientCertificate = new(bool)
	args.ExecutionLogLevel = "ERROR"
	e2, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		acct, err := apigateway.NewAccount(ctx, "account", &apigateway.AccountArgs{})
		if err != nil {
			return err
		}
		args.LoggingPrerequisites = []pulumi.Resource{acct}
		_, err = restapi.New(ctx, "shop", args)
		return err
	})
	require.NoError(t, err)
	marker := e2.Named("aws:apigateway/account:Account", "account")
	for _, s := range e2.ByType(settingsType) {
		assert.True(t, s.DependsOn(marker), "execution logging must wait for the account's CloudWatch role")
		assert.Equal(t, "ERROR", s.Str("settings.loggingLevel"))
	}
	for _, lg := range e2.ByType(logGroupType) {
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/k", lg.Str("kmsKeyId"))
	}
	assert.Empty(t, e2.ByType("aws:apigateway/clientCertificate:ClientCertificate"))
	assert.Empty(t, e2.ByType(stageType)[0].Str("clientCertificateId"))
}

func TestInvalidArgsAreRefusedWholeAndRegisterNothing(t *testing.T) {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	ok := restapi.Route{Path: "/items", Method: "GET", Integration: fn}
	with := func(mut func(a *restapi.Args)) *restapi.Args {
		a := &restapi.Args{Routes: []restapi.Route{ok}}
		mut(a)
		return a
	}
	route := func(mut func(r *restapi.Route)) *restapi.Args {
		r := ok
		mut(&r)
		return &restapi.Args{Routes: []restapi.Route{r}}
	}
	tests := []struct {
		name string
		args *restapi.Args
		want []string
	}{
		{"nil args", nil, []string{"args are required"}},
		{"no routes", &restapi.Args{}, []string{"Routes: at least one route"}},
		{"endpoint type", with(func(a *restapi.Args) { a.EndpointType = "GLOBAL" }), []string{"EndpointType", "REGIONAL, EDGE, PRIVATE"}},
		{"private without endpoints", with(func(a *restapi.Args) { a.EndpointType = restapi.Private }), []string{"VpcEndpointIDs"}},
		{"endpoints on regional", with(func(a *restapi.Args) { a.VpcEndpointIDs = []string{"vpce-0123456789abcdef0"} }), []string{"VpcEndpointIDs: only a PRIVATE"}},
		{"bad endpoint id", with(func(a *restapi.Args) { a.EndpointType = restapi.Private; a.VpcEndpointIDs = []string{"vpc-1"} }), []string{"VpcEndpointIDs[0]"}},
		{"stage name", with(func(a *restapi.Args) { a.StageName = "prod stage" }), []string{"StageName"}},
		{"log level OFF", with(func(a *restapi.Args) { a.ExecutionLogLevel = "OFF" }), []string{"ExecutionLogLevel", "INFO, ERROR"}},
		{"retention", with(func(a *restapi.Args) { a.LogRetentionDays = 42 }), []string{"LogRetentionDays: 42"}},
		{"throttle", with(func(a *restapi.Args) { a.Throttle.RateLimit = -1 }), []string{"Throttle.RateLimit"}},
		{"cache size", with(func(a *restapi.Args) { a.Cache = &restapi.Cache{SizeGB: "2"} }), []string{"Cache.SizeGB"}},
		{"cors wildcard", with(func(a *restapi.Args) { a.Cors = &restapi.Cors{AllowOrigin: "*"} }), []string{"Cors.AllowOrigin"}},
		{"cors http", with(func(a *restapi.Args) { a.Cors = &restapi.Cors{AllowOrigin: "http://app.example.com"} }), []string{"Cors.AllowOrigin"}},
		{"path", route(func(r *restapi.Route) { r.Path = "items/" }), []string{"Routes[0].Path"}},
		{"greedy not last", route(func(r *restapi.Route) { r.Path = "/{proxy+}/x" }), []string{"Routes[0].Path", "greedy"}},
		{"method", route(func(r *restapi.Route) { r.Method = "FETCH" }), []string{"Routes[0].Method"}},
		{"none without opt-in", route(func(r *restapi.Route) { r.Authorization = restapi.AuthNone; r.ApiKeyRequired = true }), []string{"AllowUnauthenticatedRoutes"}},
		{"none without key", with(func(a *restapi.Args) {
			a.AllowUnauthenticatedRoutes = true
			a.Routes[0].Authorization = restapi.AuthNone
		}), []string{"ApiKeyRequired"}},
		{"unknown authorization", route(func(r *restapi.Route) { r.Authorization = "COGNITO" }), []string{"Routes[0].Authorization"}},
		{"schema not json", route(func(r *restapi.Route) { r.Method = "POST"; r.RequestSchema = "{" }), []string{"Routes[0].RequestSchema"}},
		{"schema on GET", route(func(r *restapi.Route) { r.RequestSchema = `{"type":"object"}` }), []string{"no body"}},
		{"parameter", route(func(r *restapi.Route) { r.RequiredParameters = []string{"cookie.x"} }), []string{"Routes[0].RequiredParameters[0]"}},
		{"lambda missing", route(func(r *restapi.Route) { r.Integration.Lambda = nil }), []string{"Routes[0].Integration.Lambda"}},
		{"http url", route(func(r *restapi.Route) {
			r.Integration = restapi.Integration{Kind: restapi.HTTPProxy, URL: "http://x.example.com"}
		}), []string{"Routes[0].Integration.URL", "https"}},
		{"url placeholder", route(func(r *restapi.Route) {
			r.Integration = restapi.Integration{Kind: restapi.HTTPProxy, URL: "https://x.example.com/{id}"}
		}), []string{"{id}"}},
		{"integration kind", route(func(r *restapi.Route) { r.Integration.Kind = "AWS" }), []string{"Routes[0].Integration.Kind"}},
		{"timeout", route(func(r *restapi.Route) { r.Integration.TimeoutMs = 60000 }), []string{"Routes[0].Integration.TimeoutMs"}},
		{"duplicate route", with(func(a *restapi.Args) { a.Routes = append(a.Routes, ok) }), []string{"Routes[1]", "already declared"}},
		{"sibling params", with(func(a *restapi.Args) {
			a.Routes = append(a.Routes, restapi.Route{Path: "/items/{id}", Method: "GET", Integration: fn},
				restapi.Route{Path: "/items/{name}", Method: "PUT", Integration: fn})
		}), []string{"sibling parameters"}},
		{"root throttle", route(func(r *restapi.Route) { r.Path = "/"; r.Throttle = &restapi.Throttle{RateLimit: 1} }), []string{"Routes[0].Throttle"}},
		{"options with cors", with(func(a *restapi.Args) {
			a.Cors = &restapi.Cors{AllowOrigin: "https://a.example.com"}
			a.Routes[0].Method = "OPTIONS"
		}), []string{"OPTIONS is generated"}},
		{"several at once", with(func(a *restapi.Args) { a.StageName = "!"; a.LogRetentionDays = 2 }), []string{"StageName", "LogRetentionDays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.args != nil {
				require.Error(t, tt.args.Validate())
			}
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := restapi.New(ctx, "shop", tt.args)
				return err
			})
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources(), "a refused Args must register nothing")
		})
	}
}

func TestAccessLogFormatIsOneJSONLine(t *testing.T) {
	f := restapi.AccessLogFormat()
	assert.NotContains(t, f, "\n")
	var m map[string]string
	require.NoError(t, json.Unmarshal([]byte(f), &m))
	assert.Equal(t, "$context.requestId", m["requestId"])
}
