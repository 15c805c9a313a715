package restapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// OpenAPIVersion is the OpenAPI version of the document: the newest API Gateway imports for REST APIs (3.1 is not
// supported).
const OpenAPIVersion = "3.0.1"

// Names of the security schemes the document declares besides the authorizers (which keep their Authorizer.Name).
const (
	SigV4Scheme  = "sigv4"
	APIKeyScheme = "api_key"
)

// Extension keys API Gateway reads (developer guide, "Working with API Gateway extensions to OpenAPI").
const (
	extIntegration      = "x-amazon-apigateway-integration"
	extAuthorizer       = "x-amazon-apigateway-authorizer"
	extAuthType         = "x-amazon-apigateway-authtype"
	extValidators       = "x-amazon-apigateway-request-validators"
	extValidator        = "x-amazon-apigateway-request-validator"
	extGatewayResponses = "x-amazon-apigateway-gateway-responses"
	extAPIKeySource     = "x-amazon-apigateway-api-key-source" //nolint:gosec // G101: an OpenAPI extension name, not a key
	extBinaryMediaTypes = "x-amazon-apigateway-binary-media-types"
	extAnyMethod        = "x-amazon-apigateway-any-method"
	lambdaInvokeMethod  = "POST"
	defaultResponseCode = "200"
	defaultResponseText = "The backend's answer"
	preflightStatus     = 204
	extPolicy           = "x-amazon-apigateway-policy"
)

// deployValues are the document's values known only at deploy time, each resolved by the time the document renders.
type deployValues struct {
	// routeURIs holds each LAMBDA_PROXY route's invoke ARN, by route index.
	routeURIs map[int]string
	// authorizerURIs holds each Lambda authorizer's invoke ARN, by name.
	authorizerURIs map[string]string
	// userPools holds each Cognito authorizer's user pool ARNs, by name.
	userPools map[string][]string
	// connectionIDs holds each VPC link route's link id, by route index.
	connectionIDs map[int]string
	// policy is the resource policy document (JSON), or "".
	policy string
}

// document builds the API's OpenAPI 3.0 definition from defaulted Args: every route an operation with its
// integration, security requirement, validator and model; a CORS preflight per path; the authorizers as security
// schemes; and the validators, gateway responses, API key source, binary media types and resource policy as root
// extensions.
func (a *Args) document(title string, v deployValues) (*openapi3.T, error) {
	doc, err := a.baseDocument(title)
	if err != nil {
		return nil, err
	}
	for name, scheme := range a.securitySchemes(v) {
		doc.Components.SecuritySchemes[name] = scheme
	}
	doc.Extensions[extValidators] = map[string]any{
		validateBodyAndParams.Key: validateBodyAndParams.extension(),
		validateParamsOnly.Key:    validateParamsOnly.extension(),
	}
	doc.Extensions[extGatewayResponses] = a.gatewayResponsesExtension()
	doc.Extensions[extAPIKeySource] = a.ApiKeySource
	if len(a.BinaryMediaTypes) > 0 {
		doc.Extensions[extBinaryMediaTypes] = a.BinaryMediaTypes
	}
	if v.policy != "" {
		var policy any
		if err := json.Unmarshal([]byte(v.policy), &policy); err != nil {
			return nil, fmt.Errorf("ResourcePolicy: not JSON: %w", err)
		}
		doc.Extensions[extPolicy] = policy
	}
	methods := map[string][]string{}
	for i, r := range a.Routes {
		item := pathItem(doc, r.Path)
		op := a.operation(r, v.routeURIs[i], v.connectionIDs[i])
		var err error
		if r.RequestSchema != "" {
			name := modelName(r.Method, r.Path)
			doc.Components.Schemas[name] = &openapi3.SchemaRef{Value: mustSchema(r.RequestSchema)}
			op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).
				WithContent(openapi3.Content{jsonContentType: &openapi3.MediaType{
					Schema: &openapi3.SchemaRef{Ref: "#/components/schemas/" + name}}})}
		}
		if op, err = overlay(item, r, op); err != nil {
			return nil, fmt.Errorf("Document: %s %s: %w", r.Method, r.Path, err)
		}
		if r.Method == "ANY" {
			if item.Extensions == nil {
				item.Extensions = map[string]any{}
			}
			item.Extensions[extAnyMethod] = op
		} else {
			item.SetOperation(r.Method, op)
		}
		methods[r.Path] = append(methods[r.Path], r.Method)
	}
	if a.Cors != nil {
		for path, ms := range methods {
			pathItem(doc, path).Options = a.preflight(path, ms)
		}
	}
	return doc, nil
}

