package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/restapi"
)

// RestApiArgs are a REST API's inputs: the RestApi resource's, and SecuredApi's api block. Inputs that name other
// resources (ARNs, ids, a resource policy) take outputs; the rest is plain configuration checked before anything is
// registered.
type RestApiArgs struct {
	Description                string               `pulumi:"description,optional"`
	EndpointType               string               `pulumi:"endpointType,optional"`
	VpcEndpointIDs             []pulumi.StringInput `pulumi:"vpcEndpointIds,optional"`
	DisableExecuteApiEndpoint  bool                 `pulumi:"disableExecuteApiEndpoint,optional"`
	StageName                  string               `pulumi:"stageName,optional"`
	Routes                     []Route              `pulumi:"routes,optional"`
	Document                   string               `pulumi:"document,optional"`
	Authorizers                []Authorizer         `pulumi:"authorizers,optional"`
	ApiKeySource               string               `pulumi:"apiKeySource,optional"`
	BinaryMediaTypes           []string             `pulumi:"binaryMediaTypes,optional"`
	AllowUnauthenticatedRoutes bool                 `pulumi:"allowUnauthenticatedRoutes,optional"`
	Cors                       *Cors                `pulumi:"cors,optional"`
	Throttle                   *Throttle            `pulumi:"throttle,optional"`
	ExecutionLogLevel          string               `pulumi:"executionLogLevel,optional"`
	XRayTracing                *bool                `pulumi:"xrayTracing,optional"`
	ClientCertificate          *bool                `pulumi:"clientCertificate,optional"`
	Cache                      *Cache               `pulumi:"cache,optional"`
	LogRetentionDays           int                  `pulumi:"logRetentionDays,optional"`
	LogKmsKeyArn               pulumi.StringInput   `pulumi:"logKmsKeyArn,optional"`
	AllowSourceCIDRs           []string             `pulumi:"allowSourceCidrs,optional"`
	DenySourceCIDRs            []string             `pulumi:"denySourceCidrs,optional"`
	ResourcePolicy             pulumi.StringInput   `pulumi:"resourcePolicy,optional"`
	Protect                    bool                 `pulumi:"protect,optional"`
	Tags                       map[string]string    `pulumi:"tags,optional"`
}

// Annotate documents RestApiArgs in the schema.
func (in *RestApiArgs) Annotate(an infer.Annotator) {
	an.Describe(&in.Description, "The REST API's description.")
	an.Describe(&in.EndpointType, "REGIONAL, PRIVATE or EDGE. Defaults to REGIONAL.")
	an.Describe(&in.VpcEndpointIDs, "The execute-api interface endpoints a PRIVATE API admits (its resource policy "+
		"allows only them). Required for PRIVATE (SecuredApi adds its executeApiEndpoint's).")
	an.Describe(&in.DisableExecuteApiEndpoint, "Turns off the default https://<id>.execute-api URL, so only the "+
		"custom domain serves the API (needed under mutual TLS, which the default URL would bypass).")
	an.Describe(&in.StageName, "The stage's name. Defaults to v1.")
	an.Describe(&in.Routes, "The API's methods; each becomes one operation of the generated OpenAPI document. "+
		"Required: at least one.")
	an.Describe(&in.Document, "Your own OpenAPI 3.0 document (JSON or YAML): every operation in it needs a route "+
		"for the same method and path, which gives its integration and authorization; routes it leaves out are added.")
	an.Describe(&in.Authorizers, "Authorizers that routes name.")
	an.Describe(&in.ApiKeySource, "HEADER (x-api-key) or AUTHORIZER (a Lambda authorizer returns the key). "+
		"Defaults to HEADER.")
	an.Describe(&in.BinaryMediaTypes, `Media types served as binary, e.g. "image/png".`)
	an.Describe(&in.AllowUnauthenticatedRoutes, "Permits routes with authorization NONE (they still need an API "+
		"key). Defaults to false: every route is authorized.")
	an.Describe(&in.Cors, "Cross-origin access for one https:// browser origin. Defaults to none.")
	an.Describe(&in.Throttle, "The stage's default throttle. Defaults to 100 requests/s, burst 200.")
	an.Describe(&in.ExecutionLogLevel, "INFO or ERROR: the stage's execution log level. Defaults to INFO.")
	an.Describe(&in.XRayTracing, "X-Ray tracing on the stage. Defaults to true.")
	an.Describe(&in.ClientCertificate, "A client certificate the stage presents to HTTP backends, so they can "+
		"tell API Gateway's calls apart. Defaults to true.")
	an.Describe(&in.Cache, "The stage cache, always encrypted. Defaults to off.")
	an.Describe(&in.LogRetentionDays, "Retention of the access and execution log groups, a value CloudWatch Logs "+
		"accepts. Defaults to 365.")
	an.Describe(&in.LogKmsKeyArn, "The customer-managed KMS key both log groups are encrypted with (SecuredApi's "+
		"log key by default there). Defaults to the service key on a standalone RestApi.")
	an.Describe(&in.AllowSourceCIDRs, "Only these source CIDRs may call the API (resource policy).")
	an.Describe(&in.DenySourceCIDRs, "These source CIDRs may never call the API (resource policy).")
	an.Describe(&in.ResourcePolicy, `An IAM policy document (JSON) attached to the API; "execute-api:/*" names `+
		"this API. On a PRIVATE API it replaces the generated policy that admits only vpcEndpointIds.")
	an.Describe(&in.Protect, "Protects the log groups from deletion.")
	an.Describe(&in.Tags, "Tags applied to every taggable child.")
}

