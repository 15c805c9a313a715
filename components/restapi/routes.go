package restapi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

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
	var cacheKey []string
	if r.Cache {
		cacheKey = b.args.callerKey(r)
		for _, k := range cacheKey {
			if _, declared := params[k]; !declared {
				params[k] = pulumi.Bool(false) // a cache key must be a declared method request parameter
			}
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
	b.methods[r.Method+" "+r.Path] = method

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
	if len(cacheKey) > 0 {
		integrationArgs.CacheKeyParameters = pulumi.ToStringArray(cacheKey)
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
