//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"slices"
	"strings"
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
)

// A second reviewer's pass over the API Gateway and log rules: each row is a case read off the catalog's own source
// (checkov's check file or graph yaml, cdk-nag's rule, the Security Hub control page) that the rows of
// apigateway_sdk_test.go do not replay. The row's name says what the catalog answers; where ours is stricter the row
// says so, and COVERAGE.md documents it.

// theirSettings registers method settings on api for the stage named stageName.
func theirSettings(ctx *pulumi.Context, api pulumi.IDOutput, stageName pulumi.StringInput, path string,
	edit func(*apigateway.MethodSettingsSettingsArgs), opts ...pulumi.ResourceOption) error {
	s := goodSettings()
	if edit != nil {
		edit(s)
	}
	_, err := apigateway.NewMethodSettings(ctx, "theirs-settings", &apigateway.MethodSettingsArgs{RestApi: api,
		StageName: stageName, MethodPath: pulumi.String(path), Settings: s}, opts...)
	return err
}

// stageWithSettings is their stage on our API plus method settings for it at path, edited.
func stageWithSettings(path string, edit func(*apigateway.MethodSettingsSettingsArgs)) func(*pulumi.Context, *restapi.RestAPI) error {
	return func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
		theirs, err := theirStage(ctx, ours, nil)
		if err != nil {
			return err
		}
		return theirSettings(ctx, ours.API.ID(), theirs.StageName, path, edit)
	}
}

func theirLogGroup(args *cloudwatch.LogGroupArgs) func(*pulumi.Context, *restapi.RestAPI) error {
	return func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
		_, err := cloudwatch.NewLogGroup(ctx, "their-logs", args)
		return err
	}
}

