package restapi_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// contract is a client team's own document: their descriptions, parameters, schemas and responses, and none of API
// Gateway's extensions.
const contract = `
openapi: 3.0.3
info:
  title: Items
  description: The items a shop sells.
  version: "2.1"
tags:
  - name: items
paths:
  /items:
    get:
      operationId: listItems
      summary: List items
      tags: [items]
      parameters:
        - name: limit
          in: query
          description: At most this many items.
          schema: {type: integer, minimum: 1, maximum: 100}
      responses:
        "200":
          description: The items.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Items"}
    post:
      summary: Create an item
      security:
        - users: [api/items.write]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewItem"}
      responses:
        "201": {description: Created.}
  /items/{id}:
    delete:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        "204": {description: Deleted.}
components:
  schemas:
    NewItem:
      type: object
      required: [name]
      additionalProperties: false
      properties:
        name: {type: string, maxLength: 64}
        x-amazon-apigateway-note: {type: string}
    Items:
      type: array
      items: {$ref: "#/components/schemas/NewItem"}
`

func contractArgs() *restapi.Args {
	a := authArgs()
	a.Authorizers[0].Scopes = []string{"api/items.read", "api/items.write"}
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	a.Routes = append(a.Routes,
		restapi.Route{Path: "/items", Method: "POST", Integration: fn, Authorization: restapi.AuthCognito,
			Authorizer: "users", AuthorizationScopes: []string{"api/items.write"}},
		restapi.Route{Path: "/items/{id}", Method: "DELETE", Integration: fn},
	)
	a.Routes[0].RequiredParameters = []string{"querystring.limit"}
	a.Document = contract
	return a
}

func TestUserDocumentKeepsTheContractAndGainsTheDefaults(t *testing.T) {
	doc := document(t, evaluate(t, contractArgs()))

	info := obj(t, doc, "info")
	assert.Equal(t, "Items", info["title"])
	assert.Equal(t, "The items a shop sells.", info["description"])
	assert.Equal(t, "2.1", info["version"])
	assert.Len(t, doc["tags"], 1)
	schemas := obj(t, doc, "components", "schemas")
	assert.Contains(t, schemas, "Items")
	assert.Contains(t, obj(t, schemas, "NewItem", "properties"), "x-amazon-apigateway-note",
		"a property with that name is data, not an extension")
	assert.NotContains(t, doc, "security", "every operation states its own requirement")

	list := operation(t, doc, "GET", "/items")
	assert.Equal(t, "listItems", list["operationId"])
	assert.Equal(t, "List items", list["summary"])
	assert.Contains(t, obj(t, list, "responses", "200", "content"), "application/json")
	assert.Equal(t, "params-only", list["x-amazon-apigateway-request-validator"])
	assert.Equal(t, "aws_proxy", integrationOf(t, list)["type"])
	assert.Equal(t, []map[string]any{{"users": []any{"api/items.read"}}}, security(t, list),
		"an operation without security gets its route's")
	assert.Equal(t, map[string]bool{"query.limit": true}, parameters(list), "the route makes limit required")
	limit := list["parameters"].([]any)[0].(map[string]any)
	assert.Equal(t, "At most this many items.", limit["description"])
	assert.Equal(t, "integer", obj(t, limit, "schema")["type"])

	create := operation(t, doc, "POST", "/items")
	assert.Equal(t, "body-and-params", create["x-amazon-apigateway-request-validator"],
		"a document's request body is a model the gateway validates")
	assert.Equal(t, "#/components/schemas/NewItem",
		obj(t, create, "requestBody", "content", "application/json", "schema")["$ref"])
	assert.Contains(t, obj(t, create, "responses"), "201")
	assert.Equal(t, []map[string]any{{"users": []any{"api/items.write"}}}, security(t, create))

	del := operation(t, doc, "DELETE", "/items/{id}")
	assert.Equal(t, []map[string]any{{"sigv4": []any{}}}, security(t, del))
	assert.Equal(t, map[string]bool{"path.id": true}, parameters(del))
	assert.Equal(t, "uuid", obj(t, del["parameters"].([]any)[0], "schema")["format"], "the user's schema is kept")

	assert.Equal(t, []map[string]any{{"partners": []any{}}}, security(t, operation(t, doc, "GET", "/partner/items")))
	operation(t, doc, "GET", "/admin/items") // a route the document leaves out is added
}

