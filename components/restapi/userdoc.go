package restapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// A caller's own OpenAPI document (Args.Document) brings the contract: paths, parameters, schemas, responses,
// descriptions, tags. The routes bring what makes it secure: each operation's integration and authorization. The
// component then adds what it adds to every API (validators, models, security schemes, gateway responses, the
// resource policy). So the document may describe, but never decide, anything API Gateway enforces: it is refused,
// with a JSON pointer to the place, when it names an API Gateway extension, an operation no route declares, an
// authorization that is missing, unknown or differs from its route's, or a security scheme that is not an authorizer.

// extensionOwners names the Args field that decides what each API Gateway extension would set.
var extensionOwners = map[string]string{ //nolint:gosec // G101: OpenAPI extension names and their owners
	extIntegration:      "the route's Integration",
	extAuthorizer:       "Args.Authorizers",
	extAuthType:         "Args.Authorizers",
	extValidators:       "the component (validators are always on)",
	extValidator:        "the component (validators are always on)",
	extGatewayResponses: "the component (its gateway responses leak nothing)",
	extAPIKeySource:     "Args.ApiKeySource",
	extBinaryMediaTypes: "Args.BinaryMediaTypes",
	extPolicy:           "Args.ResourcePolicy",
	"x-amazon-apigateway-endpoint-configuration": "Args.EndpointType and Args.VpcEndpointIDs",
	"x-amazon-apigateway-cors":                   "Args.Cors",
}

// loadDocument parses a caller's document (JSON or YAML) and checks it is OpenAPI 3.0 that kin-openapi validates.
// External references are refused: rendering a stack never reads files or URLs named by a document.
func loadDocument(text string) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("does not load: %w", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
		return nil, fmt.Errorf("openapi %q is not supported: API Gateway imports OpenAPI 3.0.x for REST APIs "+
			"(not 3.1; convert Swagger 2.0 to OpenAPI 3.0 first)", doc.OpenAPI)
	}
	// The security schemes a caller names are the API's own, declared when the routes render; checkDocument
	// refuses any other name.
	undeclaredScheme := func(err error) bool {
		var undefined *openapi3.SecurityRequirementSchemeUndefinedError
		return greedyParameterConvention(err) || errors.As(err, &undefined)
	}
	if err := validateLoaded(doc, undeclaredScheme); err != nil {
		return nil, err
	}
	return doc, nil
}

// pointer is a JSON pointer (RFC 6901) to the keys given.
func pointer(keys ...string) string {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString("/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k))
	}
	return b.String()
}

// documentOperations are a path item's operations by route method, API Gateway's any-method extension as ANY. Each
// comes with the key it has in the path item.
func documentOperations(item *openapi3.PathItem) (map[string]*openapi3.Operation, map[string]string, error) {
	ops, keys := map[string]*openapi3.Operation{}, map[string]string{}
	for method, op := range item.Operations() {
		ops[method], keys[method] = op, strings.ToLower(method)
	}
	if raw, ok := item.Extensions[extAnyMethod]; ok {
		op, err := anyMethodOperation(raw)
		if err != nil {
			return nil, nil, err
		}
		ops["ANY"], keys["ANY"] = op, extAnyMethod
	}
	return ops, keys, nil
}

// anyMethodOperation decodes the any-method extension, which kin-openapi keeps as plain data, into an operation.
func anyMethodOperation(raw any) (*openapi3.Operation, error) {
	if op, ok := raw.(*openapi3.Operation); ok {
		return op, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	op := &openapi3.Operation{}
	if err := json.Unmarshal(b, op); err != nil {
		return nil, fmt.Errorf("%s is not an operation: %w", extAnyMethod, err)
	}
	return op, nil
}

// checkDocument reports everything in Args.Document the routes and authorizers do not back, each problem with its
// JSON pointer.
func (a *Args) checkDocument() []error {
	doc, err := loadDocument(a.Document)
	if err != nil {
		return []error{fmt.Errorf("Document: %w", err)}
	}
	var errs []error
	at := func(ptr, format string, v ...any) {
		errs = append(errs, fmt.Errorf("Document %s: %s", ptr, fmt.Sprintf(format, v...)))
	}
	var tree any
	b, _ := json.Marshal(doc)
	_ = json.Unmarshal(b, &tree)
	walkExtensions(tree, nil, false, func(keys []string, ext string) {
		owner, ok := extensionOwners[ext]
		if !ok {
			owner = "Args; the component sets API Gateway's extensions itself"
		}
		at(pointer(keys...), "%s is decided by %s, so a document cannot weaken it; remove it", ext, owner)
	})
	known := a.schemeNames()
	if doc.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
			if !slices.Contains(known, name) {
				at(pointer("components", "securitySchemes", name), "unknown authorizer %q: the API's security "+
					"schemes are Args.Authorizers and the built-in sigv4 and api_key (known: %s)", name, strings.Join(known, ", "))
			}
		}
		for i, r := range a.Routes {
			if r.RequestSchema == "" {
				continue
			}
			if name := modelName(r.Method, r.Path); doc.Components.Schemas[name] != nil {
				at(pointer("components", "schemas", name), "is the model Routes[%d].RequestSchema generates; rename "+
					"the schema, or give the route's body as the operation's requestBody instead", i)
			}
		}
	}
	routes := map[string]int{}
	for i, r := range a.Routes {
		routes[r.Method+" "+r.Path] = i
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		ops, keys, err := documentOperations(doc.Paths.Value(path))
		if err != nil {
			at(pointer("paths", path, extAnyMethod), "%v", err)
			continue
		}
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			ptr := pointer("paths", path, keys[method])
			i, ok := routes[method+" "+path]
			if !ok {
				at(ptr, "no route declares %s %s; add a Route for it (the route gives its integration and "+
					"authorization)", method, path)
				continue
			}
			op := ops[method]
			switch {
			case op.Security != nil:
				errs = append(errs, a.checkRequirement(ptr+"/security", *op.Security, i)...)
			case doc.Security != nil:
				errs = append(errs, a.checkRequirement("/security", doc.Security, i)...)
			}
			if op.RequestBody != nil && a.Routes[i].RequestSchema != "" {
				at(ptr+"/requestBody", "the body's schema is also given by Routes[%d].RequestSchema; give it in one place", i)
			}
		}
	}
	return errs
}