func TestReviewProbesAPIGatewayCatalogs(t *testing.T) {
	type add = func(ctx *pulumi.Context, ours *restapi.RestAPI) error
	for _, tc := range []struct {
		name, slug string
		add        add
		// cfg is the rule's config (nil: defaults).
		cfg           map[string]any
		want          baseline.Status
		fails, spared string
	}{
		// stage-access-logging. APIG1 (APIGWAccessLogging.ts): destinationArn and format not undefined, CfnStage and
		// v2. CKV_AWS_76: access_log_settings/[0]/destination_arn, any value.
		{name: "APIG1: a REST stage with a destination but no format fails", slug: "stage-access-logging", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) {
				a.AccessLogSettings = &apigateway.StageAccessLogSettingsArgs{DestinationArn: pulumi.String(logsArn)}
			})
			return err
		}, want: baseline.Fail, fails: "theirs", spared: "api-stage"},
		{name: "stricter: an empty destination counts as none (CKV_AWS_76's any value, APIG1's defined, would pass it)", slug: "stage-access-logging", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) {
				a.AccessLogSettings = &apigateway.StageAccessLogSettingsArgs{DestinationArn: pulumi.String(""),
					Format: pulumi.String(restapi.AccessLogFormat())}
			})
			return err
		}, want: baseline.Fail, fails: "theirs"},
		{name: "APIG1/CKV_AWS_76: a REST stage with destination and format passes", slug: "stage-access-logging", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, nil)
			return err
		}, want: baseline.Pass},

		// stage-execution-logging. APIG6: a "*" "/*" setting at ERROR or INFO. CKV2_AWS_4: the stage's connected
		// method settings at ERROR or INFO and metrics_enabled true. APIGateway.1: ERROR or INFO for every method.
		{name: "APIG6/CKV2_AWS_4: */* at ERROR with metrics passes", slug: "stage-execution-logging",
			add:  stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.LoggingLevel = pulumi.String("ERROR") }),
			want: baseline.Pass},
		{name: "APIG6: */* at OFF fails", slug: "stage-execution-logging",
			add:  stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.LoggingLevel = pulumi.String("OFF") }),
			want: baseline.Fail, fails: "theirs"},
		{name: "CKV2_AWS_4: */* at INFO without metrics_enabled fails", slug: "stage-execution-logging",
			add:  stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.MetricsEnabled = nil }),
			want: baseline.Fail, fails: "theirs-settings"},
		{name: "APIG6/APIGateway.1: only a per-method setting (items/GET) leaves the other methods unlogged", slug: "stage-execution-logging",
			add:  stageWithSettings("items/GET", nil),
			want: baseline.Fail, fails: "theirs"},
		{name: "CKV2_AWS_4: a per-method override with no logging level fails", slug: "stage-execution-logging", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			return theirSettings(ctx, ours.API.ID(), ours.Stage.StageName, "items/GET",
				func(s *apigateway.MethodSettingsSettingsArgs) { s.LoggingLevel = nil })
		}, want: baseline.Fail, fails: "theirs-settings"},
		{name: "a stage of another API, named as ours and DependsOn ours, is not covered by our settings", slug: "stage-execution-logging", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			_, err = apigateway.NewStage(ctx, "theirs", &apigateway.StageArgs{RestApi: l.api.ID(), Deployment: ours.Deployment.ID(),
				StageName: ours.Stage.StageName}, pulumi.DependsOn([]pulumi.Resource{ours.Stage, ours.API}))
			return err
		}, want: baseline.Fail, fails: "theirs", spared: "api-stage"},

		// stage-xray-tracing. CKV_AWS_73: xray_tracing_enabled true on aws_api_gateway_stage.
		{name: "CKV_AWS_73: xrayTracingEnabled false fails", slug: "stage-xray-tracing", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.XrayTracingEnabled = pulumi.Bool(false) })
			return err
		}, want: baseline.Fail, fails: "theirs", spared: "api-stage"},
		{name: "CKV_AWS_73 judges REST stages only: a v2 stage passes", slug: "stage-xray-tracing", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			return v2Stage(ctx, "WEBSOCKET", nil)
		}, want: baseline.Pass},

		// stage-client-certificate. CKV2_AWS_51: client_certificate_id exists on the REST stage; a v2 stage passes
		// when no aws_apigatewayv2_api is connected, or the connected one is not WEBSOCKET.
		{name: "stricter: an empty clientCertificateId counts as none (CKV2_AWS_51's exists would pass it)", slug: "stage-client-certificate", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.ClientCertificateId = pulumi.String("") })
			return err
		}, want: baseline.Fail, fails: "theirs"},
		{name: "CKV2_AWS_51: a v2 stage naming a WebSocket API by a literal id is not connected to it and passes", slug: "stage-client-certificate", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			if _, err := webSocketAPI(ctx, "WEBSOCKET"); err != nil {
				return err
			}
			_, err := apigatewayv2.NewStage(ctx, "v2-stage", &apigatewayv2.StageArgs{ApiId: pulumi.String("abc123"), Name: pulumi.String("live")})
			return err
		}, want: baseline.Pass},

		// method-cache-encrypted. CKV_AWS_308: caching_enabled implies cache_data_encrypted (absent: false).
		// APIGateway.5: a method's encryption is judged only when that method caches.
		{name: "CKV_AWS_308: caching with cacheDataEncrypted false fails", slug: "method-cache-encrypted",
			add: stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) {
				s.CachingEnabled, s.CacheDataEncrypted = pulumi.Bool(true), pulumi.Bool(false)
			}), want: baseline.Fail, fails: "theirs-settings"},
		{name: "CKV_AWS_308: caching encrypted passes", slug: "method-cache-encrypted",
			add: stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) {
				s.CachingEnabled, s.CacheDataEncrypted = pulumi.Bool(true), pulumi.Bool(true)
			}), want: baseline.Pass},
		{name: "APIGateway.5: a stage cache cluster with no caching method is not judged failing", slug: "method-cache-encrypted", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) {
				a.CacheClusterEnabled, a.CacheClusterSize = pulumi.Bool(true), pulumi.String("0.5")
			})
			return err
		}, want: baseline.Pass},

		// method-data-trace-off. CKV_AWS_276: settings/[0]/data_trace_enabled not true, on every method settings.
		{name: "CKV_AWS_276: */* tracing data fails", slug: "method-data-trace-off",
			add:  stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.DataTraceEnabled = pulumi.Bool(true) }),
			want: baseline.Fail, fails: "theirs-settings"},
		{name: "CKV_AWS_276: data trace absent passes", slug: "method-data-trace-off",
			add:  stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.DataTraceEnabled = nil }),
			want: baseline.Pass},

		// method-request-validation. CKV2_AWS_53: request_validator_id exists on every aws_api_gateway_method.
		// APIG2: a CfnRequestValidator whose restApiId is the API.
		{name: "CKV2_AWS_53: a Method resource on our body-defined API without a validator fails", slug: "method-request-validation", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewMethod(ctx, "their-method", &apigateway.MethodArgs{RestApi: ours.API.ID(),
				ResourceId: ours.API.RootResourceId, HttpMethod: pulumi.String("POST"), Authorization: pulumi.String("AWS_IAM")})
			return err
		}, want: baseline.Fail, fails: "their-method", spared: "api-api"},
		{name: "CKV2_AWS_53: an OPTIONS method is judged too", slug: "method-request-validation", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, true)
		}, want: baseline.Fail, fails: "legacy-options-a", spared: "legacy"},
		{name: "stricter: an empty requestValidatorId counts as none (CKV2_AWS_53's exists would pass it)", slug: "method-request-validation", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewMethod(ctx, "their-method", &apigateway.MethodArgs{RestApi: ours.API.ID(),
				ResourceId: ours.API.RootResourceId, HttpMethod: pulumi.String("POST"), Authorization: pulumi.String("AWS_IAM"),
				RequestValidatorId: pulumi.String("")})
			return err
		}, want: baseline.Fail, fails: "their-method"},
		{name: "APIG2: an API whose validator checks the parameters alone fails", slug: "method-request-validation", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := apigateway.NewRestApi(ctx, "their-api", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			_, err = apigateway.NewRequestValidator(ctx, "their-validator", &apigateway.RequestValidatorArgs{RestApi: api.ID(),
				ValidateRequestBody: pulumi.Bool(false), ValidateRequestParameters: pulumi.Bool(true)})
			return err
		}, want: baseline.Fail, fails: "their-api"},
		{name: "APIG2: an API whose only validator checks the body alone fails", slug: "method-request-validation", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := apigateway.NewRestApi(ctx, "their-api", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			_, err = apigateway.NewRequestValidator(ctx, "their-validator", &apigateway.RequestValidatorArgs{RestApi: api.ID(),
				ValidateRequestBody: pulumi.Bool(true)})
			return err
		}, want: baseline.Fail, fails: "their-api", spared: "api-api"},
		{name: "APIG2: an API with a body-and-parameters validator passes", slug: "method-request-validation", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			api, err := apigateway.NewRestApi(ctx, "their-api", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			_, err = apigateway.NewRequestValidator(ctx, "their-validator", &apigateway.RequestValidatorArgs{RestApi: api.ID(),
				ValidateRequestBody: pulumi.Bool(true), ValidateRequestParameters: pulumi.Bool(true)})
			return err
		}, want: baseline.Pass},

		// method-authorization. CKV_AWS_59 (current checkov): fails http_method != OPTIONS with authorization NONE
		// and api_key_required absent or false. APIG4: NONE or absent fails, CfnMethod and CfnRoute.
		{name: "stricter: NONE with an API key fails without the allowApiKeyOnly waiver (CKV_AWS_59 passes it; APIG4 fails it)", slug: "method-authorization", add: keyOnlyMethod, want: baseline.Fail, fails: "key-only"},
		{name: "NONE with an API key is WAIVED (not passed) under allowApiKeyOnly", slug: "method-authorization", add: keyOnlyMethod,
			cfg: map[string]any{"allowApiKeyOnly": true}, want: baseline.Waived},
		{name: "CKV_AWS_59: OPTIONS with NONE is exempt (method-preflight-is-mock judges it)", slug: "method-authorization", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, true)
		}, want: baseline.Pass},

		// method-preflight-is-mock. APIG4: an OPTIONS CfnMethod is exempt only when its methodResponses (resolved)
		// all are 204 with an Access-Control-Allow-* parameter set to true; undefined responses are not exempt.
		{name: "APIG4: an unauthenticated OPTIONS with a MOCK and no method responses fails", slug: "method-preflight-is-mock", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			options, err := apigateway.NewMethod(ctx, "open-options", &apigateway.MethodArgs{RestApi: l.api.ID(),
				ResourceId: l.b.ID(), HttpMethod: pulumi.String("OPTIONS"), Authorization: pulumi.String("NONE")})
			if err != nil {
				return err
			}
			_, err = apigateway.NewIntegration(ctx, "open-options-integration", &apigateway.IntegrationArgs{RestApi: l.api.ID(),
				ResourceId: l.b.ID(), HttpMethod: options.HttpMethod, Type: pulumi.String("MOCK")})
			return err
		}, want: baseline.Fail, fails: "open-options"},
		{name: "APIG4: a 204 whose Access-Control-Allow-* parameter is false is not a preflight answer", slug: "method-preflight-is-mock", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			options, err := apigateway.NewMethod(ctx, "open-options", &apigateway.MethodArgs{RestApi: l.api.ID(),
				ResourceId: l.b.ID(), HttpMethod: pulumi.String("OPTIONS"), Authorization: pulumi.String("NONE")})
			if err != nil {
				return err
			}
			if _, err = apigateway.NewIntegration(ctx, "open-options-integration", &apigateway.IntegrationArgs{RestApi: l.api.ID(),
				ResourceId: l.b.ID(), HttpMethod: options.HttpMethod, Type: pulumi.String("MOCK")}); err != nil {
				return err
			}
			_, err = apigateway.NewMethodResponse(ctx, "open-options-response", &apigateway.MethodResponseArgs{RestApi: l.api.ID(),
				ResourceId: l.b.ID(), HttpMethod: options.HttpMethod, StatusCode: pulumi.String("204"),
				ResponseParameters: pulumi.BoolMap{"method.response.header.Access-Control-Allow-Origin": pulumi.Bool(false)}})
			return err
		}, want: baseline.Fail, fails: "open-options"},

		{name: "APIG4: a preflight with a second, non-204 method response is not exempt", slug: "method-preflight-is-mock", add: func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			if err := l.preflight(ctx, true); err != nil {
				return err
			}
			_, err = apigateway.NewMethodResponse(ctx, "legacy-options-200", &apigateway.MethodResponseArgs{RestApi: l.api.ID(),
				ResourceId: l.a.ID(), HttpMethod: pulumi.String("OPTIONS"), StatusCode: pulumi.String("200")})
			return err
		}, want: baseline.Fail, fails: "legacy-options-a"},

		// deployment-create-before-delete. CKV_AWS_217: lifecycle create_before_destroy; Pulumi's default.
		{name: "CKV_AWS_217: deleteBeforeReplace false, written out, passes", slug: "deployment-create-before-delete", add: func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewDeployment(ctx, "their-deployment", &apigateway.DeploymentArgs{RestApi: ours.API.ID()},
				pulumi.DeleteBeforeReplace(false))
			return err
		}, want: baseline.Pass},

		// log groups. CKV_AWS_66: retention_in_days, any value. CKV_AWS_338: 0 or >= 365 (absent fails).
		// CKV_AWS_158: kms_key_id, any value.
		{name: "stricter: retention 0 (never expire) fails, where CKV_AWS_66 and CKV_AWS_338 pass it", slug: "log-group-retention",
			add: theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey), RetentionInDays: pulumi.Int(0)}), want: baseline.Fail, fails: "their-logs"},
		{name: "CKV_AWS_338: retention 3 days fails", slug: "log-group-retention",
			add: theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey), RetentionInDays: pulumi.Int(3)}), want: baseline.Fail, fails: "their-logs"},
		{name: "CKV_AWS_338: retention 365 days passes", slug: "log-group-retention",
			add: theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey), RetentionInDays: pulumi.Int(365)}), want: baseline.Pass},
		{name: "minimumDays 30 (a waiver of CKV_AWS_338): 30 days is WAIVED, not passed", slug: "log-group-retention",
			add: theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey), RetentionInDays: pulumi.Int(30)}),
			cfg: map[string]any{"minimumDays": 30.0}, want: baseline.Waived},
		{name: "stricter: an empty kmsKeyId counts as none (CKV_AWS_158's any value would pass it)", slug: "log-group-kms",
			add: theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(""), RetentionInDays: pulumi.Int(365)}), want: baseline.Fail, fails: "their-logs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := sdkStack(t, tc.add)
			var cfg baseline.Config
			if tc.cfg != nil {
				cfg = baseline.Config{ruleName(t, tc.slug): {Properties: tc.cfg, Reason: "review probe"}}
			}
			got := evaluate(t, rs, cfg)[ruleName(t, tc.slug)]
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