func TestUserDocumentInJSONWithAnyMethodAndRootSecurity(t *testing.T) {
	a := &restapi.Args{
		Routes: []restapi.Route{{Path: "/{proxy+}", Method: "ANY", Integration: restapi.Integration{
			Kind: restapi.HTTPProxy, URL: "https://backend.example.com/{proxy}"}}},
		Document: `{"openapi":"3.0.1","info":{"title":"Proxy","version":"1"},"security":[{"sigv4":[]}],
		  "paths":{"/{proxy+}":{"x-amazon-apigateway-any-method":{"summary":"Everything",
		    "parameters":[{"name":"proxy","in":"path","required":true,"schema":{"type":"string"}}],
		    "responses":{"200":{"description":"ok"}}}}}}`,
	}
	doc := document(t, evaluate(t, a))
	op := operation(t, doc, "ANY", "/{proxy+}")
	assert.Equal(t, "Everything", op["summary"])
	assert.Equal(t, "http_proxy", integrationOf(t, op)["type"])
	assert.Equal(t, []map[string]any{{"sigv4": []any{}}}, security(t, op))
	assert.NotContains(t, doc, "security", "the user's root security is dropped: each operation carries its own")
}

func TestUserDocumentThatWeakensOrMisnamesIsRefusedWithItsPointer(t *testing.T) {
	edit := func(from, to string) string {
		require.Contains(t, contract, from)
		return strings.Replace(contract, from, to, 1)
	}
	listSecurity := "      operationId: listItems\n"
	tests := []struct {
		name  string
		doc   string
		mut   func(a *restapi.Args)
		wants []string
	}{
		{"operation without a route", edit("  /items/{id}:\n    delete:", "  /items/{id}:\n    put:"), nil,
			[]string{"Document /paths/~1items~1{id}/put", "no route declares PUT /items/{id}"}},
		{"empty security", edit(listSecurity, listSecurity+"      security: []\n"), nil,
			[]string{"Document /paths/~1items/get/security", "without authorization"}},
		{"empty root security", edit("tags:\n  - name: items", "security: []\ntags:\n  - name: items"), nil,
			[]string{"Document /security", "without authorization", "GET /items"}},
		{"unknown scheme", edit(listSecurity, listSecurity+"      security:\n        - bearer: []\n"), nil,
			[]string{"Document /paths/~1items/get/security/0/bearer", "unknown authorizer", "sigv4, api_key, users, partners"}},
		{"unknown scope", edit("users: [api/items.write]", "users: [api/items.admin]"), nil,
			[]string{"Document /paths/~1items/post/security/0/users", `unknown scope "api/items.admin"`, "Authorizers[0].Scopes"}},
		{"scope on sigv4", edit("  /items/{id}:\n    delete:", "  /items/{id}:\n    delete:\n      security:\n        - sigv4: [admin]"), nil,
			[]string{"Document /paths/~1items~1{id}/delete/security/0/sigv4", "only a COGNITO_USER_POOLS authorizer takes scopes"}},
		{"disagrees with the route", edit("users: [api/items.write]", "sigv4: []"), nil,
			[]string{"Document /paths/~1items/post/security", "says sigv4", "the route for POST /items says users[api/items.write]"}},
		{"alternatives", edit("        - users: [api/items.write]", "        - users: [api/items.write]\n        - sigv4: []"), nil,
			[]string{"Document /paths/~1items/post/security", "one requirement"}},
		{"integration extension", edit(listSecurity, listSecurity+"      x-amazon-apigateway-integration: {type: mock}\n"), nil,
			[]string{"Document /paths/~1items/get/x-amazon-apigateway-integration", "the route's Integration"}},
		{"policy extension", edit("tags:\n  - name: items", "x-amazon-apigateway-policy: {}\ntags:\n  - name: items"), nil,
			[]string{"Document /x-amazon-apigateway-policy", "ResourcePolicy"}},
		{"foreign security scheme", edit("components:\n", "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n"), nil,
			[]string{"Document /components/securitySchemes/bearer", "Args.Authorizers"}},
		{"body twice", contract, func(a *restapi.Args) { a.Routes[3].RequestSchema = itemSchema },
			[]string{"Document /paths/~1items/post/requestBody", "Routes[3].RequestSchema"}},
		{"model name taken", edit("    Items:\n", "    PutItemsRequest: {type: object}\n    Items:\n"),
			func(a *restapi.Args) {
				a.Routes = append(a.Routes, restapi.Route{Path: "/items", Method: "PUT", RequestSchema: itemSchema,
					Integration: restapi.Integration{Kind: restapi.Mock}})
			}, []string{"Document /components/schemas/PutItemsRequest", "Routes[5].RequestSchema"}},
		{"swagger 2", "swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths: {}\n", nil,
			[]string{"Document", "OpenAPI 3.0"}},
		{"openapi 3.1", edit("openapi: 3.0.3", "openapi: 3.1.0"), nil, []string{"Document", "3.1.0", "OpenAPI 3.0"}},
		{"not a document", "{", nil, []string{"Document"}},
		{"external reference", edit(`$ref: "#/components/schemas/Items"`, `$ref: "https://example.com/items.json"`), nil,
			[]string{"Document"}},
		{"undeclared route scope", contract, func(a *restapi.Args) { a.Routes[0].AuthorizationScopes = []string{"api/items.list"} },
			[]string{"Routes[0].AuthorizationScopes", `"api/items.list"`, "Authorizers[0].Scopes"}},
		{"scopes on a Lambda authorizer", contract, func(a *restapi.Args) { a.Authorizers[1].Scopes = []string{"x"} },
			[]string{"Authorizers[1].Scopes", "COGNITO_USER_POOLS"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := contractArgs()
			a.Document = tt.doc
			if tt.mut != nil {
				tt.mut(a)
			}
			require.Error(t, a.Validate())
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := restapi.New(ctx, "shop", a)
				return err
			})
			require.Error(t, err)
			for _, w := range tt.wants {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources(), "a refused Args must register nothing")
		})
	}
}