// walkExtensions calls found for every x-amazon-apigateway-* key in a document's JSON tree, except the any-method
// operation of a path item. Keys of "properties" are property names, not extensions; examples and defaults are data.
func walkExtensions(v any, keys []string, names bool, found func(keys []string, ext string)) {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			at := append(slices.Clone(keys), k)
			anyMethod := len(keys) == 2 && keys[0] == "paths" && k == extAnyMethod
			if !names && !anyMethod && strings.HasPrefix(k, "x-amazon-apigateway-") {
				found(at, k)
				continue
			}
			switch k {
			case "example", "examples", "default", "enum":
				if !names {
					continue
				}
			}
			walkExtensions(t[k], at, !names && k == "properties", found)
		}
	case []any:
		for i, child := range t {
			walkExtensions(child, append(slices.Clone(keys), fmt.Sprint(i)), false, found)
		}
	}
}

// checkRequirement checks the security an operation states (itself, or at the document's root) against its route:
// one requirement object, of known schemes and scopes, equal to the one the route renders.
func (a *Args) checkRequirement(ptr string, reqs openapi3.SecurityRequirements, i int) []error {
	r := a.Routes[i]
	route := fmt.Sprintf("the route for %s %s", r.Method, r.Path)
	if len(reqs) == 0 {
		return []error{fmt.Errorf("Document %s: an empty list leaves %s %s without authorization; remove it, and "+
			"the route's Authorization applies", ptr, r.Method, r.Path)}
	}
	if len(reqs) > 1 {
		return []error{fmt.Errorf("Document %s: %d alternatives; API Gateway applies one requirement per method, so "+
			"state one requirement object (all its schemes apply)", ptr, len(reqs))}
	}
	var errs []error
	known := a.schemeNames()
	for _, name := range slices.Sorted(maps.Keys(reqs[0])) {
		p := ptr + pointer("0", name)
		if !slices.Contains(known, name) {
			errs = append(errs, fmt.Errorf("Document %s: unknown authorizer %q; known: %s", p, name,
				strings.Join(known, ", ")))
			continue
		}
		au, j := a.authorizer(name)
		for _, scope := range reqs[0][name] {
			switch {
			case au == nil || au.Kind != CognitoUserPools:
				errs = append(errs, fmt.Errorf("Document %s: only a COGNITO_USER_POOLS authorizer takes scopes; "+
					"%q cannot", p, name))
			case len(au.Scopes) > 0 && !slices.Contains(au.Scopes, scope):
				errs = append(errs, fmt.Errorf("Document %s: unknown scope %q; Authorizers[%d].Scopes declares %s",
					p, scope, j, strings.Join(au.Scopes, ", ")))
			default:
				continue
			}
			break
		}
	}
	if len(errs) > 0 {
		return errs
	}
	r = r.withDefaultAuthorization()
	if want, got := requirementText(requirement(r)), requirementText(reqs[0]); want != got {
		errs = append(errs, fmt.Errorf("Document %s: says %s, and %s says %s; they must agree (the route's "+
			"Authorization, Authorizer, AuthorizationScopes and ApiKeyRequired decide)", ptr, got, route, want))
	}
	return errs
}

// schemeNames are the security schemes a document may name: the built-in ones, then the authorizers.
func (a *Args) schemeNames() []string {
	out := []string{SigV4Scheme, APIKeyScheme}
	for _, au := range a.Authorizers {
		out = append(out, au.Name)
	}
	return out
}

func (a *Args) authorizer(name string) (*Authorizer, int) {
	for i := range a.Authorizers {
		if a.Authorizers[i].Name == name {
			return &a.Authorizers[i], i
		}
	}
	return nil, -1
}

// requirementText is a requirement in one canonical line: "users[api/items.read], api_key".
func requirementText(req openapi3.SecurityRequirement) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(req)) {
		scopes := slices.Clone(req[name])
		sort.Strings(scopes)
		if len(scopes) == 0 {
			parts = append(parts, name)
		} else {
			parts = append(parts, name+"["+strings.Join(scopes, " ")+"]")
		}
	}
	return strings.Join(parts, ", ")
}
