package baseline

import (
	"fmt"
	"slices"
	"strings"
)

// Resource types the rules look at.
const (
	typeStage          = "aws:apigateway/stage:Stage"
	typeMethod         = "aws:apigateway/method:Method"
	typeIntegration    = "aws:apigateway/integration:Integration"
	typeMethodSettings = "aws:apigateway/methodSettings:MethodSettings"
	typeDeployment     = "aws:apigateway/deployment:Deployment"
	typeLogGroup       = "aws:cloudwatch/logGroup:LogGroup"
	typeRestAPI        = "aws:apigateway/restApi:RestApi"
	typeValidator      = "aws:apigateway/requestValidator:RequestValidator"
	typeMethodResponse = "aws:apigateway/methodResponse:MethodResponse"
	typeResource       = "aws:apigateway/resource:Resource"
	typeV2API          = "aws:apigatewayv2/api:Api"
	typeV2Stage        = "aws:apigatewayv2/stage:Stage"
	typeV2Route        = "aws:apigatewayv2/route:Route"
)

// apiGatewayRules are the rules for the REST API, its stage and its logs.
func apiGatewayRules() []Rule {
	return []Rule{
		// cdk-nag src/rules/apigw/APIGWAccessLogging.ts: destinationArn and format, on CfnStage and the v2 CfnStage.
		// checkov checks/resource/aws/APIGatewayAccessLogging.py: destination_arn of aws_api_gateway_stage and
		// aws_apigatewayv2_stage (we also require the format). Stricter: a Deployment's stageName stage fails.
		{
			Slug: "stage-access-logging", IDs: []string{"cdk-nag APIG1", "CKV_AWS_76"},
			Description:   "API Gateway stages write access logs",
			Fix:           "set the stage's accessLogSettings (destinationArn and a JSON format); restapi.New does this. Manage stages with a Stage resource, not a Deployment's stageName",
			Types:         []string{typeStage, typeV2Stage, typeDeployment},
			applies:       hasStages(true),
			checkResource: checkAccessLogging,
		},
		// cdk-nag src/rules/apigw/APIGWExecutionLoggingEnabled.ts: a */* method setting at ERROR or INFO (CfnStage).
		// Security Hub APIGateway.1: loggingLevel ERROR or INFO for every REST and WebSocket stage. checkov
		// graph_checks/aws/APIGWLoggingLevelsDefinedProperly.yaml: the stage's method settings at ERROR or INFO *and*
		// metrics_enabled. A child counts for a stage only when its restApi and stageName name it (view_apigw.go).
		{
			Slug: "stage-execution-logging", IDs: []string{"cdk-nag APIG6", "Security Hub APIGateway.1", "CKV2_AWS_4"},
			Description: "Execution logging is on (ERROR or INFO) with metrics for every method of every stage",
			Fix:         "add method settings \"*/*\" with loggingLevel INFO or ERROR and metricsEnabled for the stage, and no method at OFF; a WebSocket stage sets defaultRouteSettings.loggingLevel",
			Types:       []string{typeStage, typeV2Stage, typeDeployment},
			applies:     hasStages(true),
			checkStack:  checkExecutionLogging,
		},
		// Security Hub APIGateway.3 (REST stages); checkov checks/resource/aws/APIGatewayXray.py (xray_tracing_enabled
		// true on aws_api_gateway_stage). v2 stages have no X-Ray.
		{
			Slug: "stage-xray-tracing", IDs: []string{"Security Hub APIGateway.3", "CKV_AWS_73"},
			Description:   "X-Ray tracing is on for API Gateway stages",
			Fix:           "set xrayTracingEnabled on the stage (config: gateway.tracing: true); manage stages with a Stage resource, not a Deployment's stageName",
			Types:         []string{typeStage, typeDeployment},
			applies:       hasStages(false),
			checkResource: checkXRay,
		},
		// Security Hub APIGateway.2 (the REST stage's SSL certificate for backends); checkov graph_checks/aws/
		// APIGatewayEndpointsUsesCertificateForAuthentication.yaml (client_certificate_id on aws_api_gateway_stage, and
		// on aws_apigatewayv2_stage when its API is a WEBSOCKET API).
		{
			Slug: "stage-client-certificate", IDs: []string{"Security Hub APIGateway.2", "CKV2_AWS_51"},
			Description: "Stages present a client certificate to backends",
			Fix:         "set clientCertificateId on the stage (config: gateway.clientCertificate: true)",
			Types:       []string{typeStage, typeV2Stage, typeDeployment},
			applies:     hasStages(true),
			checkStack:  checkClientCertificate,
		},
		// Project rule: the stage cache is keyed by path, so a cached method that is authorized must key on its
		// caller too, or one caller's answer (GET /whoami's) is served to the next. No catalog has this check.
		{
			Slug: "method-cache-per-caller", IDs: nil,
			Description: "A cached method that is authorized has its caller (identity source, Authorization or x-api-key) in its cache key",
			Fix:         "cache per route (restapi Route.Cache) rather than \"*/*\"; it keys on the caller; or add the identity source to the integration's cacheKeyParameters",
			Types:       []string{typeMethodSettings},
			applies: func(all []res) bool {
				return slices.ContainsFunc(ofType(all, typeMethodSettings), func(r res) bool {
					on, _ := r.boolean("settings.cachingEnabled", false)
					return on
				})
			},
			checkStack: checkCachePerCaller,
		},
		// checkov checks/resource/aws/APIGatewayMethodSettingsDataTrace.py: data_trace_enabled not true.
		{
			Slug: "method-data-trace-off", IDs: []string{"CKV_AWS_276"},
			Description: "Data tracing (full request and response bodies in execution logs) is off",
			Fix:         "set settings.dataTraceEnabled to false; bodies may hold tokens and personal data",
			Types:       []string{typeMethodSettings},
			checkResource: func(r res, _ map[string]any) []string {
				if on, _ := r.boolean("settings.dataTraceEnabled", false); on {
					return []string{fmt.Sprintf("method settings %s (%s) log full bodies", r.Name, r.str("methodPath"))}
				}
				return nil
			},
		},
		// Security Hub APIGateway.5 (methods that cache, encrypted); checkov checks/resource/aws/
		// APIGatewayMethodSettingsCacheEncrypted.py (caching_enabled implies cache_data_encrypted).
		{
			Slug: "method-cache-encrypted", IDs: []string{"Security Hub APIGateway.5", "CKV_AWS_308"},
			Description: "Cached responses are encrypted when caching is on",
			Fix:         "set settings.cacheDataEncrypted to true wherever cachingEnabled is true",
			Types:       []string{typeMethodSettings},
			applies: func(all []res) bool {
				return slices.ContainsFunc(all, func(r res) bool {
					cache, _ := r.boolean("settings.cachingEnabled", false)
					cluster, _ := r.boolean("cacheClusterEnabled", false)
					return cache || (r.Type == typeStage && cluster)
				})
			},
			checkResource: func(r res, _ map[string]any) []string {
				caching, _ := r.boolean("settings.cachingEnabled", false)
				encrypted, _ := r.boolean("settings.cacheDataEncrypted", true)
				if caching && !encrypted {
					return []string{fmt.Sprintf("method settings %s (%s) cache unencrypted", r.Name, r.str("methodPath"))}
				}
				return nil
			},
		},
		{
			Slug: "stage-throttling", IDs: nil,
			Description: "Every stage throttles every method (a rate and a burst), so one caller cannot exhaust the account's limit",
			Fix:         "add method settings \"*/*\" with throttlingRateLimit and throttlingBurstLimit above 0 (config: gateway.throttle); a v2 stage sets them in defaultRouteSettings",
			Types:       []string{typeStage, typeV2Stage, typeDeployment},
			applies:     hasStages(true),
			checkStack:  checkThrottling,
		},
		// cdk-nag src/rules/apigw/APIGWRequestValidation.ts: the REST API has a validator whose restApiId is the API,
		// checking body *and* parameters. checkov graph_checks/aws/APIGatewayRequestParameterValidationEnabled.yaml:
		// every method, OPTIONS included, has request_validator_id. Both hold here.
		{
			Slug: "method-request-validation", IDs: []string{"cdk-nag APIG2", "CKV2_AWS_53"},
			Description: "Every method has a request validator, and every REST API has one that checks body and parameters",
			Fix:         "set requestValidatorId on every method and give the API a validator with validateRequestBody and validateRequestParameters; restapi.New does both",
			Types:       []string{typeMethod, typeRestAPI},
			checkStack:  checkRequestValidation,
		},
		// cdk-nag src/rules/apigw/APIGWAuthorization.ts: no NONE or absent authorizationType on CfnMethod and the v2
		// CfnRoute (a REST OPTIONS method only as a CORS preflight, which method-preflight-is-mock holds to APIG4's
		// terms; a v2 route has no exemption). checkov checks/resource/aws/APIGatewayAuthorization.py: no
		// NONE without api_key_required, OPTIONS exempt; we also require the allowApiKeyOnly waiver for key-only.
		// (CKV2_AWS_70 is not cited: it judges OPTIONS methods by the API's endpoint type and resource policy.)
		{
			Slug: "method-authorization", IDs: []string{"cdk-nag APIG4", "CKV_AWS_59"},
			Description: "Every method is authorized; NONE only for CORS preflight, or with an API key and the explicit allowApiKeyOnly opt-in",
			Fix:         "use AWS_IAM, COGNITO_USER_POOLS or CUSTOM authorization on the method (in an OpenAPI body: a security requirement); AWS_IAM, JWT or CUSTOM on a v2 route",
			Types:       []string{typeMethod, typeRestAPI, typeV2Route},
			Config: map[string]map[string]any{
				"allowApiKeyOnly": {"type": "boolean", "default": false,
					"description": "Allow NONE on methods that require an API key (a waiver)."},
			},
			checkResource: checkMethodAuthorization,
		},
		// cdk-nag src/rules/apigw/APIGWAuthorization.ts exempts an OPTIONS method only when its method responses are
		// 204 with Access-Control-Allow-* headers; we also require a MOCK integration, so it answers nothing else.
		{
			Slug: "method-preflight-is-mock", IDs: []string{"cdk-nag APIG4"},
			Description: "An unauthenticated OPTIONS method only answers CORS preflight: a MOCK answering 204 with Access-Control-Allow-* headers",
			Fix:         "give unauthenticated OPTIONS methods a MOCK integration and 204 method responses with CORS headers, or authorize them",
			Types:       []string{typeMethod, typeRestAPI},
			checkStack:  checkPreflightIsMock,
		},
		// checkov checks/resource/aws/APIGatewayDeploymentCreateBeforeDestroy.py: Terraform's create_before_destroy;
		// Pulumi's equivalent is deleteBeforeReplace false (its default), checked on the resource's options.
		{
			Slug: "deployment-create-before-delete", IDs: []string{"CKV_AWS_217"},
			Description: "Deployments are replaced create-before-delete, so the stage never points at a deleted deployment",
			Fix:         "do not set deleteBeforeReplace on the deployment",
			Types:       []string{typeDeployment},
			checkResource: func(r res, _ map[string]any) []string {
				if r.Options.DeleteBeforeReplace {
					return []string{fmt.Sprintf("deployment %s is deleted before its replacement exists", r.Name)}
				}
				return nil
			},
		},
		// checkov checks/resource/aws/CloudWatchLogGroupRetention.py (a retention set) and
		// CloudWatchLogGroupRetentionYear.py (0 or >= 365). Stricter: never-expire fails here (a retention is the
		// point), and minimumDays below 365 is a waiver.
		{
			Slug: "log-group-retention", IDs: []string{"CKV_AWS_66", "CKV_AWS_338"},
			Description: "Log groups have a retention of at least minimumDays (default 365)",
			Fix:         "set retentionInDays (config: gateway.logs.retentionDays) to at least the stack's minimum",
			Types:       []string{typeLogGroup},
			Config: map[string]map[string]any{
				"minimumDays": {"type": "integer", "minimum": 1, "default": 365,
					"description": "Smallest retention allowed, in days. Below 365 is a waiver: CKV_AWS_338 asks for a year."},
			},
			checkResource: func(r res, cfg map[string]any) []string {
				days, known := r.number("retentionInDays")
				if r.unknown("retentionInDays") {
					return nil
				}
				if !known {
					return []string{fmt.Sprintf("log group %s keeps logs forever (no retention)", r.Name)}
				}
				if days <= 0 {
					// CloudWatchLogGroupRetention.py takes any value and CloudWatchLogGroupRetentionYear.py passes
					// 0 (never expire): keeping everything forever is ours to refuse, not theirs.
					return []string{fmt.Sprintf("log group %s keeps logs forever (retentionInDays 0)", r.Name) +
						stricterThan("CKV_AWS_66 and CKV_AWS_338", "pass 0, never expire")}
				}
				if least := configNumber(cfg, "minimumDays"); days < least {
					msg := fmt.Sprintf("log group %s keeps logs %g days; this stack requires at least %g", r.Name, days, least)
					if days >= ckv338MinimumDays {
						msg += stricterThan("CKV_AWS_338", fmt.Sprintf("asks %d days (this stack's minimumDays asks more)", ckv338MinimumDays))
					}
					return []string{msg}
				}
				return nil
			},
		},
		// checkov checks/resource/aws/CloudWatchLogGroupKMSKey.py: kms_key_id set.
		{
			Slug: "log-group-kms", IDs: []string{"CKV_AWS_158"},
			Description: "Log groups are encrypted with a customer-managed KMS key",
			Fix:         "set kmsKeyId on the log group (config: gateway.logs.kmsEncryption: true)",
			Types:       []string{typeLogGroup},
			checkResource: func(r res, _ map[string]any) []string {
				if !r.set("kmsKeyId") {
					return []string{fmt.Sprintf("log group %s is not encrypted with a customer-managed key", r.Name)}
				}
				return nil
			},
		},
	}
}

