//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// A user's stack reuses our components next to resources of its own, built with the typed SDK. Each row adds
// resources of a type (or an inline/standalone form) a cited catalog judges and says what the rule must answer, so a
// rule that forgets a type, or ties a child to the wrong parent, fails here.

const (
	logKey  = "arn:aws:kms:us-east-1:123456789012:key/k"
	logsArn = "arn:aws:logs:us-east-1:123456789012:log-group:theirs"
)

// sdkStack is our restapi component plus what add registers beside it.
func sdkStack(t *testing.T, add func(ctx *pulumi.Context, ours *restapi.RestAPI) error) []policyx.AnalyzerResource {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		ours, err := restapi.New(ctx, "api", &restapi.Args{
			Routes: []restapi.Route{{Path: "/items", Method: "GET", Integration: restapi.Integration{Kind: restapi.LambdaProxy,
				Lambda: &restapi.LambdaTarget{InvokeArn: pulumi.String("arn:aws:apigateway:us-east-1:lambda:path/fn"),
					FunctionName: pulumi.String("fn")}}}},
			LogKmsKeyArn: pulumi.String(logKey),
		})
		if err != nil {
			return err
		}
		return add(ctx, ours)
	})
	require.NoError(t, err)
	return e.AnalyzerResources()
}

// theirStage is a REST stage of the user's on our API: as secure as ours unless edit says otherwise.
func theirStage(ctx *pulumi.Context, ours *restapi.RestAPI, edit func(*apigateway.StageArgs), opts ...pulumi.ResourceOption) (*apigateway.Stage, error) {
	args := &apigateway.StageArgs{RestApi: ours.API.ID(), Deployment: ours.Deployment.ID(), StageName: pulumi.String("v2"),
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{DestinationArn: pulumi.String(logsArn),
			Format: pulumi.String(restapi.AccessLogFormat())},
		XrayTracingEnabled: pulumi.Bool(true), ClientCertificateId: pulumi.String("cert-1")}
	if edit != nil {
		edit(args)
	}
	return apigateway.NewStage(ctx, "theirs", args, opts...)
}

// goodSettings logs at INFO with metrics, no data trace, throttled.
func goodSettings() *apigateway.MethodSettingsSettingsArgs {
	return &apigateway.MethodSettingsSettingsArgs{LoggingLevel: pulumi.String("INFO"), MetricsEnabled: pulumi.Bool(true),
		DataTraceEnabled: pulumi.Bool(false), ThrottlingRateLimit: pulumi.Float64(10), ThrottlingBurstLimit: pulumi.Int(20)}
}

// settingsOnlyDependingOnTheirs adds another stage of our API, and `*/*` settings naming our stage that merely
// DependsOn the other one: they configure ours, not theirs.
func settingsOnlyDependingOnTheirs(ctx *pulumi.Context, ours *restapi.RestAPI) error {
	theirs, err := theirStage(ctx, ours, nil)
	if err != nil {
		return err
	}
	_, err = apigateway.NewMethodSettings(ctx, "theirs-settings", &apigateway.MethodSettingsArgs{RestApi: ours.API.ID(),
		StageName: ours.Stage.StageName, MethodPath: pulumi.String("*/*"), Settings: goodSettings()},
		pulumi.DependsOn([]pulumi.Resource{theirs}))
	return err
}

// methodSetting adds settings for one method (items/GET) of our stage: goodSettings with edit applied.
func methodSetting(edit func(*apigateway.MethodSettingsSettingsArgs)) func(*pulumi.Context, *restapi.RestAPI) error {
	return func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
		s := goodSettings()
		edit(s)
		_, err := apigateway.NewMethodSettings(ctx, "theirs-settings", &apigateway.MethodSettingsArgs{RestApi: ours.API.ID(),
			StageName: ours.Stage.StageName, MethodPath: pulumi.String("items/GET"), Settings: s})
		return err
	}
}

func webSocketAPI(ctx *pulumi.Context, protocol string) (*apigatewayv2.Api, error) {
	args := &apigatewayv2.ApiArgs{ProtocolType: pulumi.String(protocol)}
	if protocol == "WEBSOCKET" {
		args.RouteSelectionExpression = pulumi.String("$request.body.action")
	}
	return apigatewayv2.NewApi(ctx, "v2api", args)
}