// Route is one method on one path.
type Route struct {
	Path                string             `pulumi:"path"`
	Method              string             `pulumi:"method"`
	Integration         string             `pulumi:"integration,optional"`
	Lambda              *LambdaTarget      `pulumi:"lambda,optional"`
	URL                 string             `pulumi:"url,optional"`
	VpcLinkID           pulumi.StringInput `pulumi:"vpcLinkId,optional"`
	TimeoutMs           int                `pulumi:"timeoutMs,optional"`
	MockStatusCode      int                `pulumi:"mockStatusCode,optional"`
	MockBody            string             `pulumi:"mockBody,optional"`
	Authorization       string             `pulumi:"authorization,optional"`
	Authorizer          string             `pulumi:"authorizer,optional"`
	AuthorizationScopes []string           `pulumi:"authorizationScopes,optional"`
	ApiKeyRequired      bool               `pulumi:"apiKeyRequired,optional"`
	RequestSchema       string             `pulumi:"requestSchema,optional"`
	RequiredParameters  []string           `pulumi:"requiredParameters,optional"`
	Throttle            *Throttle          `pulumi:"throttle,optional"`
	Cache               bool               `pulumi:"cache,optional"`
}

// Annotate documents Route in the schema.
func (r *Route) Annotate(an infer.Annotator) {
	an.Describe(&r.Path, `"/" or "/segment/…"; segments are literals, {param}, or a final {proxy+}.`)
	an.Describe(&r.Method, "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.")
	an.Describe(&r.Integration, "LAMBDA_PROXY, HTTP_PROXY (url) or MOCK. Defaults to LAMBDA_PROXY.")
	an.Describe(&r.Lambda, "The function a LAMBDA_PROXY route invokes. Required on a RestApi; on a SecuredApi "+
		"it defaults to the backend.")
	an.Describe(&r.URL, "The https:// endpoint an HTTP_PROXY route forwards to; {param} placeholders take the "+
		"route's path parameters.")
	an.Describe(&r.VpcLinkID, "Sends an HTTP_PROXY route through this VPC link instead of the internet.")
	an.Describe(&r.TimeoutMs, "The integration timeout, 50 to 29000. Defaults to 29000.")
	an.Describe(&r.MockStatusCode, "The status a MOCK route answers with. Defaults to 200.")
	an.Describe(&r.MockBody, `The JSON body a MOCK route answers with. Defaults to {"message":"ok"}.`)
	an.Describe(&r.Authorization, "AWS_IAM, COGNITO_USER_POOLS, CUSTOM or NONE. Defaults to AWS_IAM.")
	an.Describe(&r.Authorizer, "The authorizers entry a COGNITO_USER_POOLS or CUSTOM route uses.")
	an.Describe(&r.AuthorizationScopes, `OAuth scopes (full names, e.g. "api/items.read") a COGNITO_USER_POOLS `+
		"route accepts; a token needs one of them.")
	an.Describe(&r.ApiKeyRequired, "Callers must present an API key (x-api-key).")
	an.Describe(&r.RequestSchema, "A JSON Schema (draft-04) the application/json body must match; the gateway "+
		"rejects others before the backend runs.")
	an.Describe(&r.RequiredParameters, `Request parameters the gateway must see: "querystring.<name>", `+
		`"header.<name>" or "path.<name>".`)
	an.Describe(&r.Throttle, "This route's throttle, within the stage's. Defaults to the stage's.")
	an.Describe(&r.Cache, "Caches this GET route's responses in the stage cache (needs cache).")
}