func pathItem(doc *openapi3.T, path string) *openapi3.PathItem {
	item := doc.Paths.Value(path)
	if item == nil {
		item = &openapi3.PathItem{}
		doc.Paths.Set(path, item)
	}
	return item
}

// mustSchema parses a schema Validate has already accepted as a JSON object. Its "$schema" keyword is dropped: an
// OpenAPI 3.0 schema object has none (kin-openapi and openapi-spec-validator both refuse it), and API Gateway reads
// every model as draft-04 anyway.
func mustSchema(raw string) *openapi3.Schema {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		panic(fmt.Sprintf("restapi: a validated schema does not parse: %v", err))
	}
	delete(obj, "$schema")
	b, _ := json.Marshal(obj)
	s := &openapi3.Schema{}
	if err := json.Unmarshal(b, s); err != nil {
		panic(fmt.Sprintf("restapi: a validated schema does not parse: %v", err))
	}
	return s
}

// operation is one route: its parameters, security requirement, validator and integration.
func (a *Args) operation(r Route, invokeArn, connectionID string) *openapi3.Operation {
	op := &openapi3.Operation{
		OperationID: operationID(r.Method, r.Path),
		Responses:   openapi3.NewResponses(),
		Extensions: map[string]any{
			extValidator:   validatorFor(r).Key,
			extIntegration: a.integration(r, invokeArn, connectionID),
		},
	}
	op.Security = a.security(r)
	op.Parameters = a.parameters(r)
	if r.Integration.Kind == Mock {
		op.Responses = mockResponses(r.Integration.MockStatusCode, staticHeaders(a.Cors))
	} else {
		op.Responses.Set(defaultResponseCode, &openapi3.ResponseRef{Value: openapi3.NewResponse().
			WithDescription(defaultResponseText)})
		op.Responses.Delete("default")
	}
	return op
}

// security is the route's requirement: one object, so every scheme in it must pass (OpenAPI's AND). An empty list is
// authorization NONE, which Validate allows only with an API key and the explicit opt-in.
func (a *Args) security(r Route) *openapi3.SecurityRequirements {
	out := openapi3.SecurityRequirements{}
	if req := requirement(r); len(req) > 0 {
		out = append(out, req)
	}
	return &out
}

// requirement is the security schemes a defaulted route's callers must all satisfy, with their scopes.
func requirement(r Route) openapi3.SecurityRequirement {
	req := openapi3.SecurityRequirement{}
	switch r.Authorization {
	case AuthIAM:
		req[SigV4Scheme] = []string{}
	case AuthCognito:
		req[r.Authorizer] = append([]string{}, r.AuthorizationScopes...)
	case AuthCustom:
		req[r.Authorizer] = []string{}
	}
	if r.ApiKeyRequired {
		req[APIKeyScheme] = []string{}
	}
	return req
}

// parameters declares the path parameters, the required ones, and the cache key's caller parameters.
func (a *Args) parameters(r Route) openapi3.Parameters {
	declared := map[string]*openapi3.Parameter{}
	add := func(in, name string, required bool) {
		key := in + "." + strings.ToLower(name)
		if p, ok := declared[key]; ok {
			p.Required = p.Required || required
			return
		}
		declared[key] = &openapi3.Parameter{In: in, Name: name, Required: required,
			Schema: &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}}
	}
	for _, p := range pathParams(r.Path) {
		add(openapi3.ParameterInPath, p, true)
	}
	for _, p := range r.RequiredParameters {
		loc, name, _ := strings.Cut(p, ".")
		add(parameterIn(loc), name, true)
	}
	if r.Cache {
		for _, k := range a.callerKey(r) {
			loc, name, _ := strings.Cut(strings.TrimPrefix(k, "method.request."), ".")
			add(parameterIn(loc), name, false)
		}
	}
	var out openapi3.Parameters
	for _, k := range slices.Sorted(maps.Keys(declared)) {
		out = append(out, &openapi3.ParameterRef{Value: declared[k]})
	}
	return out
}