// v2Stage is a stage of a new v2 API of protocol: access logs on, nothing else unless edit adds it.
func v2Stage(ctx *pulumi.Context, protocol string, edit func(*apigatewayv2.StageArgs)) error {
	api, err := webSocketAPI(ctx, protocol)
	if err != nil {
		return err
	}
	args := &apigatewayv2.StageArgs{ApiId: api.ID(), Name: pulumi.String("live"),
		AccessLogSettings: &apigatewayv2.StageAccessLogSettingsArgs{DestinationArn: pulumi.String(logsArn),
			Format: pulumi.String(restapi.AccessLogFormat())}}
	if edit != nil {
		edit(args)
	}
	_, err = apigatewayv2.NewStage(ctx, "v2-stage", args)
	return err
}

// legacyAPI is a REST API of the user's built method by method: /a and /b, each with a GET method (IAM) and a
// validator, and a stage with logging and throttling on every method.
type legacyAPI struct {
	api        *apigateway.RestApi
	a, b       *apigateway.Resource
	getA, getB *apigateway.Method
	stage      *apigateway.Stage
}

func newLegacyAPI(ctx *pulumi.Context) (*legacyAPI, error) {
	l := &legacyAPI{}
	var err error
	if l.api, err = apigateway.NewRestApi(ctx, "legacy", &apigateway.RestApiArgs{}); err != nil {
		return nil, err
	}
	validator, err := apigateway.NewRequestValidator(ctx, "legacy-validator", &apigateway.RequestValidatorArgs{
		RestApi: l.api.ID(), ValidateRequestBody: pulumi.Bool(true), ValidateRequestParameters: pulumi.Bool(true)})
	if err != nil {
		return nil, err
	}
	resource := func(name string) (*apigateway.Resource, *apigateway.Method, error) {
		r, err := apigateway.NewResource(ctx, "legacy-"+name, &apigateway.ResourceArgs{RestApi: l.api.ID(),
			ParentId: l.api.RootResourceId, PathPart: pulumi.String(name)})
		if err != nil {
			return nil, nil, err
		}
		m, err := apigateway.NewMethod(ctx, "legacy-get-"+name, &apigateway.MethodArgs{RestApi: l.api.ID(),
			ResourceId: r.ID(), HttpMethod: pulumi.String("GET"), Authorization: pulumi.String("AWS_IAM"),
			RequestValidatorId: validator.ID()})
		if err != nil {
			return nil, nil, err
		}
		_, err = apigateway.NewIntegration(ctx, "legacy-get-"+name+"-integration", &apigateway.IntegrationArgs{
			RestApi: l.api.ID(), ResourceId: r.ID(), HttpMethod: m.HttpMethod, Type: pulumi.String("MOCK")})
		return r, m, err
	}
	if l.a, l.getA, err = resource("a"); err != nil {
		return nil, err
	}
	if l.b, l.getB, err = resource("b"); err != nil {
		return nil, err
	}
	deployment, err := apigateway.NewDeployment(ctx, "legacy-deployment", &apigateway.DeploymentArgs{RestApi: l.api.ID()},
		pulumi.DependsOn([]pulumi.Resource{l.getA, l.getB}))
	if err != nil {
		return nil, err
	}
	l.stage, err = apigateway.NewStage(ctx, "legacy-stage", &apigateway.StageArgs{RestApi: l.api.ID(),
		Deployment: deployment.ID(), StageName: pulumi.String("live")})
	if err != nil {
		return nil, err
	}
	_, err = apigateway.NewMethodSettings(ctx, "legacy-settings", &apigateway.MethodSettingsArgs{RestApi: l.api.ID(),
		StageName: l.stage.StageName, MethodPath: pulumi.String("*/*"), Settings: goodSettings()})
	return l, err
}