func checkMethodAuthorization(r res, cfg map[string]any) []string {
	if r.Type == typeRestAPI {
		doc, ok := documentOf(r)
		if !ok {
			return nil
		}
		var out []string
		for _, op := range doc.operations {
			out = append(out, authorizationProblems(fmt.Sprintf("operation %s of REST API %s", op.label, r.Name),
				op.Method, op.Authorization, op.APIKeyRequired, cfg)...)
		}
		return out
	}
	keyRequired, _ := r.boolean("apiKeyRequired", false)
	if r.Type == typeV2Route {
		if r.unknown("authorizationType") {
			return nil
		}
		auth := r.str("authorizationType")
		if auth == "" {
			auth = "NONE" // the route's default, and APIG4 fails an absent type
		}
		// No OPTIONS exemption: APIG4 exempts only a REST method's CORS preflight.
		return authorizationProblems(fmt.Sprintf("route %s (%s)", r.Name, r.str("routeKey")), "", auth, keyRequired, cfg)
	}
	if r.unknown("authorization") {
		return nil
	}
	return authorizationProblems(fmt.Sprintf("method %s (%s)", r.Name, r.str("httpMethod")), r.str("httpMethod"),
		r.str("authorization"), keyRequired, cfg)
}

func authorizationProblems(what, method, auth string, keyRequired bool, cfg map[string]any) []string {
	if auth != "NONE" || method == "OPTIONS" {
		return nil // an OPTIONS method is a CORS preflight; method-preflight-is-mock makes sure it is nothing more
	}
	switch {
	case !keyRequired:
		return []string{fmt.Sprintf("%s is open to anyone: authorization NONE without an API key", what)}
	case !configBool(cfg, "allowApiKeyOnly"):
		return []string{fmt.Sprintf("%s is protected by an API key only, and this stack has not opted in (allowApiKeyOnly)", what)}
	}
	return nil
}