// Authorizer is an API authorizer that routes name.
type Authorizer struct {
	Name             string               `pulumi:"name"`
	Kind             string               `pulumi:"kind"`
	UserPoolArns     []pulumi.StringInput `pulumi:"userPoolArns,optional"`
	Lambda           *LambdaTarget        `pulumi:"lambda,optional"`
	IdentitySource   string               `pulumi:"identitySource,optional"`
	Scopes           []string             `pulumi:"scopes,optional"`
	ResultTTLSeconds *int                 `pulumi:"resultTtlSeconds,optional"`
}

// Annotate documents Authorizer in the schema.
func (z *Authorizer) Annotate(an infer.Annotator) {
	an.Describe(&z.Name, "The name routes refer to: letters, digits, '-' or '_'.")
	an.Describe(&z.Kind, "COGNITO_USER_POOLS, REQUEST or TOKEN (a Lambda authorizer).")
	an.Describe(&z.UserPoolArns, "The user pools whose tokens a COGNITO_USER_POOLS authorizer accepts. On a "+
		"SecuredApi they default to its pool (created or existing).")
	an.Describe(&z.Lambda, "The function of a REQUEST or TOKEN authorizer. On a SecuredApi it defaults to the "+
		"jwtAuthorizer's.")
	an.Describe(&z.IdentitySource, "Where the token is read. Defaults to method.request.header.Authorization.")
	an.Describe(&z.Scopes, "The OAuth scopes a COGNITO_USER_POOLS authorizer's pool issues: routes naming any "+
		"other are refused, so a typo cannot lock callers out.")
	an.Describe(&z.ResultTTLSeconds, "How long API Gateway caches a decision, 0 to 3600. Defaults to 300.")
}

// LambdaTarget names a function API Gateway invokes.
type LambdaTarget struct {
	InvokeArn    pulumi.StringInput `pulumi:"invokeArn"`
	FunctionName pulumi.StringInput `pulumi:"functionName"`
}

// Annotate documents LambdaTarget in the schema.
func (l *LambdaTarget) Annotate(an infer.Annotator) {
	an.Describe(&l.InvokeArn, "The function's invoke ARN (aws.lambda.Function's invokeArn).")
	an.Describe(&l.FunctionName, "The function's name or ARN, for the invoke permission.")
}

// Throttle is a steady-state rate and a burst.
type Throttle struct {
	RateLimit  float64 `pulumi:"rateLimit"`
	BurstLimit int     `pulumi:"burstLimit"`
}

// Annotate documents Throttle in the schema.
func (t *Throttle) Annotate(an infer.Annotator) {
	an.Describe(&t.RateLimit, "Requests per second.")
	an.Describe(&t.BurstLimit, "The token bucket's size.")
}

// Cache is the stage cache.
type Cache struct {
	SizeGB     string `pulumi:"sizeGb,optional"`
	TTLSeconds int    `pulumi:"ttlSeconds,optional"`
}

// Annotate documents Cache in the schema.
func (c *Cache) Annotate(an infer.Annotator) {
	an.Describe(&c.SizeGB, "0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237. Defaults to 0.5.")
	an.Describe(&c.TTLSeconds, "How long responses are cached, 0 to 3600. Defaults to 300.")
}

// Cors is cross-origin access for one browser origin.
type Cors struct {
	AllowOrigin   string `pulumi:"allowOrigin"`
	AllowHeaders  string `pulumi:"allowHeaders,optional"`
	MaxAgeSeconds int    `pulumi:"maxAgeSeconds,optional"`
}

