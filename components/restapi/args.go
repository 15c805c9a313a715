package restapi

import (
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// EndpointType is where the API is reachable from.
type EndpointType string

const (
	// Regional serves the API from the stack's region. The default.
	Regional EndpointType = "REGIONAL"
	// Edge serves the API through an AWS-managed CloudFront distribution.
	Edge EndpointType = "EDGE"
	// Private serves the API only through the interface VPC endpoints in Args.VpcEndpointIDs.
	Private EndpointType = "PRIVATE"
)

// Authorization is how a route authenticates its callers.
type Authorization string

const (
	// AuthIAM requires a SigV4-signed request from an IAM principal. The default.
	AuthIAM Authorization = "AWS_IAM"
	// AuthNone lets any caller with a valid API key through. Allowed only with Route.ApiKeyRequired and
	// Args.AllowUnauthenticatedRoutes.
	AuthNone Authorization = "NONE"
	// AuthCognito accepts Cognito user-pool tokens through a COGNITO_USER_POOLS authorizer. With
	// Route.AuthorizationScopes it accepts only access tokens carrying one of them; without, only ID tokens.
	AuthCognito Authorization = "COGNITO_USER_POOLS"
	// AuthCustom delegates to a Lambda authorizer (REQUEST or TOKEN).
	AuthCustom Authorization = "CUSTOM"
)

// AuthorizerKind is how an authorizer verifies callers.
type AuthorizerKind string

const (
	// CognitoUserPools verifies Cognito tokens in API Gateway itself.
	CognitoUserPools AuthorizerKind = "COGNITO_USER_POOLS"
	// LambdaRequest calls a Lambda with the request's identity sources (headers, query, context).
	LambdaRequest AuthorizerKind = "REQUEST"
	// LambdaToken calls a Lambda with one header's value.
	LambdaToken AuthorizerKind = "TOKEN"
)

// Authorizer is one of the API's authorizers, referenced by Route.Authorizer.
type Authorizer struct {
	// Name is unique within the API: letters, digits, '-', '_'. Required.
	Name string
	// Kind is COGNITO_USER_POOLS, REQUEST or TOKEN. Required.
	Kind AuthorizerKind
	// UserPoolArns are the Cognito user pools whose tokens are accepted. Required for COGNITO_USER_POOLS.
	UserPoolArns []pulumi.StringInput
	// Lambda is the authorizer function. Required for REQUEST and TOKEN.
	Lambda *LambdaTarget
	// IdentitySource is where the credential is, e.g. "method.request.header.Authorization" (REQUEST may list
	// several, comma-separated). Optional; defaults to the Authorization header. It is also the cache key.
	IdentitySource string
	// Scopes are the OAuth scopes (full names, "api/items.read") a COGNITO_USER_POOLS authorizer's pool issues. When
	// set, every route's AuthorizationScopes and every scope Document names must be one of them, so a typo is refused
	// instead of locking every caller out. Optional; only for COGNITO_USER_POOLS.
	Scopes []string
	// ResultTTLSeconds caches decisions per identity source, 0 (off) to MaxAuthorizerTTL (300; API Gateway allows
	// 3600, but a cached Allow outlives a revoked token). Optional; defaults to 300 (CDK's default). A Lambda authorizer must then answer with a policy valid for every route (see functions/authorizer).
	ResultTTLSeconds *int
}

// IntegrationKind is what a route forwards to.
type IntegrationKind string

const (
	// LambdaProxy invokes a Lambda function with the whole request (AWS_PROXY).
	LambdaProxy IntegrationKind = "LAMBDA_PROXY"
	// HTTPProxy forwards the request to an HTTPS endpoint (HTTP_PROXY), on the internet or, with
	// Integration.VpcLinkID, through a VPC link to a private Network Load Balancer.
	HTTPProxy IntegrationKind = "HTTP_PROXY"
	// Mock answers from API Gateway itself with a fixed status and JSON body.
	Mock IntegrationKind = "MOCK"
)

// Args configures a RestAPI. Only Routes is required.
type Args struct {
	// Description of the API. Optional; defaults to "Secured REST API <name>".
	Description string
	// EndpointType is REGIONAL, EDGE or PRIVATE. Optional; defaults to REGIONAL.
	EndpointType EndpointType
	// VpcEndpointIDs are the interface VPC endpoints (vpce-…) a PRIVATE API accepts traffic from: ids from config,
	// or the EndpointID of a vpcendpoint component. Required for PRIVATE, refused otherwise. Unless ResourcePolicy is
	// given, the API's policy allows execute-api:Invoke only when aws:SourceVpce is one of them and denies every
	// other source.
	VpcEndpointIDs []pulumi.StringInput
	// DisableExecuteApiEndpoint turns off the default https://{id}.execute-api.{region}.amazonaws.com endpoint, so
	// clients can reach the API only through its custom domain — required with mutual TLS, which only the domain
	// enforces. Optional; defaults to false.
	DisableExecuteApiEndpoint bool
	// StageName is the stage's name: letters, digits, '-' and '_'. Optional; defaults to "v1".
	StageName string
	// Routes are the API's methods. Required: at least one.
	Routes []Route
	// Document is the caller's own OpenAPI 3.0 document (JSON or YAML): the paths, parameters, schemas, responses and
	// descriptions client teams read. Every operation in it needs a route for the same method and path, which gives
	// its integration and authorization; routes it leaves out are added. The component adds what it adds to every
	// API (integrations, validators, models, security, gateway responses, the resource policy) and refuses, naming
	// the JSON pointer, an operation without a route, an empty, unknown or different security requirement, a scope
	// its authorizer does not declare, a security scheme that is not an authorizer, an external $ref, and any
	// x-amazon-apigateway-* extension but any-method. Optional; defaults to a document made from the routes alone.
	Document string
	// Authorizers are the API's authorizers, referenced by name from routes. Optional.
	Authorizers []Authorizer
	// ApiKeySource is HEADER (x-api-key) or AUTHORIZER (a Lambda authorizer's usageIdentifierKey, to meter usage
	// plans per client). Optional; defaults to HEADER.
	ApiKeySource string
	// BinaryMediaTypes are the content types API Gateway passes through as binary ("image/png", "*/*"). Optional;
	// defaults to none (every body is text).
	BinaryMediaTypes []string
	// AllowUnauthenticatedRoutes is the explicit opt-in that lets a route use Authorization NONE (it must still require
	// an API key). Optional; defaults to false.
	AllowUnauthenticatedRoutes bool
	// Cors adds CORS headers to every response and an OPTIONS preflight method to every path. Optional; defaults to no
	// CORS (browsers from other origins are refused).
	Cors *Cors
	// Throttle is the stage-wide default for every method. Optional; defaults to 100 requests/s, burst 200.
	Throttle Throttle
	// ExecutionLogLevel is INFO or ERROR. Optional; defaults to INFO. Data tracing (full bodies in logs) is always off.
	ExecutionLogLevel string
	// XRayTracing turns X-Ray tracing on the stage. Optional; defaults to true.
	XRayTracing *bool
	// ClientCertificate makes the stage present a client certificate to HTTP backends so they can verify calls come
	// from this API. Optional; defaults to true.
	ClientCertificate *bool
	// Cache provisions the stage cache, always encrypted; routes opt in with Route.Cache. Optional; defaults to no
	// cache.
	Cache *Cache
	// LogRetentionDays applies to the access-log and execution-log groups; one of the values CloudWatch Logs accepts.
	// Optional; defaults to 365.
	LogRetentionDays int
	// LogKmsKeyArn encrypts both log groups with this KMS key (see package logkey). Optional; defaults to the
	// CloudWatch Logs service key.
	LogKmsKeyArn pulumi.StringInput
	// AllowSourceCIDRs, when set, lets only these IPv4/IPv6 sources call the API: the resource policy gains an explicit
	// Deny for every other source address (aws:SourceIp; aws:VpcSourceIp on a PRIVATE API). Optional; defaults to
	// any source.
	AllowSourceCIDRs []string
	// DenySourceCIDRs are sources the resource policy explicitly denies. Optional.
	DenySourceCIDRs []string
	// ResourcePolicy is an IAM policy document (JSON) attached to the API; "execute-api:/*" names this API. Optional.
	ResourcePolicy pulumi.StringInput
	// LoggingPrerequisites are resources that must exist before execution logging is switched on — typically the
	// apiaccount component that sets the account's CloudWatch role. Optional.
	LoggingPrerequisites []pulumi.Resource
	// Protect protects the stateful children (the log groups) from deletion and retains them when the stack is
	// destroyed. Optional; defaults to false. Stateless children stay unprotected so redeployments can replace them.
	Protect bool
	// Tags are applied to every taggable child. Optional.
	Tags pulumi.StringMap
}

// Route is one method on one path.
type Route struct {
	// Path is "/" or "/segment/…"; segments are literals, {param}, or a final {proxy+}. Required.
	Path string
	// Method is GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY. Required.
	Method string
	// Integration is what the route forwards to. Required.
	Integration Integration
	// Authorization is AWS_IAM, COGNITO_USER_POOLS, CUSTOM or NONE. Optional; defaults to AWS_IAM.
	Authorization Authorization
	// Authorizer names the Args.Authorizers entry for COGNITO_USER_POOLS and CUSTOM routes.
	Authorizer string
	// AuthorizationScopes are the OAuth scopes (full names, e.g. "api/items.read") a COGNITO_USER_POOLS route
	// accepts; a token needs one of them. Optional; without scopes the route accepts ID tokens, not access tokens.
	AuthorizationScopes []string
	// ApiKeyRequired makes callers present an API key (x-api-key). Optional; defaults to false.
	ApiKeyRequired bool
	// RequestSchema is a JSON Schema (draft-04, as API Gateway models use) for an application/json body. When set,
	// the gateway rejects bodies that do not match before the backend runs. Optional.
	RequestSchema string
	// RequiredParameters are request parameters the gateway must see, as "querystring.<name>", "header.<name>" or
	// "path.<name>". Optional.
	RequiredParameters []string
	// Throttle overrides the stage default for this method. Optional.
	Throttle *Throttle
	// Cache caches this route's responses in the stage cache (Args.Cache must be set), encrypted. The cache key
	// always includes the caller — the authorizer's identity source, the SigV4 Authorization header, or the API key —
	// so one caller's answer is never served to another. Optional; defaults to false: nothing is cached unless a
	// route asks.
	Cache bool
}

// Integration is a route's backend.
type Integration struct {
	// Kind is LAMBDA_PROXY, HTTP_PROXY or MOCK. Required.
	Kind IntegrationKind
	// Lambda is the function a LAMBDA_PROXY route invokes. Required for LAMBDA_PROXY.
	Lambda *LambdaTarget
	// URL is the https:// endpoint an HTTP_PROXY route forwards to; {param} placeholders take the route's path
	// parameters. Through a VPC link its host is the Host header and the name the backend's certificate must match;
	// http:// is accepted there only, for a backend without a certificate (the traffic stays inside the VPC).
	// Required for HTTP_PROXY.
	URL string
	// VpcLinkID sends an HTTP_PROXY route through this VPC link (the vpclink component's VpcLinkID) instead of the
	// internet. Optional; defaults to the internet.
	VpcLinkID pulumi.StringInput
	// TimeoutMs is the integration timeout, 50 to 29000. Optional; defaults to 29000.
	TimeoutMs int
	// MockStatusCode is the status a MOCK route answers with. Optional; defaults to 200.
	MockStatusCode int
	// MockBody is the JSON body a MOCK route answers with. Optional; defaults to {"message":"ok"}.
	MockBody string
}

// LambdaTarget names the function behind a LAMBDA_PROXY route.
type LambdaTarget struct {
	// InvokeArn is the function's invoke ARN (lambda.Function.InvokeArn). Required.
	InvokeArn pulumi.StringInput
	// FunctionName is the function's name or ARN, for the invoke permission. Required.
	FunctionName pulumi.StringInput
}

// Throttle is a steady-state rate and a burst.
type Throttle struct {
	// RateLimit is requests per second. Optional; defaults to 100 (stage) or the stage's value (route).
	RateLimit float64
	// BurstLimit is the token bucket size. Optional; defaults to 200 (stage) or the stage's value (route).
	BurstLimit int
}

// Cache configures the stage cache. Cached data is always encrypted (APIGateway.5, CKV_AWS_308).
type Cache struct {
	// SizeGB is one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237. Optional; defaults to 0.5.
	SizeGB string
	// TTLSeconds is how long responses are cached, 0 to 3600. Optional; defaults to 300.
	TTLSeconds int
}

// Cors configures cross-origin access for one browser origin.
type Cors struct {
	// AllowOrigin is the single https:// origin browsers may call from (no wildcard: a gateway response can carry one
	// static origin, and "*" would let any site read responses). Required.
	AllowOrigin string
	// AllowHeaders is the comma-separated request headers a preflight allows. Optional; defaults to Content-Type,
	// Authorization, X-Amz-Date, X-Amz-Security-Token, X-Api-Key.
	AllowHeaders string
	// MaxAgeSeconds is how long browsers cache a preflight, 0 to 7200. Optional; defaults to 600.
	MaxAgeSeconds int
}

var (
	stageNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	paramNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	literalPattern   = regexp.MustCompile(`^[A-Za-z0-9._~:@!$&'()*+,;=-]+$`)
	httpMethods      = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}
	cacheSizes       = []string{"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"}
	logLevels        = []string{"INFO", "ERROR"}
	mediaTypePattern = regexp.MustCompile(`^[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*$`)

	authorizerNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	identitySourcePattern = regexp.MustCompile(`^(method\.request\.(header|querystring|multivaluequerystring|multivalueheader)\.[A-Za-z0-9_.-]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$`)
)