func checkRequestValidation(all []res) []violation {
	var out []violation
	for _, m := range ofType(all, typeMethod) {
		if !m.set("requestValidatorId") {
			out = append(out, violation{m.URN, fmt.Sprintf("method %s (%s) has no request validator", m.Name, m.str("httpMethod"))})
		}
	}
	for _, api := range ofType(all, typeRestAPI) {
		both := slices.ContainsFunc(ofType(all, typeValidator), func(v res) bool {
			body, _ := v.boolean("validateRequestBody", true)
			params, _ := v.boolean("validateRequestParameters", true)
			return v.inputFrom("restApi", api.URN) && body && params
		})
		doc, hasDoc := documentOf(api)
		if hasDoc {
			both = both || doc.hasBodyAndParamsValidator()
			for _, op := range doc.operations {
				if op.Validator == "" {
					out = append(out, violation{api.URN, fmt.Sprintf("operation %s of REST API %s has no request validator", op.label, api.Name)})
				}
			}
		}
		if !both && (hasDoc || !api.unknown("body")) {
			out = append(out, violation{api.URN, fmt.Sprintf("REST API %s has no request validator that checks both body and parameters", api.Name)})
		}
	}
	return out
}

// isCORSPreflightResponse is APIG4's test for an OPTIONS method's response: 204, with Access-Control-Allow-* headers
// (a status or parameters known only after deploy pass a preview, and are judged then).
func isCORSPreflightResponse(r res) bool {
	if r.str("statusCode") != "204" && !r.unknown("statusCode") {
		return false
	}
	params, ok := r.get("responseParameters") // its keys hold dots: read the map whole
	if ok && params.IsComputed() {
		return true // known only after deploy: judged then
	}
	if !ok || !params.IsMap() {
		return false
	}
	for k, v := range params.AsMap().All {
		if strings.HasPrefix(k, "method.response.header.Access-Control-Allow-") && v.IsBool() && v.AsBool() {
			return true
		}
	}
	return false
}

