package baseline

import (
	"encoding/json"
	"sort"
	"strings"
)

// A REST API defined by an OpenAPI body (restapi does this) has no Method or Integration resources: its methods are
// the document's operations. The method rules read them here, with the x-amazon-apigateway-* extensions API Gateway
// imports, so a rule judges the same method whether it is a resource or an operation.

// docOperation is one operation of a RestApi's body, as the method rules need it: what the plan prints, and what
// only the rules read.
type docOperation struct {
	Operation
	label string // "GET /items"
	// identitySources are the identity sources of the authorizers the operation uses.
	identitySources []string
	cacheKey        []string
	// connectionType and connectionID are the integration's (VPC_LINK and the link's id).
	connectionType, connectionID string
	// answersOnlyPreflight: every response is 204 with Access-Control-Allow-* headers (APIG4's test).
	answersOnlyPreflight bool
}

type validatorDef struct {
	Body   bool `json:"validateRequestBody"`
	Params bool `json:"validateRequestParameters"`
}

// apiDocument is a RestApi's body, read for the rules.
type apiDocument struct {
	validators     map[string]validatorDef
	operations     []docOperation
	authorizerURIs []string
}

type openAPIOperation struct {
	Security    *[]map[string][]string     `json:"security"`
	Validator   string                     `json:"x-amazon-apigateway-request-validator"`
	Auth        *struct{ Type string }     `json:"x-amazon-apigateway-auth"`
	Integration *openAPIIntegration        `json:"x-amazon-apigateway-integration"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

type openAPIIntegration struct {
	Type               string   `json:"type"`
	URI                string   `json:"uri"`
	ConnectionType     string   `json:"connectionType"`
	ConnectionID       string   `json:"connectionId"`
	CacheKeyParameters []string `json:"cacheKeyParameters"`
	Responses          map[string]struct {
		StatusCode         string            `json:"statusCode"`
		ResponseParameters map[string]string `json:"responseParameters"`
	} `json:"responses"`
}

type openAPISecurityScheme struct {
	Name       string `json:"name"`
	AuthType   string `json:"x-amazon-apigateway-authtype"`
	Authorizer *struct {
		Type           string `json:"type"`
		IdentitySource string `json:"identitySource"`
		URI            string `json:"authorizerUri"`
	} `json:"x-amazon-apigateway-authorizer"`
}

type openAPIDocument struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Validator  string                                `json:"x-amazon-apigateway-request-validator"`
	Validators map[string]validatorDef               `json:"x-amazon-apigateway-request-validators"`
	Components struct {
		SecuritySchemes map[string]openAPISecurityScheme `json:"securitySchemes"`
	} `json:"components"`
}

var httpOperations = map[string]string{"get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE",
	"options": "OPTIONS", "head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY"}

// Operation is one operation of a REST API's OpenAPI body, as API Gateway will configure it.
type Operation struct {
	Method, Path string
	// Authorization is NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM.
	Authorization string
	// Schemes are the security schemes the operation requires (authorizer names, sigv4, api_key), all of them.
	Schemes        []string
	Scopes         []string
	APIKeyRequired bool
	// Validator names the request validator ("" for none).
	Validator                       string
	IntegrationType, IntegrationURI string
}

// DocumentOperations reads the operations of a REST API's OpenAPI body, sorted by path then method, and the URIs of
// the Lambda authorizers its security schemes call. ok is false when body is not such a document.
func DocumentOperations(body string) (ops []Operation, authorizerURIs []string, ok bool) {
	doc, ok := parseDocument(body)
	if !ok {
		return nil, nil, false
	}
	for _, op := range doc.operations {
		ops = append(ops, op.Operation)
	}
	return ops, doc.authorizerURIs, true
}

// documentOf reads a RestApi's body. ok is false when the API has no body, or it is only known after deploy.
func documentOf(api res) (apiDocument, bool) { return parseDocument(api.str("body")) }

func parseDocument(body string) (doc apiDocument, ok bool) {
	if body == "" {
		return doc, false
	}
	var raw openAPIDocument
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		return doc, false
	}
	doc.validators = raw.Validators
	for _, scheme := range raw.Components.SecuritySchemes {
		if scheme.Authorizer != nil && scheme.Authorizer.URI != "" {
			doc.authorizerURIs = append(doc.authorizerURIs, scheme.Authorizer.URI)
		}
	}
	sort.Strings(doc.authorizerURIs)
	paths := make([]string, 0, len(raw.Paths))
	for p := range raw.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		keys := make([]string, 0, len(raw.Paths[path]))
		for k := range raw.Paths[path] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, key := range keys {
			method, isOperation := httpOperations[key]
			if !isOperation {
				continue
			}
			var op openAPIOperation
			if json.Unmarshal(raw.Paths[path][key], &op) != nil {
				continue
			}
			doc.operations = append(doc.operations, readOperation(raw, method, path, op))
		}
	}
	return doc, true
}

func readOperation(doc openAPIDocument, method, path string, op openAPIOperation) docOperation {
	out := docOperation{label: method + " " + path,
		Operation: Operation{Method: method, Path: path, Authorization: "NONE", Validator: op.Validator}}
	if out.Validator == "" {
		out.Validator = doc.Validator
	}
	if _, declared := doc.Validators[out.Validator]; !declared {
		out.Validator = ""
	}
	// API Gateway takes the first requirement object; every scheme in it applies (OpenAPI's AND).
	if op.Security != nil && len(*op.Security) > 0 {
		for name, scopes := range (*op.Security)[0] {
			scheme := doc.Components.SecuritySchemes[name]
			out.Schemes = append(out.Schemes, name)
			out.Scopes = append(out.Scopes, scopes...)
			switch {
			case scheme.AuthType == "awsSigv4":
				out.Authorization = "AWS_IAM"
			case scheme.Authorizer != nil && scheme.Authorizer.Type == "cognito_user_pools":
				out.Authorization = "COGNITO_USER_POOLS"
				out.identitySources = append(out.identitySources, identitySources(scheme)...)
			case scheme.Authorizer != nil:
				out.Authorization = "CUSTOM"
				out.identitySources = append(out.identitySources, identitySources(scheme)...)
			case strings.EqualFold(scheme.Name, "x-api-key"):
				out.APIKeyRequired = true
			}
		}
	}
	// x-amazon-apigateway-auth (NONE or AWS_IAM, case-insensitive) is API Gateway's other way to ask IAM of a method.
	if op.Auth != nil && strings.EqualFold(op.Auth.Type, "AWS_IAM") && out.Authorization == "NONE" {
		out.Authorization = "AWS_IAM"
	}
	sort.Strings(out.Schemes)
	sort.Strings(out.Scopes)
	if in := op.Integration; in != nil {
		out.IntegrationType = strings.ToUpper(in.Type)
		out.IntegrationURI = in.URI
		out.cacheKey = in.CacheKeyParameters
		out.connectionType, out.connectionID = in.ConnectionType, in.ConnectionID
		out.answersOnlyPreflight = len(in.Responses) > 0
		for _, r := range in.Responses {
			if r.StatusCode != "204" || !hasCORSAllowHeader(r.ResponseParameters) {
				out.answersOnlyPreflight = false
			}
		}
	}
	for code := range op.Responses {
		if code != "204" {
			out.answersOnlyPreflight = false
		}
	}
	return out
}

func identitySources(s openAPISecurityScheme) []string {
	src := s.Authorizer.IdentitySource
	if src == "" && s.Name != "" {
		src = "method.request.header." + s.Name
	}
	var out []string
	for _, part := range strings.Split(src, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func hasCORSAllowHeader(params map[string]string) bool {
	for k := range params {
		if strings.HasPrefix(k, "method.response.header.Access-Control-Allow-") {
			return true
		}
	}
	return false
}

// hasBodyAndParamsValidator reports whether the document declares a validator checking both body and parameters.
func (d apiDocument) hasBodyAndParamsValidator() bool {
	for _, v := range d.validators {
		if v.Body && v.Params {
			return true
		}
	}
	return false
}