// parameterIn maps API Gateway's request-parameter locations onto OpenAPI's.
func parameterIn(loc string) string {
	switch loc {
	case "querystring":
		return openapi3.ParameterInQuery
	case "header":
		return openapi3.ParameterInHeader
	}
	return openapi3.ParameterInPath
}

// integration is the route's x-amazon-apigateway-integration. connectionID is the VPC link of a route that has one.
func (a *Args) integration(r Route, invokeArn, connectionID string) map[string]any {
	in := r.Integration
	out := map[string]any{}
	switch in.Kind {
	case LambdaProxy:
		out["type"] = "aws_proxy"
		out["httpMethod"] = lambdaInvokeMethod
		out["uri"] = invokeArn
		out["passthroughBehavior"] = "when_no_match"
		out["timeoutInMillis"] = in.TimeoutMs
	case HTTPProxy:
		out["type"] = "http_proxy"
		out["httpMethod"] = r.Method
		out["uri"] = in.URL
		out["passthroughBehavior"] = "when_no_match"
		out["timeoutInMillis"] = in.TimeoutMs
		params := map[string]string{}
		for _, p := range pathParams(r.Path) {
			params["integration.request.path."+p] = "method.request.path." + p
		}
		if len(params) > 0 {
			out["requestParameters"] = params
		}
		if in.VpcLinkID != nil {
			// The request enters the VPC through the link's NLB; the URL's host is the Host header and the name
			// API Gateway verifies the backend's certificate against, which is never skipped.
			out["connectionType"] = "VPC_LINK"
			out["connectionId"] = connectionID
			out["tlsConfig"] = map[string]any{"insecureSkipVerification": false}
		}
	case Mock:
		return mockIntegration(in.MockStatusCode, staticHeaders(a.Cors), in.MockBody)
	}
	if r.Cache {
		out["cacheKeyParameters"] = a.callerKey(r)
	}
	return out
}

// mockIntegration answers from the gateway itself: the status the request template selects, static headers and
// body. Passthrough NEVER refuses a body in any other content type rather than passing it on.
func mockIntegration(status int, headers map[string]string, body string) map[string]any {
	params := map[string]string{}
	for k, v := range headers {
		params["method.response.header."+k] = quote(v)
	}
	response := map[string]any{"statusCode": fmt.Sprint(status), "responseParameters": params}
	if body != "" {
		response["responseTemplates"] = map[string]string{jsonContentType: body}
	}
	return map[string]any{
		"type":                "mock",
		"passthroughBehavior": "never",
		"requestTemplates":    map[string]string{jsonContentType: fmt.Sprintf(`{"statusCode": %d}`, status)},
		"responses":           map[string]any{"default": response},
	}
}

// mockResponses declares the one status a mock answers, with its headers.
func mockResponses(status int, headers map[string]string) *openapi3.Responses {
	resp := openapi3.NewResponse().WithDescription("Answered by the gateway")
	resp.Headers = openapi3.Headers{}
	for k := range headers {
		resp.Headers[k] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
			Schema: &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}}}}
	}
	out := openapi3.NewResponses()
	out.Delete("default")
	out.Set(fmt.Sprint(status), &openapi3.ResponseRef{Value: resp})
	return out
}

// preflight is a path's CORS preflight: no credentials reach it, so it cannot be authorized; it answers only 204 with
// the CORS headers for the one allowed origin.
func (a *Args) preflight(path string, methods []string) *openapi3.Operation {
	headers := corsPreflightHeaders(a.Cors, append([]string{}, methods...))
	op := &openapi3.Operation{
		OperationID: operationID("OPTIONS", path),
		Security:    &openapi3.SecurityRequirements{},
		Responses:   mockResponses(preflightStatus, headers),
		Extensions: map[string]any{
			extValidator:   validateParamsOnly.Key,
			extIntegration: mockIntegration(preflightStatus, headers, ""),
		},
	}
	for _, p := range pathParams(path) {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: openapi3.NewPathParameter(p).
			WithSchema(openapi3.NewStringSchema())})
	}
	return op
}