func checkPreflightIsMock(all []res) []violation {
	var out []violation
	integrations := ofType(all, typeIntegration)
	for _, m := range ofType(all, typeMethod) {
		if m.str("httpMethod") != "OPTIONS" || m.str("authorization") != "NONE" {
			continue
		}
		// The method's own integration and responses: the same API, resource and HTTP method (view_apigw.go).
		mock := false
		for _, in := range integrations {
			if sameMethod(in, m) && (in.str("type") == "MOCK" || in.unknown("type")) {
				mock = true
			}
		}
		if !mock {
			out = append(out, violation{m.URN, fmt.Sprintf("OPTIONS method %s is unauthenticated and its integration is not a MOCK", m.Name) +
				stricterThan("cdk-nag APIG4", "exempts an OPTIONS method by its responses alone, whatever it integrates with")})
		}
		var responses []res
		for _, mr := range ofType(all, typeMethodResponse) {
			if sameMethod(mr, m) {
				responses = append(responses, mr)
			}
		}
		switch {
		case len(responses) == 0:
			out = append(out, violation{m.URN, fmt.Sprintf("OPTIONS method %s is unauthenticated and declares no method responses", m.Name) +
				stricterThan("cdk-nag APIG4", "exempts an OPTIONS method with no responses (every() over an empty list)")})
		case !slicesAll(responses, isCORSPreflightResponse):
			out = append(out, violation{m.URN, fmt.Sprintf("OPTIONS method %s is unauthenticated and does not answer only 204 with Access-Control-Allow-* headers", m.Name)})
		}
	}
	for _, api := range ofType(all, typeRestAPI) {
		doc, _ := documentOf(api)
		for _, op := range doc.operations {
			if op.Method != "OPTIONS" || op.Authorization != "NONE" {
				continue
			}
			if op.IntegrationType != "MOCK" {
				out = append(out, violation{api.URN, fmt.Sprintf("operation %s of REST API %s is unauthenticated and its integration is not a MOCK", op.label, api.Name)})
			}
			if !op.answersOnlyPreflight {
				out = append(out, violation{api.URN, fmt.Sprintf("operation %s of REST API %s is unauthenticated and does not answer only 204 with Access-Control-Allow-* headers", op.label, api.Name)})
			}
		}
	}
	return out
}

func slicesAll(rs []res, ok func(res) bool) bool {
	for _, r := range rs {
		if !ok(r) {
			return false
		}
	}
	return true
}