// preflight adds OPTIONS (NONE) on /a, answered by a MOCK integration and a 204 method response with CORS headers.
// mine: both are tied to the OPTIONS method by its resource and verb; otherwise they belong to GET /b and only
// depend on the OPTIONS method.
func (l *legacyAPI) preflight(ctx *pulumi.Context, mine bool) error {
	options, err := apigateway.NewMethod(ctx, "legacy-options-a", &apigateway.MethodArgs{RestApi: l.api.ID(),
		ResourceId: l.a.ID(), HttpMethod: pulumi.String("OPTIONS"), Authorization: pulumi.String("NONE")})
	if err != nil {
		return err
	}
	resourceID, verb, opts := l.a.ID(), pulumi.String("OPTIONS"), []pulumi.ResourceOption{}
	if !mine {
		resourceID, verb = l.b.ID(), pulumi.String("GET")
		opts = append(opts, pulumi.DependsOn([]pulumi.Resource{options}))
	}
	if _, err := apigateway.NewIntegration(ctx, "legacy-options-integration", &apigateway.IntegrationArgs{RestApi: l.api.ID(),
		ResourceId: resourceID, HttpMethod: verb, Type: pulumi.String("MOCK")}, opts...); err != nil {
		return err
	}
	_, err = apigateway.NewMethodResponse(ctx, "legacy-options-response", &apigateway.MethodResponseArgs{RestApi: l.api.ID(),
		ResourceId: resourceID, HttpMethod: verb, StatusCode: pulumi.String("204"),
		ResponseParameters: pulumi.BoolMap{"method.response.header.Access-Control-Allow-Origin": pulumi.Bool(true)}}, opts...)
	return err
}

