package restapi

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// baseDocument is what the routes are rendered into: the caller's document when Args.Document is set (Validate has
// checked it), otherwise an empty one titled after the instance. Either way it ends with components, schemas,
// security schemes and extensions to fill, and no root security: every operation states its own.
func (a *Args) baseDocument(title string) (*openapi3.T, error) {
	doc := &openapi3.T{
		OpenAPI: OpenAPIVersion,
		Info:    &openapi3.Info{Title: title, Description: a.Description, Version: "1"},
		Paths:   openapi3.NewPaths(),
	}
	if a.Document != "" {
		var err error
		if doc, err = loadDocument(a.Document); err != nil {
			return nil, err
		}
	}
	doc.Security = nil
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	// Only the API's own schemes are accepted in a caller's document (checkDocument); they are replaced whole.
	doc.Components.SecuritySchemes = openapi3.SecuritySchemes{}
	if doc.Extensions == nil {
		doc.Extensions = map[string]any{}
	}
	return doc, nil
}

// overlay puts what the route decides onto the caller's operation for the same method and path, if there is one:
// its security, integration, validator and (for a route schema) body; its required and cache-key parameters; and
// for a mock, the one status it answers. The caller's descriptions, parameters, body, responses and operationId stay.
func overlay(item *openapi3.PathItem, r Route, ours *openapi3.Operation) (*openapi3.Operation, error) {
	var user *openapi3.Operation
	if r.Method == "ANY" {
		raw, ok := item.Extensions[extAnyMethod]
		if !ok {
			return ours, nil
		}
		var err error
		if user, err = anyMethodOperation(raw); err != nil {
			return nil, err
		}
	} else if user = item.GetOperation(r.Method); user == nil {
		return ours, nil
	}
	if user.OperationID == "" {
		user.OperationID = ours.OperationID
	}
	user.Security = ours.Security
	if user.Extensions == nil {
		user.Extensions = map[string]any{}
	}
	for k, v := range ours.Extensions {
		user.Extensions[k] = v
	}
	if user.RequestBody != nil {
		user.Extensions[extValidator] = validateBodyAndParams.Key
	} else {
		user.RequestBody = ours.RequestBody
	}
	user.Parameters = mergeParameters(item.Parameters, user.Parameters, ours.Parameters)
	switch {
	case r.Integration.Kind == Mock:
		if user.Responses == nil {
			user.Responses = openapi3.NewResponses()
		}
		for code, resp := range ours.Responses.Map() {
			user.Responses.Set(code, resp)
		}
	case user.Responses == nil || user.Responses.Len() == 0:
		user.Responses = ours.Responses
	}
	return user, nil
}

// mergeParameters adds the route's parameters to an operation's: one the caller declares (on the operation or its
// path) keeps its description and schema, and is made required when the route requires it. A required override of
// a shared $ref or a path-level parameter is inlined on the operation, so nothing else changes.
func mergeParameters(pathLevel, user, ours openapi3.Parameters) openapi3.Parameters {
	find := func(ps openapi3.Parameters, p *openapi3.Parameter) (int, *openapi3.Parameter) {
		for i, ref := range ps {
			if ref != nil && ref.Value != nil && ref.Value.In == p.In && strings.EqualFold(ref.Value.Name, p.Name) {
				return i, ref.Value
			}
		}
		return -1, nil
	}
	out := append(openapi3.Parameters{}, user...)
	for _, ref := range ours {
		p := ref.Value
		i, have := find(out, p)
		if have == nil {
			if _, shared := find(pathLevel, p); shared != nil {
				if !p.Required || shared.Required {
					continue
				}
				copied := *shared
				copied.Required = true
				out = append(out, &openapi3.ParameterRef{Value: &copied})
				continue
			}
			out = append(out, ref)
			continue
		}
		if p.Required && !have.Required {
			copied := *have
			copied.Required = true
			out[i] = &openapi3.ParameterRef{Value: &copied}
		}
	}
	return out
}