// Annotate documents Cors in the schema.
func (c *Cors) Annotate(an infer.Annotator) {
	an.Describe(&c.AllowOrigin, "The single https:// origin browsers may call from (no wildcard).")
	an.Describe(&c.AllowHeaders, "Comma-separated request headers a preflight allows. Defaults to Content-Type, "+
		"Authorization, X-Amz-Date, X-Amz-Security-Token, X-Api-Key.")
	an.Describe(&c.MaxAgeSeconds, "How long browsers cache a preflight, 0 to 7200. Defaults to 600.")
}

func (in RestApiArgs) restAPIArgs() restapi.Args {
	a := restapi.Args{
		Description: in.Description, EndpointType: restapi.EndpointType(in.EndpointType),
		VpcEndpointIDs: in.VpcEndpointIDs, DisableExecuteApiEndpoint: in.DisableExecuteApiEndpoint,
		StageName: in.StageName, Document: in.Document, ApiKeySource: in.ApiKeySource,
		BinaryMediaTypes: in.BinaryMediaTypes, AllowUnauthenticatedRoutes: in.AllowUnauthenticatedRoutes,
		ExecutionLogLevel: in.ExecutionLogLevel, XRayTracing: in.XRayTracing, ClientCertificate: in.ClientCertificate,
		LogRetentionDays: in.LogRetentionDays, LogKmsKeyArn: in.LogKmsKeyArn, AllowSourceCIDRs: in.AllowSourceCIDRs,
		DenySourceCIDRs: in.DenySourceCIDRs, ResourcePolicy: in.ResourcePolicy, Protect: in.Protect,
		Tags: tags(in.Tags),
	}
	if c := in.Cors; c != nil {
		a.Cors = &restapi.Cors{AllowOrigin: c.AllowOrigin, AllowHeaders: c.AllowHeaders, MaxAgeSeconds: c.MaxAgeSeconds}
	}
	if t := in.Throttle; t != nil {
		a.Throttle = t.restapi()
	}
	if c := in.Cache; c != nil {
		a.Cache = &restapi.Cache{SizeGB: c.SizeGB, TTLSeconds: c.TTLSeconds}
	}
	for _, r := range in.Routes {
		kind := restapi.IntegrationKind(r.Integration)
		if kind == "" {
			kind = restapi.LambdaProxy
		}
		route := restapi.Route{
			Path: r.Path, Method: r.Method,
			Integration: restapi.Integration{Kind: kind, Lambda: r.Lambda.restapi(), URL: r.URL, VpcLinkID: r.VpcLinkID,
				TimeoutMs: r.TimeoutMs, MockStatusCode: r.MockStatusCode, MockBody: r.MockBody},
			Authorization: restapi.Authorization(r.Authorization), Authorizer: r.Authorizer,
			AuthorizationScopes: r.AuthorizationScopes, ApiKeyRequired: r.ApiKeyRequired,
			RequestSchema: r.RequestSchema, RequiredParameters: r.RequiredParameters, Cache: r.Cache,
		}
		if t := r.Throttle; t != nil {
			throttle := t.restapi()
			route.Throttle = &throttle
		}
		a.Routes = append(a.Routes, route)
	}
	for _, z := range in.Authorizers {
		a.Authorizers = append(a.Authorizers, restapi.Authorizer{Name: z.Name, Kind: restapi.AuthorizerKind(z.Kind),
			UserPoolArns: z.UserPoolArns, Lambda: z.Lambda.restapi(), IdentitySource: z.IdentitySource,
			Scopes: z.Scopes, ResultTTLSeconds: z.ResultTTLSeconds})
	}
	return a
}

func (l *LambdaTarget) restapi() *restapi.LambdaTarget {
	if l == nil {
		return nil
	}
	return &restapi.LambdaTarget{InvokeArn: l.InvokeArn, FunctionName: l.FunctionName}
}

func (t Throttle) restapi() restapi.Throttle {
	return restapi.Throttle{RateLimit: t.RateLimit, BurstLimit: t.BurstLimit}
}

// tags is nil for no tags, so a component's "Tags when unset" defaults apply.
func tags(m map[string]string) pulumi.StringMap {
	if m == nil {
		return nil
	}
	return pulumi.ToStringMap(m)
}
