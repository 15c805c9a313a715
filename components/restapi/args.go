package restapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/cwlogs"
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
	// ResultTTLSeconds caches decisions per identity source, 0 (off) to 3600. Optional; defaults to 300 (CDK's
	// default). A Lambda authorizer must then answer with a policy valid for every route (see functions/authorizer).
	ResultTTLSeconds *int
}

// IntegrationKind is what a route forwards to.
type IntegrationKind string

const (
	// LambdaProxy invokes a Lambda function with the whole request (AWS_PROXY).
	LambdaProxy IntegrationKind = "LAMBDA_PROXY"
	// HTTPProxy forwards the request to an HTTPS endpoint (HTTP_PROXY).
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
	// VpcEndpointIDs are the interface VPC endpoints (vpce-…) a PRIVATE API accepts traffic from. Required for
	// PRIVATE, refused otherwise. Unless ResourcePolicy is given, the API gets a policy denying every other source.
	VpcEndpointIDs []string
	// StageName is the stage's name: letters, digits, '-' and '_'. Optional; defaults to "v1".
	StageName string
	// Routes are the API's methods. Required: at least one.
	Routes []Route
	// Authorizers are the API's authorizers, referenced by name from routes. Optional.
	Authorizers []Authorizer
	// ApiKeySource is HEADER (x-api-key) or AUTHORIZER (a Lambda authorizer's usageIdentifierKey, to meter usage
	// plans per client). Optional; defaults to HEADER.
	ApiKeySource string
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
	// Cache turns on the stage cache, always encrypted. Optional; defaults to no cache.
	Cache *Cache
	// LogRetentionDays applies to the access-log and execution-log groups; one of the values CloudWatch Logs accepts.
	// Optional; defaults to 365.
	LogRetentionDays int
	// LogKmsKeyArn encrypts both log groups with this KMS key (see package logkey). Optional; defaults to the
	// CloudWatch Logs service key.
	LogKmsKeyArn pulumi.StringInput
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
}

// Integration is a route's backend.
type Integration struct {
	// Kind is LAMBDA_PROXY, HTTP_PROXY or MOCK. Required.
	Kind IntegrationKind
	// Lambda is the function a LAMBDA_PROXY route invokes. Required for LAMBDA_PROXY.
	Lambda *LambdaTarget
	// URL is the https:// endpoint an HTTP_PROXY route forwards to; {param} placeholders take the route's path
	// parameters. Required for HTTP_PROXY.
	URL string
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
	stageNamePattern   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	vpcEndpointPattern = regexp.MustCompile(`^vpce-[0-9a-f]{8,17}$`)
	paramNamePattern   = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	literalPattern     = regexp.MustCompile(`^[A-Za-z0-9._~:@!$&'()*+,;=-]+$`)
	httpMethods        = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}
	cacheSizes         = []string{"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"}
	logLevels          = []string{"INFO", "ERROR"}

	authorizerNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	identitySourcePattern = regexp.MustCompile(`^(method\.request\.(header|querystring|multivaluequerystring|multivalueheader)\.[A-Za-z0-9_.-]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$`)
)

