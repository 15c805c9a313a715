package restapi_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
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
	for _, r := range e.Resources() {
		for _, perRoute := range []string{methodType, integration, "aws:apigateway/resource:Resource",
			"aws:apigateway/model:Model", "aws:apigateway/response:Response"} {
			assert.NotEqual(t, perRoute, r.Type, "%s: the document defines routes, not one resource each", r.Name)
		}
	}
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
	doc := document(t, evaluate(t, fullArgs()))
	validators := obj(t, doc, "x-amazon-apigateway-request-validators")
	assert.Equal(t, map[string]any{"validateRequestBody": true, "validateRequestParameters": true}, validators["body-and-params"])
	assert.Equal(t, map[string]any{"validateRequestBody": false, "validateRequestParameters": true}, validators["params-only"])
	for path := range obj(t, doc, "paths") {
		for method, raw := range obj(t, doc, "paths", path) {
			op := raw.(map[string]any)
			assert.Contains(t, validators, op["x-amazon-apigateway-request-validator"], "%s %s has no validator (APIG2)", method, path)
			if method == "options" {
				assert.Empty(t, security(t, op), "CORS preflight carries no credentials")
				continue
			}
			assert.Equal(t, []map[string]any{{"sigv4": []any{}}}, security(t, op), "%s %s is IAM-authorized", method, path)
		}
	}
	post := operation(t, doc, "POST", "/items")
	assert.Equal(t, "body-and-params", post["x-amazon-apigateway-request-validator"])
	assert.Equal(t, "#/components/schemas/PostItemsRequest",
		obj(t, post, "requestBody", "content", "application/json", "schema")["$ref"])
	schema, err := json.Marshal(obj(t, doc, "components", "schemas", "PostItemsRequest"))
	require.NoError(t, err)
	assert.JSONEq(t, strings.Replace(itemSchema, `"$schema":"http://json-schema.org/draft-04/schema#",`, "", 1), string(schema),
		"the model is the route's schema, but for $schema, which an OpenAPI 3.0 schema cannot carry")
	assert.Equal(t, map[string]bool{"query.limit": true}, parameters(operation(t, doc, "GET", "/items")))
	assert.Equal(t, "params-only", operation(t, doc, "GET", "/items")["x-amazon-apigateway-request-validator"])
	assert.Equal(t, "Authorization", obj(t, doc, "components", "securitySchemes", "sigv4")["name"])
	assert.Equal(t, "awsSigv4", obj(t, doc, "components", "securitySchemes", "sigv4")["x-amazon-apigateway-authtype"])
}

func TestIntegrationsPerKind(t *testing.T) {
	doc := document(t, evaluate(t, fullArgs()))
	proxy := integrationOf(t, operation(t, doc, "ANY", "/proxy/{proxy+}"))
	assert.Equal(t, "http_proxy", proxy["type"])
	assert.Equal(t, "ANY", proxy["httpMethod"])
	assert.Equal(t, "https://backend.example.com/{proxy}", proxy["uri"])
	assert.Equal(t, map[string]any{"integration.request.path.proxy": "method.request.path.proxy"}, proxy["requestParameters"])
	assert.Equal(t, map[string]bool{"path.proxy": true}, parameters(operation(t, doc, "ANY", "/proxy/{proxy+}")),
		"API Gateway's convention: {proxy+} declares the parameter proxy")

	lambda := integrationOf(t, operation(t, doc, "DELETE", "/items/{id}"))
	assert.Equal(t, "aws_proxy", lambda["type"])
	assert.Equal(t, "POST", lambda["httpMethod"], "Lambda is always invoked with POST")
	assert.Equal(t, lambdaTarget().InvokeArn.(pulumi.String), pulumi.String(lambda["uri"].(string)))
	assert.Equal(t, 29000.0, lambda["timeoutInMillis"])

	mock := integrationOf(t, operation(t, doc, "GET", "/"))
	assert.Equal(t, "mock", mock["type"])
	assert.Equal(t, "never", mock["passthroughBehavior"])
	assert.Equal(t, `{"statusCode": 200}`, obj(t, mock, "requestTemplates")["application/json"])
	answer := obj(t, mock, "responses", "default")
	assert.Equal(t, "200", answer["statusCode"])
	assert.Equal(t, `{"name":"api"}`, obj(t, answer, "responseTemplates")["application/json"])
	assert.Equal(t, "'nosniff'", obj(t, answer, "responseParameters")["method.response.header.X-Content-Type-Options"])
	assert.Contains(t, obj(t, operation(t, doc, "GET", "/"), "responses"), "200")
}