func TestRulesJudgeEveryTypeTheirCatalogsJudge(t *testing.T) {
	type add = func(ctx *pulumi.Context, ours *restapi.RestAPI) error
	for _, tc := range []struct {
		name, slug string
		add        add
		want       baseline.Status
		// fails names the resource a violation must name; spared one no violation may name.
		fails, spared string
	}{
		// stage-access-logging: cdk-nag APIG1 and CKV_AWS_76 judge REST and v2 stages.
		{"APIG1/CKV_AWS_76: a REST stage without access logs", "stage-access-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.AccessLogSettings = nil })
			return err
		}, baseline.Fail, "theirs", ""},
		{"APIG1/CKV_AWS_76: a v2 stage without access logs", "stage-access-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", func(a *apigatewayv2.StageArgs) { a.AccessLogSettings = nil })
		}, baseline.Fail, "v2-stage", ""},
		{"APIG1: a v2 stage with a destination but no format", "stage-access-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", func(a *apigatewayv2.StageArgs) {
				a.AccessLogSettings = &apigatewayv2.StageAccessLogSettingsArgs{DestinationArn: pulumi.String(logsArn)}
			})
		}, baseline.Fail, "v2-stage", ""},
		{"APIG1/CKV_AWS_76: a v2 stage with access logs", "stage-access-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", nil)
		}, baseline.Pass, "", ""},
		{"a Deployment's stageName makes a stage without access logs", "stage-access-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("old")})
			return err
		}, baseline.Fail, "implicit", ""},

		// stage-execution-logging: APIG6, CKV2_AWS_4 (REST), Security Hub APIGateway.1 (REST and WebSocket).
		{"method settings for our stage that only DependsOn theirs do not cover theirs", "stage-execution-logging", settingsOnlyDependingOnTheirs, baseline.Fail, "theirs", ""},
		{"method settings naming the stage by a literal stageName cover it", "stage-execution-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			if _, err := theirStage(ctx, ours, nil); err != nil {
				return err
			}
			_, err := apigateway.NewMethodSettings(ctx, "theirs-settings", &apigateway.MethodSettingsArgs{RestApi: ours.API.ID(),
				StageName: pulumi.String("v2"), MethodPath: pulumi.String("*/*"), Settings: goodSettings()})
			return err
		}, baseline.Pass, "", ""},
		{"method settings of another API's stage of the same name do not cover it", "stage-execution-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			if _, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.StageName = pulumi.String("live") }); err != nil {
				return err
			}
			_, err = apigateway.NewMethodSettings(ctx, "theirs-settings", &apigateway.MethodSettingsArgs{RestApi: l.api.ID(),
				StageName: pulumi.String("live"), MethodPath: pulumi.String("*/*"), Settings: goodSettings()})
			return err
		}, baseline.Fail, "theirs", "legacy-stage"},
		{"CKV2_AWS_4: a per-method override without metrics", "stage-execution-logging", methodSetting(func(s *apigateway.MethodSettingsSettingsArgs) { s.MetricsEnabled = pulumi.Bool(false) }), baseline.Fail, "theirs-settings", ""},
		{"APIGateway.1: a WebSocket stage without execution logging", "stage-execution-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", nil)
		}, baseline.Fail, "v2-stage", ""},
		{"APIGateway.1: a WebSocket route turning logging OFF", "stage-execution-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", func(a *apigatewayv2.StageArgs) {
				a.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{LoggingLevel: pulumi.String("ERROR")}
				a.RouteSettings = apigatewayv2.StageRouteSettingArray{&apigatewayv2.StageRouteSettingArgs{
					RouteKey: pulumi.String("$connect"), LoggingLevel: pulumi.String("OFF")}}
			})
		}, baseline.Fail, "v2-stage", ""},
		{"APIGateway.1: a WebSocket stage logging at INFO", "stage-execution-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", func(a *apigatewayv2.StageArgs) {
				a.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{LoggingLevel: pulumi.String("INFO")}
			})
		}, baseline.Pass, "", ""},
		{"APIGateway.1: an HTTP API stage (no execution logs exist) is not judged", "stage-execution-logging", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", nil)
		}, baseline.Pass, "", ""},
		{"APIGateway.1: a Deployment's stageName makes a stage with no method settings", "stage-execution-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("old")})
			return err
		}, baseline.Fail, "implicit", ""},
		{"a Deployment's stage covered by its own method settings", "stage-execution-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			d, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("old")})
			if err != nil {
				return err
			}
			_, err = apigateway.NewMethodSettings(ctx, "implicit-settings", &apigateway.MethodSettingsArgs{RestApi: ours.API.ID(),
				StageName: d.StageName.Elem(), MethodPath: pulumi.String("*/*"), Settings: goodSettings()})
			return err
		}, baseline.Pass, "", ""},

		// stage-xray-tracing: APIGateway.3, CKV_AWS_73 (REST stages).
		{"CKV_AWS_73: a REST stage without X-Ray", "stage-xray-tracing", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.XrayTracingEnabled = nil })
			return err
		}, baseline.Fail, "theirs", ""},
		{"APIGateway.3: a Deployment's stageName makes a stage without X-Ray", "stage-xray-tracing", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("old")})
			return err
		}, baseline.Fail, "implicit", ""},
		{"a Deployment pointing our managed stage at itself is judged by the Stage", "stage-xray-tracing", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: ours.Stage.StageName})
			return err
		}, baseline.Pass, "", ""},
		{"a Deployment naming our stage by a literal name counts as a stage of its own", "stage-xray-tracing", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("v1")})
			return err
		}, baseline.Fail, "implicit", ""},

		// stage-client-certificate: APIGateway.2 (REST), CKV2_AWS_51 (REST, and v2 stages of WEBSOCKET APIs).
		{"CKV2_AWS_51: a REST stage without a client certificate", "stage-client-certificate", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.ClientCertificateId = nil })
			return err
		}, baseline.Fail, "theirs", ""},
		{"CKV2_AWS_51: a WebSocket stage without a client certificate", "stage-client-certificate", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", nil)
		}, baseline.Fail, "v2-stage", ""},
		{"CKV2_AWS_51: a WebSocket stage with a client certificate", "stage-client-certificate", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", func(a *apigatewayv2.StageArgs) { a.ClientCertificateId = pulumi.String("cert-1") })
		}, baseline.Pass, "", ""},
		{"CKV2_AWS_51: an HTTP API stage passes", "stage-client-certificate", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", nil)
		}, baseline.Pass, "", ""},
		{"APIGateway.2: a Deployment's stageName makes a stage without a certificate", "stage-client-certificate", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(), StageName: pulumi.String("old")})
			return err
		}, baseline.Fail, "implicit", ""},

		// method settings rules: CKV_AWS_276, CKV_AWS_308 / APIGateway.5 judge aws_api_gateway_method_settings.
		{"CKV_AWS_276: their method settings trace data", "method-data-trace-off", methodSetting(func(s *apigateway.MethodSettingsSettingsArgs) { s.DataTraceEnabled = pulumi.Bool(true) }), baseline.Fail, "theirs-settings", ""},
		{"CKV_AWS_308: their method settings cache unencrypted", "method-cache-encrypted", methodSetting(func(s *apigateway.MethodSettingsSettingsArgs) { s.CachingEnabled = pulumi.Bool(true) }), baseline.Fail, "theirs-settings", ""},

		// stage-throttling (project rule): every stage, REST or v2, throttles every method.
		{"a throttle for our stage that only DependsOn theirs does not throttle theirs", "stage-throttling", settingsOnlyDependingOnTheirs, baseline.Fail, "theirs", ""},
		{"a v2 stage without a default route throttle", "stage-throttling", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", nil)
		}, baseline.Fail, "v2-stage", ""},
		{"a v2 stage with a default route throttle", "stage-throttling", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "HTTP", func(a *apigatewayv2.StageArgs) {
				a.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{ThrottlingRateLimit: pulumi.Float64(10),
					ThrottlingBurstLimit: pulumi.Int(20)}
			})
		}, baseline.Pass, "", ""},

		// method-request-validation: APIG2 ties a validator to its API by restApiId; CKV2_AWS_53 judges each method.
		{"APIG2: a validator of our API that only DependsOn theirs does not validate theirs", "method-request-validation", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			theirs, err := apigateway.NewRestApi(ctx, "their-api", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			_, err = apigateway.NewRequestValidator(ctx, "their-validator", &apigateway.RequestValidatorArgs{RestApi: ours.API.ID(),
				ValidateRequestBody: pulumi.Bool(true), ValidateRequestParameters: pulumi.Bool(true)},
				pulumi.DependsOn([]pulumi.Resource{theirs}))
			return err
		}, baseline.Fail, "their-api", "api-api"},
		{"APIG2/CKV2_AWS_53: a method-by-method API with its validator", "method-request-validation", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			_, err := newLegacyAPI(ctx)
			return err
		}, baseline.Pass, "", ""},

		// method-authorization: APIG4 judges Method and v2 Route; CKV_AWS_59 judges Method.
		{"CKV_AWS_59: a method with authorization NONE", "method-authorization", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			_, err = apigateway.NewMethod(ctx, "open", &apigateway.MethodArgs{RestApi: l.api.ID(), ResourceId: l.a.ID(),
				HttpMethod: pulumi.String("POST"), Authorization: pulumi.String("NONE")})
			return err
		}, baseline.Fail, "open", ""},
		{"APIG4: a v2 route with authorization NONE", "method-authorization", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := webSocketAPI(ctx, "HTTP")
			if err != nil {
				return err
			}
			_, err = apigatewayv2.NewRoute(ctx, "open-route", &apigatewayv2.RouteArgs{ApiId: api.ID(),
				RouteKey: pulumi.String("GET /items"), AuthorizationType: pulumi.String("NONE")})
			return err
		}, baseline.Fail, "open-route", ""},
		{"APIG4: a v2 route with no authorization type", "method-authorization", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := webSocketAPI(ctx, "WEBSOCKET")
			if err != nil {
				return err
			}
			_, err = apigatewayv2.NewRoute(ctx, "open-route", &apigatewayv2.RouteArgs{ApiId: api.ID(), RouteKey: pulumi.String("$connect")})
			return err
		}, baseline.Fail, "open-route", ""},
		{"APIG4: a v2 route with IAM authorization", "method-authorization", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := webSocketAPI(ctx, "WEBSOCKET")
			if err != nil {
				return err
			}
			_, err = apigatewayv2.NewRoute(ctx, "iam-route", &apigatewayv2.RouteArgs{ApiId: api.ID(),
				RouteKey: pulumi.String("$connect"), AuthorizationType: pulumi.String("AWS_IAM")})
			return err
		}, baseline.Pass, "", ""},

		// method-preflight-is-mock: APIG4's OPTIONS exemption reads the method's own responses.
		{"APIG4: a preflight whose MOCK and 204 belong to another method", "method-preflight-is-mock", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, false)
		}, baseline.Fail, "legacy-options-a", ""},
		{"APIG4: a preflight tied to its MOCK and 204 by resource and verb", "method-preflight-is-mock", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, true)
		}, baseline.Pass, "", ""},

		// method-cache-per-caller (project rule): a cached "a/GET" covers GET /a, whatever it depends on.
		{"a cache on a/GET covers GET /a, not the GET /b it DependsOn", "method-cache-per-caller", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			s := goodSettings()
			s.CachingEnabled, s.CacheDataEncrypted = pulumi.Bool(true), pulumi.Bool(true)
			_, err = apigateway.NewMethodSettings(ctx, "legacy-cache-a", &apigateway.MethodSettingsArgs{RestApi: l.api.ID(),
				StageName: l.stage.StageName, MethodPath: pulumi.String("a/GET"), Settings: s},
				pulumi.DependsOn([]pulumi.Resource{l.getB}))
			return err
		}, baseline.Fail, "legacy-get-a", "legacy-get-b"},

		// deployment-create-before-delete: CKV_AWS_217 judges aws_api_gateway_deployment.
		{"CKV_AWS_217: their deployment deleted before replacement", "deployment-create-before-delete", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "their-deployment", &apigateway.DeploymentArgs{RestApi: ours.API.ID()},
				pulumi.DeleteBeforeReplace(true))
			return err
		}, baseline.Fail, "their-deployment", ""},

		// log groups: CKV_AWS_66, CKV_AWS_338, CKV_AWS_158 judge aws_cloudwatch_log_group.
		{"CKV_AWS_66: a log group without retention", "log-group-retention", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			_, err := cloudwatch.NewLogGroup(ctx, "their-logs", &cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey)})
			return err
		}, baseline.Fail, "their-logs", ""},
		{"CKV_AWS_338: a log group kept 30 days", "log-group-retention", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			_, err := cloudwatch.NewLogGroup(ctx, "their-logs", &cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey),
				RetentionInDays: pulumi.Int(30)})
			return err
		}, baseline.Fail, "their-logs", ""},
		{"CKV_AWS_338: a log group kept 400 days", "log-group-retention", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			_, err := cloudwatch.NewLogGroup(ctx, "their-logs", &cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey),
				RetentionInDays: pulumi.Int(400)})
			return err
		}, baseline.Pass, "", ""},
		{"CKV_AWS_158: a log group without a KMS key", "log-group-kms", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			_, err := cloudwatch.NewLogGroup(ctx, "their-logs", &cloudwatch.LogGroupArgs{RetentionInDays: pulumi.Int(365)})
			return err
		}, baseline.Fail, "their-logs", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := sdkStack(t, tc.add)
			got := evaluate(t, rs, nil)[ruleName(t, tc.slug)]
			require.Equal(t, tc.want, got.Status, "%v", got.Violations)
			var named []string
			for _, v := range got.Violations {
				named = append(named, v.URN)
			}
			if tc.fails != "" {
				assert.Contains(t, named, urnNamed(t, rs, tc.fails), "the violation names the breaking resource")
			}
			if tc.spared != "" {
				assert.False(t, slices.Contains(named, urnNamed(t, rs, tc.spared)), "%s is not at fault: %v", tc.spared, named)
			}
		})
	}
}