// Validate reports every problem with the Args at once, each naming its field and what is allowed. New calls it
// first: Args it refuses register nothing.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("restapi: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }

	switch a.EndpointType {
	case "", Regional, Edge:
		if len(a.VpcEndpointIDs) > 0 {
			bad("VpcEndpointIDs: only a PRIVATE API takes VPC endpoints; EndpointType is %q", a.endpointType())
		}
	case Private:
		if len(a.VpcEndpointIDs) == 0 {
			bad("VpcEndpointIDs: a PRIVATE API needs at least one interface VPC endpoint id (vpce-…)")
		}
		for i, id := range a.VpcEndpointIDs {
			if !vpcEndpointPattern.MatchString(id) {
				bad("VpcEndpointIDs[%d]: %q is not a VPC endpoint id (vpce- and 8 to 17 hex digits)", i, id)
			}
		}
	default:
		bad("EndpointType: %q is not allowed; allowed: REGIONAL, EDGE, PRIVATE", a.EndpointType)
	}
	if a.StageName != "" && !stageNamePattern.MatchString(a.StageName) {
		bad("StageName: %q is not allowed; use 1 to 128 letters, digits, '-' or '_'", a.StageName)
	}
	if a.ExecutionLogLevel != "" && !slices.Contains(logLevels, a.ExecutionLogLevel) {
		bad("ExecutionLogLevel: %q is not allowed; allowed: INFO, ERROR (OFF would fail APIG6/APIGateway.1)",
			a.ExecutionLogLevel)
	}
	if a.LogRetentionDays != 0 {
		if err := cwlogs.CheckRetention("LogRetentionDays", a.LogRetentionDays); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, a.Throttle.validate("Throttle")...)
	if c := a.Cache; c != nil {
		if c.SizeGB != "" && !slices.Contains(cacheSizes, c.SizeGB) {
			bad("Cache.SizeGB: %q is not allowed; allowed: %s", c.SizeGB, strings.Join(cacheSizes, ", "))
		}
		if c.TTLSeconds < 0 || c.TTLSeconds > 3600 {
			bad("Cache.TTLSeconds: %d is out of range; allowed: 0 to 3600", c.TTLSeconds)
		}
	}
	if c := a.Cors; c != nil {
		if err := checkOrigin(c.AllowOrigin); err != nil {
			bad("Cors.AllowOrigin: %v", err)
		}
		if strings.ContainsAny(c.AllowHeaders, "'\"") {
			bad("Cors.AllowHeaders: quotes are not allowed; give a comma-separated header list")
		}
		if c.MaxAgeSeconds < 0 || c.MaxAgeSeconds > 7200 {
			bad("Cors.MaxAgeSeconds: %d is out of range; allowed: 0 to 7200", c.MaxAgeSeconds)
		}
	}
	errs = append(errs, a.validateRoutes()...)
	return errors.Join(errs...)
}

func (a *Args) endpointType() EndpointType {
	if a.EndpointType == "" {
		return DefaultEndpointType
	}
	return a.EndpointType
}

func (a *Args) validateRoutes() []error {
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if len(a.Routes) == 0 {
		bad("Routes: at least one route is required")
	}
	authorizerKinds, authErrs := a.validateAuthorizers()
	errs = append(errs, authErrs...)
	seen := map[string]int{}
	models := map[string]int{}
	var paths []string
	for i, r := range a.Routes {
		field := fmt.Sprintf("Routes[%d]", i)
		if err := checkPath(r.Path); err != nil {
			bad("%s.Path: %v", field, err)
		} else {
			paths = append(paths, r.Path)
		}
		if !slices.Contains(httpMethods, r.Method) {
			bad("%s.Method: %q is not allowed; allowed: %s", field, r.Method, strings.Join(httpMethods, ", "))
		}
		key := r.Method + " " + r.Path
		if j, dup := seen[key]; dup {
			bad("%s: %s is already declared by Routes[%d]", field, key, j)
		} else {
			seen[key] = i
		}
		if r.Method == "OPTIONS" && a.Cors != nil {
			bad("%s.Method: OPTIONS is generated for CORS preflight on every path; remove this route or Cors", field)
		}
		kind := authorizerKinds[r.Authorizer]
		switch r.Authorization {
		case "", AuthIAM:
		case AuthCognito:
			if kind != CognitoUserPools {
				bad("%s.Authorizer: COGNITO_USER_POOLS needs the name of a COGNITO_USER_POOLS authorizer in Authorizers; got %q", field, r.Authorizer)
			}
		case AuthCustom:
			if kind != LambdaRequest && kind != LambdaToken {
				bad("%s.Authorizer: CUSTOM needs the name of a REQUEST or TOKEN authorizer in Authorizers; got %q", field, r.Authorizer)
			}
		case AuthNone:
			if !a.AllowUnauthenticatedRoutes {
				bad("%s.Authorization: NONE needs the explicit opt-in AllowUnauthenticatedRoutes", field)
			}
			if !r.ApiKeyRequired {
				bad("%s.Authorization: NONE is allowed only with ApiKeyRequired (APIG4/CKV_AWS_59)", field)
			}
		default:
			bad("%s.Authorization: %q is not allowed; allowed: AWS_IAM, COGNITO_USER_POOLS, CUSTOM, NONE", field, r.Authorization)
		}
		if r.Authorizer != "" && r.Authorization != AuthCognito && r.Authorization != AuthCustom {
			bad("%s.Authorizer: only COGNITO_USER_POOLS and CUSTOM routes use an authorizer", field)
		}
		if len(r.AuthorizationScopes) > 0 && r.Authorization != AuthCognito {
			bad("%s.AuthorizationScopes: only COGNITO_USER_POOLS routes take scopes (a Lambda authorizer decides its own)", field)
		}
		if r.RequestSchema != "" {
			if err := checkSchema(r.RequestSchema); err != nil {
				bad("%s.RequestSchema: %v", field, err)
			}
			if r.Method == "GET" || r.Method == "HEAD" || r.Method == "DELETE" || r.Method == "OPTIONS" {
				bad("%s.RequestSchema: a %s request has no body to validate", field, r.Method)
			}
			m := modelName(r.Method, r.Path)
			if j, dup := models[m]; dup {
				bad("%s.RequestSchema: model name %s collides with Routes[%d]'s", field, m, j)
			}
			models[m] = i
		}
		for j, p := range r.RequiredParameters {
			if err := checkParameter(p); err != nil {
				bad("%s.RequiredParameters[%d]: %v", field, j, err)
			}
		}
		if r.Throttle != nil {
			errs = append(errs, r.Throttle.validate(field+".Throttle")...)
			if r.Path == "/" {
				bad("%s.Throttle: per-method throttling cannot target the root path; use Args.Throttle", field)
			}
		}
		errs = append(errs, r.Integration.validate(field+".Integration", r.Path)...)
	}
	if err := checkTree(paths); err != nil {
		bad("Routes: %v", err)
	}
	return errs
}

