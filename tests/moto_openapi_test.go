//go:build integration

package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/motoserver"
)

// forMoto adapts a document to moto 5.2.1's put_rest_api, which calls put_integration with uri and httpMethod as
// required arguments even for a mock (AWS needs neither; moto answers 500 without them). The shim only adds them to
// mock integrations; the document under test is otherwise sent as the stack renders it.
func forMoto(t *testing.T, doc map[string]any) []byte {
	t.Helper()
	for _, item := range doc["paths"].(map[string]any) {
		for _, op := range item.(map[string]any) {
			in, ok := op.(map[string]any)["x-amazon-apigateway-integration"].(map[string]any)
			if ok && in["type"] == "mock" {
				in["uri"], in["httpMethod"] = "", "POST"
			}
		}
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

// TestDevDocumentImportsIntoAPIGateway PutRestApis the dev stack's document into moto's API Gateway in overwrite
// mode, with failOnWarnings (moto then also checks it with openapi-spec-validator), and reads back every resource,
// method and integration the document declares.
//
// moto 5.2.1 imports paths, methods, method-response codes, integrations and integration responses. It ignores
// security schemes (no authorizers, scopes or API-key requirements), components (no models), request validators,
// gateway responses, the API key source and the resource policy, and drops cacheKeyParameters: those are asserted on
// the document itself by the component's and stack's tests, not here.
func TestDevDocumentImportsIntoAPIGateway(t *testing.T) {
	endpoint := motoserver.Start(t)
	e, err := evaluate(t, loadStack(t, "dev"))
	require.NoError(t, err)
	doc := apiDocument(t, e)

	ctx := context.Background()
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("eu-west-1"),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
	require.NoError(t, err)
	gw := apigateway.NewFromConfig(cfg, func(o *apigateway.Options) { o.BaseEndpoint = aws.String(endpoint) })
	created, err := gw.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: aws.String("dev")})
	require.NoError(t, err)
	_, err = gw.PutRestApi(ctx, &apigateway.PutRestApiInput{RestApiId: created.Id, Mode: types.PutModeOverwrite,
		FailOnWarnings: true, Body: forMoto(t, doc)})
	require.NoError(t, err)

	res, err := gw.GetResources(ctx, &apigateway.GetResourcesInput{RestApiId: created.Id, Embed: []string{"methods"},
		Limit: aws.Int32(500)})
	require.NoError(t, err)
	byPath := map[string]types.Resource{}
	for _, r := range res.Items {
		byPath[aws.ToString(r.Path)] = r
	}
	declared := 0
	for path, item := range doc["paths"].(map[string]any) {
		r, ok := byPath[path]
		require.True(t, ok, "resource %s was not created", path)
		for method, raw := range item.(map[string]any) {
			declared++
			op := raw.(map[string]any)
			want := op["x-amazon-apigateway-integration"].(map[string]any)
			httpMethod := strings.ToUpper(method)
			_, ok := r.ResourceMethods[httpMethod]
			require.True(t, ok, "%s %s was not created", httpMethod, path)
			got, err := gw.GetIntegration(ctx, &apigateway.GetIntegrationInput{RestApiId: created.Id, ResourceId: r.Id,
				HttpMethod: aws.String(httpMethod)})
			require.NoError(t, err, "%s %s has no integration", httpMethod, path)
			route := httpMethod + " " + path
			assert.True(t, strings.EqualFold(fmt.Sprint(want["type"]), string(got.Type)), "%s: integration type %s", route, got.Type)
			if want["type"] == "aws_proxy" {
				assert.Equal(t, want["uri"], aws.ToString(got.Uri), route)
				assert.Equal(t, "POST", aws.ToString(got.HttpMethod), route)
				assert.Equal(t, int32(want["timeoutInMillis"].(float64)), got.TimeoutInMillis, route)
			}
			if want["type"] == "mock" {
				assert.Equal(t, want["requestTemplates"].(map[string]any)["application/json"], got.RequestTemplates["application/json"], route)
				status := want["responses"].(map[string]any)["default"].(map[string]any)["statusCode"].(string)
				require.Contains(t, got.IntegrationResponses, status, route)
				for k, v := range want["responses"].(map[string]any)["default"].(map[string]any)["responseParameters"].(map[string]any) {
					assert.Equal(t, v, got.IntegrationResponses[status].ResponseParameters[k], "%s: %s", route, k)
				}
			}
		}
	}
	assert.Equal(t, 11, declared, "the dev API's six routes and five CORS preflights")
}