// securitySchemes declares SigV4, the API key and every authorizer, in the form API Gateway documents.
func (a *Args) securitySchemes(v deployValues) openapi3.SecuritySchemes {
	header := func(name string) *openapi3.SecurityScheme {
		return &openapi3.SecurityScheme{Type: "apiKey", Name: name, In: "header", Extensions: map[string]any{}}
	}
	sigv4 := header("Authorization")
	sigv4.Extensions[extAuthType] = "awsSigv4"
	out := openapi3.SecuritySchemes{
		SigV4Scheme:  {Value: sigv4},
		APIKeyScheme: {Value: &openapi3.SecurityScheme{Type: "apiKey", Name: "x-api-key", In: "header"}},
	}
	for _, au := range a.Authorizers {
		s := header(identityHeader(au.IdentitySource))
		cfg := map[string]any{"identitySource": au.IdentitySource, "authorizerResultTtlInSeconds": *au.ResultTTLSeconds}
		switch au.Kind {
		case CognitoUserPools:
			s.Extensions[extAuthType] = "cognito_user_pools"
			cfg["type"] = "cognito_user_pools"
			cfg["providerARNs"] = v.userPools[au.Name]
		case LambdaRequest:
			s.Extensions[extAuthType] = "custom"
			cfg["type"] = "request"
			cfg["authorizerUri"] = v.authorizerURIs[au.Name]
		case LambdaToken:
			s.Extensions[extAuthType] = "custom"
			cfg["type"] = "token"
			cfg["authorizerUri"] = v.authorizerURIs[au.Name]
		}
		s.Extensions[extAuthorizer] = cfg
		out[au.Name] = &openapi3.SecuritySchemeRef{Value: s}
	}
	return out
}

// identityHeader is the header a security scheme names: the identity source's first header, or "Unused" when it
// reads none (AWS's convention for REQUEST authorizers on query strings or context).
func identityHeader(source string) string {
	for _, part := range strings.Split(source, ",") {
		if h, ok := strings.CutPrefix(strings.TrimSpace(part), "method.request.header."); ok {
			return h
		}
	}
	return "Unused"
}

// gatewayResponsesExtension overrides every response type the gateway writes itself (see gatewayResponses).
func (a *Args) gatewayResponsesExtension() map[string]any {
	headers := responseHeaders(a.Cors)
	out := map[string]any{}
	for _, gr := range gatewayResponses {
		out[gr.Type] = map[string]any{
			"statusCode":         fmt.Sprint(gr.Status),
			"responseParameters": headers,
			"responseTemplates":  map[string]string{jsonContentType: responseBody(gr.Message)},
		}
	}
	return out
}

// operationID is a stable, unique id client generators name methods after: "GET /items/{id}" → "getItemsId".
func operationID(method, path string) string {
	name := modelName(method, path)
	name = strings.TrimSuffix(name, "Request")
	return strings.ToLower(name[:1]) + name[1:]
}

// renderDocument marshals the document and validates what was marshalled, as API Gateway will read it. Every problem
// is reported at once.
func renderDocument(doc *openapi3.T) (string, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("render OpenAPI document: %w", err)
	}
	if err := ValidateDocument(b); err != nil {
		return "", err
	}
	return string(b), nil
}

// ValidateDocument checks an OpenAPI 3.0 document with kin-openapi, as API Gateway would need it: it loads, its paths
// declare their parameters, and every security requirement names a declared scheme.
func ValidateDocument(data []byte) error {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return fmt.Errorf("OpenAPI document does not load: %w", err)
	}
	return validateLoaded(doc, greedyParameterConvention)
}

// validateLoaded reports every problem kin-openapi finds in a loaded document at once, but the ones excused.
func validateLoaded(doc *openapi3.T, excused func(error) bool) error {
	err := doc.Validate(context.Background(), openapi3.EnableMultiError())
	var multi openapi3.MultiError
	if !errors.As(err, &multi) && err != nil {
		multi = openapi3.MultiError{err}
	}
	var problems []error
	for _, e := range multi {
		if !excused(e) {
			problems = append(problems, e)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("OpenAPI document is invalid: %w", errors.Join(problems...))
	}
	return nil
}

// greedyParameterConvention reports whether err is kin-openapi's complaint about API Gateway's own convention for a
// greedy path: "/{proxy+}" declares the parameter "proxy" (developer guide, x-amazon-apigateway-any-method), where
// kin-openapi expects "proxy+".
func greedyParameterConvention(err error) bool {
	var pp *openapi3.PathParametersError
	if !errors.As(err, &pp) || len(pp.Missing) == 0 {
		return false
	}
	for _, name := range pp.Missing {
		base := strings.TrimSuffix(name, "+")
		if !strings.Contains(pp.Path, "{"+base+"+}") {
			return false
		}
	}
	return true
}