// keyOnlyMethod is a method protected by an API key alone, with a validator.
func keyOnlyMethod(ctx *pulumi.Context, _ *restapi.RestAPI) error {
	l, err := newLegacyAPI(ctx)
	if err != nil {
		return err
	}
	_, err = apigateway.NewMethod(ctx, "key-only", &apigateway.MethodArgs{RestApi: l.api.ID(), ResourceId: l.b.ID(),
		HttpMethod: pulumi.String("POST"), Authorization: pulumi.String("NONE"), ApiKeyRequired: pulumi.Bool(true),
		RequestValidatorId: l.getB.RequestValidatorId})
	return err
}

// A value known only after deploy does not fail a preview: each failing stack below turns passing once the judged
// input is unknown, and fails again once it is known (the row above it).
func TestReviewUnknownInputsGetTheBenefitOfTheDoubt(t *testing.T) {
	for _, tc := range []struct {
		slug, resource string
		add            func(*pulumi.Context, *restapi.RestAPI) error
		paths          []string
	}{
		{"stage-access-logging", "theirs", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.AccessLogSettings = nil })
			return err
		}, []string{"accessLogSettings.destinationArn", "accessLogSettings.format"}},
		{"stage-xray-tracing", "theirs", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.XrayTracingEnabled = pulumi.Bool(false) })
			return err
		}, []string{"xrayTracingEnabled"}},
		{"stage-client-certificate", "theirs", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.ClientCertificateId = nil })
			return err
		}, []string{"clientCertificateId"}},
		{"stage-execution-logging", "theirs-settings",
			stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.LoggingLevel = pulumi.String("OFF") }),
			[]string{"settings.loggingLevel"}},
		{"method-cache-encrypted", "theirs-settings",
			stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) {
				s.CachingEnabled, s.CacheDataEncrypted = pulumi.Bool(true), pulumi.Bool(false)
			}), []string{"settings.cacheDataEncrypted"}},
		{"method-data-trace-off", "theirs-settings",
			stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.DataTraceEnabled = pulumi.Bool(true) }),
			[]string{"settings.dataTraceEnabled"}},
		{"method-request-validation", "their-method", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := apigateway.NewMethod(ctx, "their-method", &apigateway.MethodArgs{RestApi: ours.API.ID(),
				ResourceId: ours.API.RootResourceId, HttpMethod: pulumi.String("POST"), Authorization: pulumi.String("AWS_IAM")})
			return err
		}, []string{"requestValidatorId"}},
		{"log-group-retention", "their-logs", theirLogGroup(&cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(logKey)}), []string{"retentionInDays"}},
		{"log-group-kms", "their-logs", theirLogGroup(&cloudwatch.LogGroupArgs{RetentionInDays: pulumi.Int(365)}), []string{"kmsKeyId"}},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			rs := sdkStack(t, tc.add)
			require.Equal(t, baseline.Fail, evaluate(t, rs, nil)[ruleName(t, tc.slug)].Status, "known: judged")
			i := slices.IndexFunc(rs, func(r policyx.AnalyzerResource) bool { return r.Name == tc.resource })
			require.GreaterOrEqual(t, i, 0)
			unknown := property.New(property.Computed)
			for _, p := range tc.paths {
				rs[i].Properties = setPath(rs[i].Properties, strings.Split(p, "."), &unknown)
			}
			got := evaluate(t, rs, nil)[ruleName(t, tc.slug)]
			assert.NotEqual(t, baseline.Fail, got.Status, "unknown %v: %v", tc.paths, got.Violations)
		})
	}
}