// validateAuthorizers checks Authorizers and returns each name's kind for the routes' checks.
func (a *Args) validateAuthorizers() (map[string]AuthorizerKind, []error) {
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	kinds := map[string]AuthorizerKind{}
	for i, au := range a.Authorizers {
		field := fmt.Sprintf("Authorizers[%d]", i)
		if !authorizerNamePattern.MatchString(au.Name) {
			bad("%s.Name: %q is not allowed; 1 to 64 letters, digits, '-' or '_'", field, au.Name)
		} else if _, dup := kinds[au.Name]; dup {
			bad("%s.Name: %q is used twice", field, au.Name)
		}
		kinds[au.Name] = au.Kind
		switch au.Kind {
		case CognitoUserPools:
			if len(au.UserPoolArns) == 0 {
				bad("%s.UserPoolArns: a COGNITO_USER_POOLS authorizer needs at least one user pool ARN", field)
			}
			if au.Lambda != nil {
				bad("%s.Lambda: only REQUEST and TOKEN authorizers call a Lambda", field)
			}
		case LambdaRequest, LambdaToken:
			if au.Lambda == nil || au.Lambda.InvokeArn == nil || au.Lambda.FunctionName == nil {
				bad("%s.Lambda: a %s authorizer needs Lambda.InvokeArn and Lambda.FunctionName", field, au.Kind)
			}
			if len(au.UserPoolArns) > 0 {
				bad("%s.UserPoolArns: only COGNITO_USER_POOLS authorizers take user pools", field)
			}
		default:
			bad("%s.Kind: %q is not allowed; allowed: COGNITO_USER_POOLS, REQUEST, TOKEN", field, au.Kind)
		}
		if src := au.IdentitySource; src != "" {
			for _, part := range strings.Split(src, ",") {
				if !identitySourcePattern.MatchString(strings.TrimSpace(part)) {
					bad("%s.IdentitySource: %q is not an identity source (method.request.header.<name>, …)", field, part)
				}
			}
			if au.Kind != LambdaRequest && strings.Contains(src, ",") {
				bad("%s.IdentitySource: only REQUEST authorizers take several identity sources", field)
			}
			if au.Kind != LambdaRequest && !strings.HasPrefix(src, "method.request.header.") {
				bad("%s.IdentitySource: a %s authorizer reads one header: method.request.header.<name>", field, au.Kind)
			}
		}
		if ttl := au.ResultTTLSeconds; ttl != nil && (*ttl < 0 || *ttl > 3600) {
			bad("%s.ResultTTLSeconds: %d is out of range; allowed: 0 to 3600", field, *ttl)
		}
	}
	switch a.ApiKeySource {
	case "", "HEADER":
	case "AUTHORIZER":
		if !slices.ContainsFunc(a.Authorizers, func(au Authorizer) bool { return au.Kind != CognitoUserPools }) {
			bad("ApiKeySource: AUTHORIZER needs a Lambda authorizer returning usageIdentifierKey")
		}
	default:
		bad("ApiKeySource: %q is not allowed; allowed: HEADER, AUTHORIZER", a.ApiKeySource)
	}
	return kinds, errs
}