func TestDeploymentFollowsTheDocument(t *testing.T) {
	e := evaluate(t, fullArgs())
	dep := e.ByType(deploymentType)[0]
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	assert.True(t, dep.DependsOn(api), "the deployment snapshots the imported document")
	assert.Equal(t, "overwrite", api.Str("putRestApiMode"), "the document is the whole API: nothing survives from before")
	assert.False(t, dep.DeleteBeforeReplace, "create-before-delete (CKV_AWS_217)")
	assert.False(t, dep.Protect, "a protected deployment could never be replaced")
	assert.Len(t, dep.Inputs["triggers"].ObjectValue(), 1)
	sum := sha256.Sum256([]byte(api.Str("body")))
	assert.Equal(t, hex.EncodeToString(sum[:]), dep.Str("triggers.document"), "the trigger is the document's hash")

	stage := e.ByType(stageType)[0]
	assert.True(t, stage.DependsOn(dep))
	assert.Equal(t, dep.ID, stage.Str("deployment"))
	for _, s := range e.ByType(settingsType) {
		assert.True(t, s.DependsOn(stage), "method settings must wait for the stage")
	}
}

func trigger(t *testing.T, args *restapi.Args) string {
	t.Helper()
	return evaluate(t, args).ByType(deploymentType)[0].Str("triggers.document")
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

// Past PermissionsPerFunction routes on one function, its grants group by the deepest path prefix that fits, so the
// function's 20 KB resource policy cannot overflow; every route stays covered.
func TestInvokePermissionsGroupByPrefixPastTheBudget(t *testing.T) {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	other := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: &restapi.LambdaTarget{
		InvokeArn: pulumi.String("arn:other"), FunctionName: pulumi.String("other")}}
	var routes []restapi.Route
	for i := 0; i < 12; i++ {
		for _, m := range []string{"GET", "PUT", "DELETE", "PATCH"} {
			routes = append(routes, restapi.Route{Path: fmt.Sprintf("/c%d/{id}", i), Method: m, Integration: fn})
		}
		routes = append(routes, restapi.Route{Path: fmt.Sprintf("/c%d", i), Method: "GET", Integration: fn})
	}
	routes = append(routes, restapi.Route{Path: "/health", Method: "GET", Integration: other})
	e := evaluate(t, &restapi.Args{Routes: routes})
	exec := "arn:aws:execute-api:us-east-1:123456789012:" + e.ByType("aws:apigateway/restApi:RestApi")[0].ID
	sources := map[string][]string{}
	for _, p := range e.ByType(permissionType) {
		sources[p.Str("function")] = append(sources[p.Str("function")], strings.TrimPrefix(p.Str("sourceArn"), exec))
	}
	assert.Equal(t, []string{"/*/GET/health"}, sources["other"], "a function under the budget keeps exact grants")
	assert.Len(t, sources["backend"], 24, "60 routes, grouped by top-level collection: itself and below")
	assert.LessOrEqual(t, len(sources["backend"]), restapi.PermissionsPerFunction)
	assert.Contains(t, sources["backend"], "/*/*/c3")
	assert.Contains(t, sources["backend"], "/*/*/c3/*")
}

func TestTooManyTopLevelPathsOnOneFunctionIsRefused(t *testing.T) {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	var routes []restapi.Route
	for i := 0; i <= restapi.PermissionsPerFunction; i++ {
		routes = append(routes, restapi.Route{Path: fmt.Sprintf("/c%d", i), Method: "GET", Integration: fn})
	}
	_, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := restapi.New(ctx, "shop", &restapi.Args{Routes: routes})
		return err
	})
	require.ErrorContains(t, err, "split its routes over more functions")
}