// API Gateway's x-amazon-apigateway-auth extension (type NONE or AWS_IAM, case-insensitive) sets an operation's
// authorization as a sigv4 security scheme does: an operation it makes AWS_IAM is authorized, one it leaves NONE
// is not.
func TestReviewBodyAuthExtension(t *testing.T) {
	for _, tc := range []struct {
		authType string
		want     baseline.Status
	}{{"AWS_IAM", baseline.Pass}, {"aws_iam", baseline.Pass}, {"NONE", baseline.Fail}} {
		t.Run(tc.authType, func(t *testing.T) {
			rs := sdkStack(t, func(*pulumi.Context, *restapi.RestAPI) error { return nil })
			mutateDoc(t, rs, func(doc map[string]any) {
				o := op(doc, "get", "/items")
				delete(o, "security")
				o["x-amazon-apigateway-auth"] = map[string]any{"type": tc.authType}
			})
			got := evaluate(t, rs, nil)[ruleName(t, "method-authorization")]
			assert.Equal(t, tc.want, got.Status, "%v", got.Violations)
		})
	}
}

// A preview may know a whole nested input only after deploy (accessLogSettings built in an apply), or an input a
// join reads (an integration's type, a response's status): neither fails the preview.
func TestReviewUnknownObjectsAndJoinedInputs(t *testing.T) {
	unknown := property.New(property.Computed)
	for _, tc := range []struct {
		name, slug string
		add        func(*pulumi.Context, *restapi.RestAPI) error
		edit       func(t *testing.T, rs []policyx.AnalyzerResource)
	}{
		{"accessLogSettings unknown as a whole", "stage-access-logging", func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
			_, err := theirStage(ctx, ours, func(a *apigateway.StageArgs) { a.AccessLogSettings = nil })
			return err
		}, func(t *testing.T, rs []policyx.AnalyzerResource) {
			mutate(t, rs, stage, "theirs", "accessLogSettings", &unknown)
		}},
		{"method settings unknown as a whole", "stage-execution-logging",
			stageWithSettings("*/*", func(s *apigateway.MethodSettingsSettingsArgs) { s.LoggingLevel = pulumi.String("OFF") }),
			func(t *testing.T, rs []policyx.AnalyzerResource) {
				mutate(t, rs, settings, "theirs-settings", "settings", &unknown)
			}},
		{"the settings' methodPath unknown", "stage-execution-logging",
			stageWithSettings("*/*", nil),
			func(t *testing.T, rs []policyx.AnalyzerResource) {
				mutate(t, rs, settings, "theirs-settings", "methodPath", &unknown)
			}},
		{"the throttle's methodPath unknown", "stage-throttling",
			stageWithSettings("*/*", nil),
			func(t *testing.T, rs []policyx.AnalyzerResource) {
				mutate(t, rs, settings, "theirs-settings", "methodPath", &unknown)
			}},
		{"a preflight's integration type and response status unknown", "method-preflight-is-mock", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, true)
		}, func(t *testing.T, rs []policyx.AnalyzerResource) {
			mutate(t, rs, "aws:apigateway/integration:Integration", "legacy-options-integration", "type", &unknown)
			mutate(t, rs, methodResponse, "legacy-options-response", "statusCode", &unknown)
		}},
		{"a preflight's response parameters unknown", "method-preflight-is-mock", func(ctx *pulumi.Context, _ *restapi.RestAPI) error {
			l, err := newLegacyAPI(ctx)
			if err != nil {
				return err
			}
			return l.preflight(ctx, true)
		}, func(t *testing.T, rs []policyx.AnalyzerResource) {
			mutate(t, rs, methodResponse, "legacy-options-response", "responseParameters", &unknown)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := sdkStack(t, tc.add)
			tc.edit(t, rs)
			got := evaluate(t, rs, nil)[ruleName(t, tc.slug)]
			assert.NotEqual(t, baseline.Fail, got.Status, "%v", got.Violations)
		})
	}
}

// A Deployment whose stageName is taken from a Stage of another API makes a stage of that name on its own API, which
// no Stage manages: the stack stage rules judge it as they judge any Deployment's stageName. (stage-access-logging
// and stage-xray-tracing are resource policies, which cannot see the Stage's API: COVERAGE.md says so.)
func TestReviewDeploymentNamingAnotherAPIsStage(t *testing.T) {
	rs := sdkStack(t, func(ctx *pulumi.Context, ours *restapi.RestAPI) error {
		l, err := newLegacyAPI(ctx)
		if err != nil {
			return err
		}
		_, err = apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: ours.API.ID(),
			StageName: l.stage.StageName}, pulumi.DependsOn([]pulumi.Resource{ours.Stage}))
		return err
	})
	got := evaluate(t, rs, nil)
	for _, slug := range []string{"stage-execution-logging", "stage-client-certificate", "stage-throttling",
		"stage-waf-associated"} {
		r := got[ruleName(t, slug)]
		var named []string
		for _, v := range r.Violations {
			named = append(named, v.URN)
		}
		assert.Contains(t, named, urnNamed(t, rs, "implicit"), "%s: %v", slug, r.Violations)
	}
}