func (t Throttle) validate(field string) []error {
	var errs []error
	if t.RateLimit < 0 || t.RateLimit > 10000 {
		errs = append(errs, fmt.Errorf("%s.RateLimit: %g is out of range; allowed: 0 to 10000 requests/s", field,
			t.RateLimit))
	}
	if t.BurstLimit < 0 || t.BurstLimit > 5000 {
		errs = append(errs, fmt.Errorf("%s.BurstLimit: %d is out of range; allowed: 0 to 5000", field, t.BurstLimit))
	}
	return errs
}

func (in Integration) validate(field, path string) []error {
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if in.TimeoutMs != 0 && (in.TimeoutMs < 50 || in.TimeoutMs > 29000) {
		bad("%s.TimeoutMs: %d is out of range; allowed: 50 to 29000", field, in.TimeoutMs)
	}
	switch in.Kind {
	case LambdaProxy:
		if in.Lambda == nil || in.Lambda.InvokeArn == nil || in.Lambda.FunctionName == nil {
			bad("%s.Lambda: LAMBDA_PROXY needs Lambda.InvokeArn and Lambda.FunctionName", field)
		}
	case HTTPProxy:
		u, err := url.Parse(in.URL)
		switch {
		case in.URL == "":
			bad("%s.URL: HTTP_PROXY needs an https:// URL", field)
		case err != nil || u.Scheme != "https" || u.Host == "":
			bad("%s.URL: %q is not an https:// URL (plain http would expose traffic)", field, in.URL)
		}
		for _, p := range pathParams(in.URL) {
			if !slices.Contains(pathParams(path), p) {
				bad("%s.URL: placeholder {%s} is not a path parameter of %s", field, p, path)
			}
		}
	case Mock:
		if in.MockBody != "" && !json.Valid([]byte(in.MockBody)) {
			bad("%s.MockBody: not valid JSON", field)
		}
		if in.MockStatusCode != 0 && (in.MockStatusCode < 100 || in.MockStatusCode > 599) {
			bad("%s.MockStatusCode: %d is not an HTTP status", field, in.MockStatusCode)
		}
	default:
		bad("%s.Kind: %q is not allowed; allowed: LAMBDA_PROXY, HTTP_PROXY, MOCK", field, in.Kind)
	}
	if in.Kind != LambdaProxy && in.Lambda != nil {
		bad("%s.Lambda: only a LAMBDA_PROXY integration takes a function", field)
	}
	if in.Kind != HTTPProxy && in.URL != "" {
		bad("%s.URL: only an HTTP_PROXY integration takes a URL", field)
	}
	return errs
}

func checkOrigin(origin string) error {
	if origin == "*" {
		return errors.New(`"*" is not allowed; name the one https:// origin allowed to call the API`)
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return fmt.Errorf("%q is not an https:// origin (scheme and host only)", origin)
	}
	if strings.ContainsAny(origin, "'\"") {
		return fmt.Errorf("%q contains a quote", origin)
	}
	return nil
}

func checkSchema(schema string) error {
	var doc map[string]any
	if err := json.Unmarshal([]byte(schema), &doc); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	if _, ok := doc["type"]; !ok {
		return errors.New(`the schema names no "type"; API Gateway would accept any body`)
	}
	return nil
}

func checkParameter(p string) error {
	loc, name, ok := strings.Cut(p, ".")
	if !ok || name == "" || !slices.Contains([]string{"querystring", "header", "path"}, loc) {
		return fmt.Errorf("%q is not allowed; use querystring.<name>, header.<name> or path.<name>", p)
	}
	if !paramNamePattern.MatchString(name) {
		return fmt.Errorf("%q: parameter names are letters, digits, '.', '-' and '_'", p)
	}
	return nil
}