func TestGatewayResponsesLeakNothing(t *testing.T) {
	doc := document(t, evaluate(t, fullArgs()))
	responses := obj(t, doc, "x-amazon-apigateway-gateway-responses")
	types := map[string]any{}
	for typ := range responses {
		r := obj(t, responses, typ)
		types[typ] = r["statusCode"]
		body := obj(t, r, "responseTemplates")["application/json"].(string)
		assert.NotContains(t, body, "$context.error", "%s echoes AWS's error text", typ)
		assert.Contains(t, body, "$context.requestId")
		headers := obj(t, r, "responseParameters")
		assert.Equal(t, "'nosniff'", headers["gatewayresponse.header.X-Content-Type-Options"])
		assert.Equal(t, "'https://app.example.com'", headers["gatewayresponse.header.Access-Control-Allow-Origin"],
			"browsers must be able to read authorizer errors (CORS on gateway responses)")
	}
	assert.Equal(t, "400", types["DEFAULT_4XX"])
	assert.Equal(t, "500", types["DEFAULT_5XX"])
	assert.Equal(t, "404", types["MISSING_AUTHENTICATION_TOKEN"])
	assert.Equal(t, "401", types["UNAUTHORIZED"])
	assert.Equal(t, "403", types["ACCESS_DENIED"])
	assert.Equal(t, "HEADER", doc["x-amazon-apigateway-api-key-source"])
}

func TestCorsPreflightPerPath(t *testing.T) {
	doc := document(t, evaluate(t, fullArgs()))
	for path := range obj(t, doc, "paths") {
		operation(t, doc, "OPTIONS", path) // every path has its preflight
	}
	pre := operation(t, doc, "OPTIONS", "/items")
	assert.Empty(t, security(t, pre))
	in := integrationOf(t, pre)
	assert.Equal(t, "mock", in["type"])
	answer := obj(t, in, "responses", "default")
	assert.Equal(t, "204", answer["statusCode"])
	h := obj(t, answer, "responseParameters")
	assert.Equal(t, "'OPTIONS,GET,POST'", h["method.response.header.Access-Control-Allow-Methods"])
	assert.Equal(t, "'https://app.example.com'", h["method.response.header.Access-Control-Allow-Origin"])
	assert.Equal(t, []string{"204"}, keys(obj(t, pre, "responses")), "a preflight answers nothing but 204")
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestProtectCoversStatefulChildrenOnly(t *testing.T) {
	args := fullArgs()
	args.Protect = true
	e := evaluate(t, args)
	for _, lg := range e.ByType(logGroupType) {
		assert.True(t, lg.Protect, lg.Name)
		assert.True(t, lg.RetainOnDelete, lg.Name)
	}
	for _, typ := range []string{deploymentType, stageType, "aws:apigateway/restApi:RestApi"} {
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
		{"endpoints on regional", with(func(a *restapi.Args) {
			a.VpcEndpointIDs = []pulumi.StringInput{pulumi.String("vpce-0123456789abcdef0")}
		}), []string{"VpcEndpointIDs: only a PRIVATE"}},
		{"bad endpoint id", with(func(a *restapi.Args) {
			a.EndpointType = restapi.Private
			a.VpcEndpointIDs = []pulumi.StringInput{pulumi.String("vpc-1")}
		}), []string{"VpcEndpointIDs[0]"}},
		{"stage name", with(func(a *restapi.Args) { a.StageName = "prod stage" }), []string{"StageName"}},
		{"log level OFF", with(func(a *restapi.Args) { a.ExecutionLogLevel = "OFF" }), []string{"ExecutionLogLevel", "INFO, ERROR"}},
		{"retention", with(func(a *restapi.Args) { a.LogRetentionDays = 42 }), []string{"LogRetentionDays: 42"}},
		{"throttle", with(func(a *restapi.Args) { a.Throttle.RateLimit = -1 }), []string{"Throttle.RateLimit"}},
		{"cache size", with(func(a *restapi.Args) { a.Cache = &restapi.Cache{SizeGB: "2"} }), []string{"Cache.SizeGB"}},
		{"cors wildcard", with(func(a *restapi.Args) { a.Cors = &restapi.Cors{AllowOrigin: "*"} }), []string{"Cors.AllowOrigin"}},
		{"cors http", with(func(a *restapi.Args) { a.Cors = &restapi.Cors{AllowOrigin: "http://app.example.com"} }), []string{"Cors.AllowOrigin"}},
		{"cors headers wildcard", with(func(a *restapi.Args) {
			a.Cors = &restapi.Cors{AllowOrigin: "https://app.example.com", AllowHeaders: "*"}
		}), []string{"Cors.AllowHeaders", "wildcard"}},
		{"cors headers with a wildcard among names", with(func(a *restapi.Args) {
			a.Cors = &restapi.Cors{AllowOrigin: "https://app.example.com", AllowHeaders: "Content-Type,*"}
		}), []string{"Cors.AllowHeaders", "wildcard"}},
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
		{"root cache", route(func(r *restapi.Route) { r.Path = "/"; r.Cache = true }), []string{"Routes[0].Cache: per-method caching cannot target the root path"}},
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