func TestRouteMakesSharedAndPathLevelParametersRequiredOnItsOperationOnly(t *testing.T) {
	fn := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: lambdaTarget()}
	a := &restapi.Args{
		Routes: []restapi.Route{
			{Path: "/items", Method: "GET", Integration: fn, RequiredParameters: []string{"querystring.limit", "header.X-Tenant"}},
			{Path: "/items", Method: "HEAD", Integration: fn},
		},
		Document: `{"openapi":"3.0.1","info":{"title":"t","version":"1"},
		  "paths":{"/items":{
		    "parameters":[{"name":"x-tenant","in":"header","schema":{"type":"string"}}],
		    "get":{"parameters":[{"$ref":"#/components/parameters/limit"}],"responses":{"200":{"description":"ok"}}},
		    "head":{"parameters":[{"$ref":"#/components/parameters/limit"}],"responses":{"200":{"description":"ok"}}}}},
		  "components":{"parameters":{"limit":{"name":"limit","in":"query","description":"Page size.","schema":{"type":"integer"}}}}}`,
	}
	doc := document(t, evaluate(t, a))
	get := operation(t, doc, "GET", "/items")
	assert.Equal(t, map[string]bool{"query.limit": true, "header.x-tenant": true}, parameters(get))
	for _, p := range get["parameters"].([]any) {
		assert.NotContains(t, p, "$ref", "a required override is inlined, so the shared parameter stays optional")
	}
	assert.Equal(t, "Page size.", get["parameters"].([]any)[0].(map[string]any)["description"])
	head := operation(t, doc, "HEAD", "/items")
	assert.Equal(t, "#/components/parameters/limit", head["parameters"].([]any)[0].(map[string]any)["$ref"])
	assert.Equal(t, false, obj(t, doc, "components", "parameters", "limit")["required"] == true)
	assert.Len(t, obj(t, doc, "paths", "/items")["parameters"], 1, "the path-level parameter is untouched")
}
