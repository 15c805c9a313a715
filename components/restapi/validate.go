package restapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/secure-apigw/secure-apigw/components/internal/cwlogs"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
	"github.com/secure-apigw/secure-apigw/components/internal/sourcevpce"
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
		errs = append(errs, sourcevpce.CheckIDs("VpcEndpointIDs", "PRIVATE API", a.VpcEndpointIDs)...)
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
		if strings.Contains(c.AllowHeaders, "*") {
			// Access-Control-Allow-Headers: * lets a page on the allowed origin send any header, the
			// credentials-bearing ones included; name the headers the API reads.
			bad("Cors.AllowHeaders: %q holds a wildcard; allowed: the header names the API reads, comma-separated", c.AllowHeaders)
		}
		if c.MaxAgeSeconds < 0 || c.MaxAgeSeconds > 7200 {
			bad("Cors.MaxAgeSeconds: %d is out of range; allowed: 0 to 7200", c.MaxAgeSeconds)
		}
	}
	for i, t := range a.BinaryMediaTypes {
		if !mediaTypePattern.MatchString(t) {
			bad("BinaryMediaTypes[%d]: %q is not a media type (type/subtype, e.g. image/png or */*)", i, t)
		}
	}
	errs = append(errs, netcheck.CheckAllowCIDRs("AllowSourceCIDRs", a.AllowSourceCIDRs)...)
	errs = append(errs, netcheck.CheckCIDRs("DenySourceCIDRs", a.DenySourceCIDRs)...)
	errs = append(errs, a.validateRoutes()...)
	if a.Document != "" {
		errs = append(errs, a.checkDocument()...)
	}
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
		if r.Cache && a.Cache == nil {
			bad("%s.Cache: needs Args.Cache (the stage cache cluster)", field)
		}
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
		if au, j := a.authorizer(r.Authorizer); au != nil && len(au.Scopes) > 0 {
			for _, s := range r.AuthorizationScopes {
				if !slices.Contains(au.Scopes, s) {
					bad("%s.AuthorizationScopes: %q is not one of Authorizers[%d].Scopes (%s)", field, s, j,
						strings.Join(au.Scopes, ", "))
				}
			}
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
		// Per-route throttling and caching both become a MethodSettings override, which cannot name the root path.
		if r.Throttle != nil {
			errs = append(errs, r.Throttle.validate(field+".Throttle")...)
			if r.Path == "/" {
				bad("%s.Throttle: per-method throttling cannot target the root path; use Args.Throttle", field)
			}
		}
		if r.Cache && r.Path == "/" {
			bad("%s.Cache: per-method caching cannot target the root path; route the cached data under a resource", field)
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
		} else if au.Name == SigV4Scheme || au.Name == APIKeyScheme {
			bad("%s.Name: %q names one of the document's own security schemes; choose another", field, au.Name)
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
		if len(au.Scopes) > 0 && au.Kind != CognitoUserPools {
			bad("%s.Scopes: only COGNITO_USER_POOLS authorizers declare scopes (a Lambda authorizer decides its own)", field)
		}
		for j, s := range au.Scopes {
			if s == "" || strings.ContainsAny(s, " \t\n") {
				bad("%s.Scopes[%d]: %q is not a scope name (no spaces)", field, j, s)
			}
		}
		if ttl := au.ResultTTLSeconds; ttl != nil && (*ttl < 0 || *ttl > MaxAuthorizerTTL) {
			bad("%s.ResultTTLSeconds: %d is out of range; allowed: 0 to %d (a cached decision outlives a revoked token "+
				"for that long; API Gateway's own 3600 is not a revocation window)", field, *ttl, MaxAuthorizerTTL)
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
		case in.VpcLinkID != nil && (err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == ""):
			bad("%s.URL: %q is not an https:// (or, inside the VPC, http://) URL", field, in.URL)
		case in.VpcLinkID == nil && (err != nil || u.Scheme != "https" || u.Host == ""):
			bad("%s.URL: %q is not an https:// URL (plain http would expose traffic on the internet; only a "+
				"VpcLinkID route may use http://)", field, in.URL)
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
	if in.Kind != HTTPProxy && in.VpcLinkID != nil {
		bad("%s.VpcLinkID: only an HTTP_PROXY integration goes through a VPC link", field)
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