// Our component alone passes every rule of this family: the rows above start from a passing stack.
func TestSDKStackBasePasses(t *testing.T) {
	rs := sdkStack(t, func(*pulumi.Context, *restapi.RestAPI) error { return nil })
	got := evaluate(t, rs, nil)
	for _, slug := range []string{"stage-access-logging", "stage-execution-logging", "stage-xray-tracing",
		"stage-client-certificate", "method-data-trace-off", "stage-throttling", "method-request-validation",
		"method-authorization", "method-preflight-is-mock", "deployment-create-before-delete", "log-group-retention",
		"log-group-kms"} {
		assert.Contains(t, []baseline.Status{baseline.Pass, baseline.NA}, got[ruleName(t, slug)].Status, "%s: %v",
			slug, got[ruleName(t, slug)].Violations)
	}
}

func urnNamed(t *testing.T, rs []policyx.AnalyzerResource, name string) string {
	t.Helper()
	for _, r := range rs {
		if r.Name == name {
			return r.URN
		}
	}
	t.Fatalf("no resource named %s", name)
	return ""
}

// In a first preview the API's id and the stage's name can be known only after deploy: the settings are then tied to
// the stage by their inputs' property dependencies, and a DependsOn alone still does not tie them.
func TestPreviewSettingsAreTiedByTheirInputsDependencies(t *testing.T) {
	preview := func(keepInputDeps bool) []policyx.AnalyzerResource {
		rs := sdkStack(t, func(*pulumi.Context, *restapi.RestAPI) error { return nil })
		stageURN := urnNamed(t, rs, "api-stage")
		for i, r := range rs {
			if r.Type != settings && r.Type != stage {
				continue
			}
			for _, key := range []string{"restApi", "stageName"} {
				if r.Type == settings || key == "restApi" {
					rs[i].Properties = rs[i].Properties.Set(key, property.New(property.Computed))
				}
			}
			if r.Type == settings && !keepInputDeps {
				rs[i].PropertyDependencies = nil
				rs[i].Dependencies = append(rs[i].Dependencies, stageURN)
			}
		}
		return rs
	}
	for _, slug := range []string{"stage-execution-logging", "stage-throttling"} {
		assert.Equal(t, baseline.Pass, evaluate(t, preview(true), nil)[ruleName(t, slug)].Status, slug)
		assert.Equal(t, baseline.Fail, evaluate(t, preview(false), nil)[ruleName(t, slug)].Status, slug)
	}
}
