package restapi

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// RestAPI is a secured API Gateway REST API with its deployment and stage.
type RestAPI struct {
	pulumi.ResourceState

	// API, Deployment and Stage are exposed for composition (authorizers, WAF association, usage plans, domains).
	API        *apigateway.RestApi
	Deployment *apigateway.Deployment
	Stage      *apigateway.Stage

	RestAPIID             pulumi.StringOutput `pulumi:"restApiId"`
	ExecutionArn          pulumi.StringOutput `pulumi:"executionArn"`
	StageName             pulumi.StringOutput `pulumi:"stageName"`
	StageArn              pulumi.StringOutput `pulumi:"stageArn"`
	InvokeURL             pulumi.StringOutput `pulumi:"invokeUrl"`
	AccessLogGroupName    pulumi.StringOutput `pulumi:"accessLogGroupName"`
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`
	DeploymentTrigger     pulumi.StringOutput `pulumi:"deploymentTrigger"`
}

// builder carries what New's steps share.
type builder struct {
	ctx    *pulumi.Context
	name   string
	args   Args
	api    *apigateway.RestApi
	parent pulumi.ResourceOption
	// resourceIDs maps a path to its API Gateway resource id ("/" is the root resource).
	resourceIDs map[string]pulumi.StringInput
	validators  map[string]*apigateway.RequestValidator
	authorizers map[string]*apigateway.Authorizer
	// deploymentDeps is everything the Deployment must wait for.
	deploymentDeps []pulumi.Resource
}

// New creates the API. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*RestAPI, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("restapi %q: %w", name, err)
	}
	a := args.withDefaults()
	if a.Description == "" {
		a.Description = fmt.Sprintf(defaultDescriptionTemplate, name)
	}
	c := &RestAPI{}
	if err := ctx.RegisterComponentResource("secure-apigw:apigateway:RestApi", name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, args: a, parent: pulumi.Parent(c), resourceIDs: map[string]pulumi.StringInput{},
		validators: map[string]*apigateway.RequestValidator{}, authorizers: map[string]*apigateway.Authorizer{}}
	if err := b.build(c); err != nil {
		return nil, fmt.Errorf("restapi %q: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"restApiId":             c.RestAPIID,
		"executionArn":          c.ExecutionArn,
		"stageName":             c.StageName,
		"stageArn":              c.StageArn,
		"invokeUrl":             c.InvokeURL,
		"accessLogGroupName":    c.AccessLogGroupName,
		"executionLogGroupName": c.ExecutionLogGroupName,
		"deploymentTrigger":     c.DeploymentTrigger,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (b *builder) build(c *RestAPI) error {
	a := b.args
	endpoint := &apigateway.RestApiEndpointConfigurationArgs{Types: pulumi.String(string(a.EndpointType))}
	if len(a.VpcEndpointIDs) > 0 {
		endpoint.VpcEndpointIds = pulumi.ToStringArray(a.VpcEndpointIDs)
	}
	api, err := apigateway.NewRestApi(b.ctx, b.name+"-api", &apigateway.RestApiArgs{
		Description:           pulumi.String(a.Description),
		EndpointConfiguration: endpoint,
		ApiKeySource:          pulumi.String(a.ApiKeySource),
		Tags:                  a.Tags,
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create rest api: %w", err)
	}
	b.api = api
	b.resourceIDs["/"] = api.RootResourceId

	policy := b.policy()
	if policy != nil {
		p, err := apigateway.NewRestApiPolicy(b.ctx, b.name+"-policy", &apigateway.RestApiPolicyArgs{
			RestApiId: api.ID(),
			Policy:    policy,
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create resource policy: %w", err)
		}
		// A PRIVATE API without its policy cannot be deployed; any API's policy must be in the snapshot.
		b.deploymentDeps = append(b.deploymentDeps, p)
	}
	steps := []func() error{b.resources, b.requestValidators, b.authorizersStep, b.routes, b.corsPreflights,
		b.gatewayResponses}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}

	trigger := triggerHash(a, policy)
	deployment, err := apigateway.NewDeployment(b.ctx, b.name+"-deployment", &apigateway.DeploymentArgs{
		RestApi:     api.ID(),
		Description: pulumi.String("Managed by secure-apigw; replaced when the API definition changes"),
		Triggers:    pulumi.StringMap{"definition": trigger},
	}, b.parent, pulumi.DependsOn(b.deploymentDeps), pulumi.DeleteBeforeReplace(false))
	if err != nil {
		return fmt.Errorf("create deployment: %w", err)
	}

	stage, logs, err := b.stage(deployment)
	if err != nil {
		return err
	}
	if err := b.methodSettings(stage); err != nil {
		return err
	}

	c.API, c.Deployment, c.Stage = api, deployment, stage
	c.RestAPIID = api.ID().ToStringOutput()
	c.ExecutionArn = api.ExecutionArn
	c.StageName = stage.StageName
	c.StageArn = stage.Arn
	c.InvokeURL = stage.InvokeUrl
	c.AccessLogGroupName = logs.access.Name
	c.ExecutionLogGroupName = logs.execution.Name
	c.DeploymentTrigger = trigger
	return nil
}

// policy returns the resource policy to attach: the caller's, or for a PRIVATE API one that denies every source but
// its VPC endpoints.
func (b *builder) policy() pulumi.StringInput {
	if b.args.ResourcePolicy != nil {
		return b.args.ResourcePolicy
	}
	if b.args.EndpointType != Private {
		return nil
	}
	return pulumi.String(PrivateEndpointPolicy(b.args.VpcEndpointIDs))
}

// PrivateEndpointPolicy allows execute-api:Invoke on this API only through the given VPC endpoints.
func PrivateEndpointPolicy(vpcEndpointIDs []string) string {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{
				"Sid": "DenyOutsideVpcEndpoints", "Effect": "Deny", "Principal": "*",
				"Action": "execute-api:Invoke", "Resource": "execute-api:/*",
				"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:SourceVpce": vpcEndpointIDs}},
			},
			map[string]any{
				"Sid": "AllowThroughVpcEndpoints", "Effect": "Allow", "Principal": "*",
				"Action": "execute-api:Invoke", "Resource": "execute-api:/*",
			},
		},
	}
	out, _ := json.Marshal(doc)
	return string(out)
}

// resources builds the resource tree, parents before children.
func (b *builder) resources() error {
	for _, p := range resourcePaths(uniquePaths(b.args.Routes)) {
		parent, seg := splitLast(p)
		r, err := apigateway.NewResource(b.ctx, b.name+"-res-"+slug(p), &apigateway.ResourceArgs{
			RestApi:  b.api.ID(),
			ParentId: b.resourceIDs[parent],
			PathPart: pulumi.String(seg),
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create resource %s: %w", p, err)
		}
		b.resourceIDs[p] = r.ID()
	}
	return nil
}

func (b *builder) requestValidators() error {
	for _, v := range []validatorSpec{validateBodyAndParams, validateParamsOnly} {
		rv, err := apigateway.NewRequestValidator(b.ctx, b.name+"-validate-"+v.Key, &apigateway.RequestValidatorArgs{
			RestApi:                   b.api.ID(),
			Name:                      pulumi.String(v.Key),
			ValidateRequestBody:       pulumi.Bool(v.Body),
			ValidateRequestParameters: pulumi.Bool(v.Params),
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create request validator %s: %w", v.Key, err)
		}
		b.validators[v.Key] = rv
		b.deploymentDeps = append(b.deploymentDeps, rv)
	}
	return nil
}

// authorizersStep creates the authorizers; a Lambda authorizer may be invoked by this authorizer only.
func (b *builder) authorizersStep() error {
	for _, au := range b.args.Authorizers {
		args := &apigateway.AuthorizerArgs{
			RestApi:                      b.api.ID(),
			Name:                         pulumi.String(au.Name),
			Type:                         pulumi.String(string(au.Kind)),
			IdentitySource:               pulumi.String(au.IdentitySource),
			AuthorizerResultTtlInSeconds: pulumi.Int(*au.ResultTTLSeconds),
		}
		if au.Kind == CognitoUserPools {
			arns := pulumi.StringArray{}
			for _, arn := range au.UserPoolArns {
				arns = append(arns, arn)
			}
			args.ProviderArns = arns
		} else {
			args.AuthorizerUri = au.Lambda.InvokeArn
		}
		authorizer, err := apigateway.NewAuthorizer(b.ctx, b.name+"-authorizer-"+au.Name, args, b.parent)
		if err != nil {
			return fmt.Errorf("create authorizer %s: %w", au.Name, err)
		}
		b.authorizers[au.Name] = authorizer
		b.deploymentDeps = append(b.deploymentDeps, authorizer)
		if au.Kind == CognitoUserPools {
			continue
		}
		if _, err := lambda.NewPermission(b.ctx, b.name+"-authorizer-"+au.Name+"-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  au.Lambda.FunctionName,
			Principal: pulumi.String("apigateway.amazonaws.com"),
			SourceArn: pulumi.Sprintf("%s/authorizers/%s", b.api.ExecutionArn, authorizer.ID()),
		}, b.parent); err != nil {
			return fmt.Errorf("create invoke permission for authorizer %s: %w", au.Name, err)
		}
	}
	return nil
}

func (b *builder) routes() error {
	for _, r := range b.args.Routes {
		if err := b.route(r); err != nil {
			return fmt.Errorf("route %s %s: %w", r.Method, r.Path, err)
		}
	}
	return nil
}

func (b *builder) route(r Route) error {
	base := fmt.Sprintf("%s-%s-%s", b.name, strings.ToLower(r.Method), slug(r.Path))
	resourceID := b.resourceIDs[r.Path]
	params := pulumi.BoolMap{}
	for _, p := range r.RequiredParameters {
		params["method.request."+p] = pulumi.Bool(true)
	}
	integrationParams := pulumi.StringMap{}
	if r.Integration.Kind == HTTPProxy {
		for _, p := range pathParams(r.Path) {
			params["method.request.path."+p] = pulumi.Bool(true)
			integrationParams["integration.request.path."+p] = pulumi.String("method.request.path." + p)
		}
	}
	methodArgs := &apigateway.MethodArgs{
		RestApi:            b.api.ID(),
		ResourceId:         resourceID,
		HttpMethod:         pulumi.String(r.Method),
		Authorization:      pulumi.String(string(r.Authorization)),
		ApiKeyRequired:     pulumi.Bool(r.ApiKeyRequired),
		RequestValidatorId: b.validators[validatorFor(r).Key].ID(),
		RequestParameters:  params,
	}
	if authorizer, ok := b.authorizers[r.Authorizer]; ok {
		methodArgs.AuthorizerId = authorizer.ID()
	}
	if len(r.AuthorizationScopes) > 0 {
		methodArgs.AuthorizationScopes = pulumi.ToStringArray(r.AuthorizationScopes)
	}
	if r.RequestSchema != "" {
		model, err := apigateway.NewModel(b.ctx, base+"-model", &apigateway.ModelArgs{
			RestApi:     b.api.ID(),
			Name:        pulumi.String(modelName(r.Method, r.Path)),
			ContentType: pulumi.String(jsonContentType),
			Schema:      pulumi.String(r.RequestSchema),
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create model: %w", err)
		}
		b.deploymentDeps = append(b.deploymentDeps, model)
		methodArgs.RequestModels = pulumi.StringMap{jsonContentType: model.Name}
	}
	method, err := apigateway.NewMethod(b.ctx, base, methodArgs, b.parent)
	if err != nil {
		return fmt.Errorf("create method: %w", err)
	}
	b.deploymentDeps = append(b.deploymentDeps, method)

	in := r.Integration
	integrationArgs := &apigateway.IntegrationArgs{
		RestApi:    b.api.ID(),
		ResourceId: resourceID,
		HttpMethod: method.HttpMethod,
	}
	switch in.Kind {
	case LambdaProxy:
		integrationArgs.Type = pulumi.String("AWS_PROXY")
		integrationArgs.IntegrationHttpMethod = pulumi.String("POST")
		integrationArgs.Uri = in.Lambda.InvokeArn
		integrationArgs.TimeoutMilliseconds = pulumi.Int(in.TimeoutMs)
	case HTTPProxy:
		integrationArgs.Type = pulumi.String("HTTP_PROXY")
		integrationArgs.IntegrationHttpMethod = pulumi.String(r.Method)
		integrationArgs.Uri = pulumi.String(in.URL)
		integrationArgs.TimeoutMilliseconds = pulumi.Int(in.TimeoutMs)
		integrationArgs.RequestParameters = integrationParams
	case Mock:
		integrationArgs.Type = pulumi.String("MOCK")
		integrationArgs.PassthroughBehavior = pulumi.String("NEVER")
		integrationArgs.RequestTemplates = pulumi.StringMap{
			jsonContentType: pulumi.Sprintf(`{"statusCode": %d}`, in.MockStatusCode),
		}
	}
	integration, err := apigateway.NewIntegration(b.ctx, base+"-integration", integrationArgs, b.parent)
	if err != nil {
		return fmt.Errorf("create integration: %w", err)
	}
	b.deploymentDeps = append(b.deploymentDeps, integration)

	switch in.Kind {
	case Mock:
		return b.mockResponse(base, method, integration, in.MockStatusCode, staticHeaders(b.args.Cors), in.MockBody)
	case LambdaProxy:
		return b.invokePermission(base, r, in.Lambda)
	}
	return nil
}

// mockResponse declares the method response and maps the mock integration onto it with static headers and body.
func (b *builder) mockResponse(base string, method *apigateway.Method, integration *apigateway.Integration,
	status int, headers map[string]string, body string,
) error {
	declared := pulumi.BoolMap{}
	mapped := pulumi.StringMap{}
	for k, v := range headers {
		declared["method.response.header."+k] = pulumi.Bool(true)
		mapped["method.response.header."+k] = pulumi.String(quote(v))
	}
	code := pulumi.String(fmt.Sprint(status))
	mr, err := apigateway.NewMethodResponse(b.ctx, base+"-response", &apigateway.MethodResponseArgs{
		RestApi:            b.api.ID(),
		ResourceId:         method.ResourceId,
		HttpMethod:         method.HttpMethod,
		StatusCode:         code,
		ResponseParameters: declared,
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create method response: %w", err)
	}
	templates := pulumi.StringMap{}
	if body != "" {
		templates[jsonContentType] = pulumi.String(body)
	}
	ir, err := apigateway.NewIntegrationResponse(b.ctx, base+"-integration-response", &apigateway.IntegrationResponseArgs{
		RestApi:            b.api.ID(),
		ResourceId:         method.ResourceId,
		HttpMethod:         method.HttpMethod,
		StatusCode:         mr.StatusCode,
		ResponseParameters: mapped,
		ResponseTemplates:  templates,
	}, b.parent, pulumi.DependsOn([]pulumi.Resource{integration}))
	if err != nil {
		return fmt.Errorf("create integration response: %w", err)
	}
	b.deploymentDeps = append(b.deploymentDeps, mr, ir)
	return nil
}

// invokePermission lets this API — this stage-agnostic method and path only — invoke the function.
func (b *builder) invokePermission(base string, r Route, target *LambdaTarget) error {
	method := r.Method
	if method == "ANY" {
		method = "*"
	}
	_, err := lambda.NewPermission(b.ctx, base+"-invoke", &lambda.PermissionArgs{
		Action:    pulumi.String("lambda:InvokeFunction"),
		Function:  target.FunctionName,
		Principal: pulumi.String("apigateway.amazonaws.com"),
		SourceArn: pulumi.Sprintf("%s/*/%s%s", b.api.ExecutionArn, method, arnPath(r.Path)),
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create invoke permission: %w", err)
	}
	return nil
}

// corsPreflights adds an OPTIONS mock on every path: a preflight carries no credentials, so it cannot be authorized;
// it answers only with the CORS headers for the one allowed origin.
func (b *builder) corsPreflights() error {
	if b.args.Cors == nil {
		return nil
	}
	methods := map[string][]string{}
	for _, r := range b.args.Routes {
		methods[r.Path] = append(methods[r.Path], r.Method)
	}
	paths := make([]string, 0, len(methods))
	for p := range methods {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		base := fmt.Sprintf("%s-options-%s", b.name, slug(p))
		method, err := apigateway.NewMethod(b.ctx, base, &apigateway.MethodArgs{
			RestApi:            b.api.ID(),
			ResourceId:         b.resourceIDs[p],
			HttpMethod:         pulumi.String("OPTIONS"),
			Authorization:      pulumi.String("NONE"),
			RequestValidatorId: b.validators[validateParamsOnly.Key].ID(),
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create CORS preflight %s: %w", p, err)
		}
		integration, err := apigateway.NewIntegration(b.ctx, base+"-integration", &apigateway.IntegrationArgs{
			RestApi:             b.api.ID(),
			ResourceId:          method.ResourceId,
			HttpMethod:          method.HttpMethod,
			Type:                pulumi.String("MOCK"),
			PassthroughBehavior: pulumi.String("NEVER"),
			RequestTemplates:    pulumi.StringMap{jsonContentType: pulumi.String(`{"statusCode": 204}`)},
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create CORS preflight integration %s: %w", p, err)
		}
		b.deploymentDeps = append(b.deploymentDeps, method, integration)
		if err := b.mockResponse(base, method, integration, 204, corsPreflightHeaders(b.args.Cors, methods[p]), ""); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) gatewayResponses() error {
	headers := pulumi.ToStringMap(responseHeaders(b.args.Cors))
	for _, gr := range gatewayResponses {
		resp, err := apigateway.NewResponse(b.ctx, b.name+"-response-"+strings.ToLower(gr.Type), &apigateway.ResponseArgs{
			RestApiId:          b.api.ID(),
			ResponseType:       pulumi.String(gr.Type),
			StatusCode:         pulumi.String(fmt.Sprint(gr.Status)),
			ResponseTemplates:  pulumi.StringMap{jsonContentType: pulumi.String(responseBody(gr.Message))},
			ResponseParameters: headers,
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create gateway response %s: %w", gr.Type, err)
		}
		b.deploymentDeps = append(b.deploymentDeps, resp)
	}
	return nil
}

type logGroups struct{ access, execution *cloudwatch.LogGroup }

func (b *builder) logGroup(suffix string, name pulumi.StringInput) (*cloudwatch.LogGroup, error) {
	a := b.args
	args := &cloudwatch.LogGroupArgs{
		Name:            name,
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            a.Tags,
	}
	if a.LogKmsKeyArn != nil {
		args.KmsKeyId = a.LogKmsKeyArn
	}
	lg, err := cloudwatch.NewLogGroup(b.ctx, b.name+"-"+suffix, args, b.parent,
		pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect))
	if err != nil {
		return nil, fmt.Errorf("create %s log group: %w", suffix, err)
	}
	return lg, nil
}

func (b *builder) stage(deployment *apigateway.Deployment) (*apigateway.Stage, logGroups, error) {
	a := b.args
	var logs logGroups
	var err error
	if logs.access, err = b.logGroup("access-logs", nil); err != nil {
		return nil, logs, err
	}
	// API Gateway creates this group itself, without retention or encryption, unless it already exists.
	execName := pulumi.Sprintf("API-Gateway-Execution-Logs_%s/%s", b.api.ID(), a.StageName)
	if logs.execution, err = b.logGroup("execution-logs", execName); err != nil {
		return nil, logs, err
	}
	stageArgs := &apigateway.StageArgs{
		RestApi:    b.api.ID(),
		Deployment: deployment.ID(),
		StageName:  pulumi.String(a.StageName),
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: logs.access.Arn,
			Format:         pulumi.String(AccessLogFormat()),
		},
		XrayTracingEnabled: pulumi.Bool(*a.XRayTracing),
		Tags:               a.Tags,
	}
	if a.Cache != nil {
		stageArgs.CacheClusterEnabled = pulumi.Bool(true)
		stageArgs.CacheClusterSize = pulumi.String(a.Cache.SizeGB)
	}
	if *a.ClientCertificate {
		cert, err := apigateway.NewClientCertificate(b.ctx, b.name+"-client-certificate", &apigateway.ClientCertificateArgs{
			Description: pulumi.String("Presented by the API to its HTTP backends"),
			Tags:        a.Tags,
		}, b.parent)
		if err != nil {
			return nil, logs, fmt.Errorf("create client certificate: %w", err)
		}
		stageArgs.ClientCertificateId = cert.ID()
	}
	stage, err := apigateway.NewStage(b.ctx, b.name+"-stage", stageArgs, b.parent,
		pulumi.DependsOn([]pulumi.Resource{logs.execution}))
	if err != nil {
		return nil, logs, fmt.Errorf("create stage: %w", err)
	}
	return stage, logs, nil
}

// methodSettings applies logging, metrics, throttling and cache settings to every method ("*/*"), then to each route
// with its own throttle. A per-method entry replaces the stage-wide one for that method, so it repeats every setting.
func (b *builder) methodSettings(stage *apigateway.Stage) error {
	a := b.args
	deps := pulumi.DependsOn(a.LoggingPrerequisites)
	settings := func(t Throttle) *apigateway.MethodSettingsSettingsArgs {
		s := &apigateway.MethodSettingsSettingsArgs{
			LoggingLevel:         pulumi.String(a.ExecutionLogLevel),
			MetricsEnabled:       pulumi.Bool(true),
			DataTraceEnabled:     pulumi.Bool(false),
			ThrottlingRateLimit:  pulumi.Float64(t.RateLimit),
			ThrottlingBurstLimit: pulumi.Int(t.BurstLimit),
			CachingEnabled:       pulumi.Bool(a.Cache != nil),
			CacheDataEncrypted:   pulumi.Bool(true),
		}
		if a.Cache != nil {
			s.CacheTtlInSeconds = pulumi.Int(a.Cache.TTLSeconds)
			s.RequireAuthorizationForCacheControl = pulumi.Bool(true)
			s.UnauthorizedCacheControlHeaderStrategy = pulumi.String("FAIL_WITH_403")
		}
		return s
	}
	if _, err := apigateway.NewMethodSettings(b.ctx, b.name+"-method-settings", &apigateway.MethodSettingsArgs{
		RestApi:    b.api.ID(),
		StageName:  stage.StageName,
		MethodPath: pulumi.String("*/*"),
		Settings:   settings(a.Throttle),
	}, b.parent, deps); err != nil {
		return fmt.Errorf("create method settings: %w", err)
	}
	for _, r := range a.Routes {
		if r.Throttle == nil {
			continue
		}
		t := *r.Throttle
		if t.RateLimit == 0 {
			t.RateLimit = a.Throttle.RateLimit
		}
		if t.BurstLimit == 0 {
			t.BurstLimit = a.Throttle.BurstLimit
		}
		method := r.Method
		if method == "ANY" {
			method = "*"
		}
		name := fmt.Sprintf("%s-method-settings-%s-%s", b.name, strings.ToLower(r.Method), slug(r.Path))
		if _, err := apigateway.NewMethodSettings(b.ctx, name, &apigateway.MethodSettingsArgs{
			RestApi:    b.api.ID(),
			StageName:  stage.StageName,
			MethodPath: pulumi.String(strings.TrimPrefix(r.Path, "/") + "/" + method),
			Settings:   settings(t),
		}, b.parent, deps); err != nil {
			return fmt.Errorf("create method settings for %s %s: %w", r.Method, r.Path, err)
		}
	}
	return nil
}
