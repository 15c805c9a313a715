package service_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/backend/api"
	"github.com/secure-apigw/secure-apigw/functions/backend/service"
)

func newHandler(t *testing.T, maxItems int) (*service.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	h, err := service.New(slog.New(slog.NewJSONHandler(&logs, nil)), service.NewStore(maxItems, func() time.Time {
		return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	}))
	require.NoError(t, err)
	return h, &logs
}

func iamRequest(method, resource, body string) events.APIGatewayProxyRequest {
	return events.APIGatewayProxyRequest{
		HTTPMethod: method, Resource: resource, Path: resource, Body: body,
		Headers: map[string]string{"content-type": "application/json; charset=utf-8"},
		RequestContext: events.APIGatewayProxyRequestContext{
			RequestID: "req-1",
			Identity: events.APIGatewayRequestIdentity{
				UserArn: "arn:aws:iam::123456789012:user/alice", AccountID: "123456789012", SourceIP: "192.0.2.1",
			},
		},
	}
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name       string
		req        events.APIGatewayProxyRequest
		wantStatus int
		wantBody   string // substring
	}{
		{"health", iamRequest("GET", "/health", ""), 200, `{"status":"ok"}`},
		{"empty list", iamRequest("GET", "/items", ""), 200, `{"items":[]}`},
		{"partner list", iamRequest("GET", "/partner/items", ""), 200, `{"items":[]}`},
		{"admin list", iamRequest("GET", "/admin/items", ""), 200, `{"items":[]}`},
		{"create", iamRequest("POST", "/items", `{"name":"bolt","quantity":3,"tags":["m4"]}`), 201, `"createdBy":"arn:aws:iam::123456789012:user/alice"`},
		{"whoami iam", iamRequest("GET", "/whoami", ""), 200, `"kind":"iam"`},
		{"unknown route", iamRequest("GET", "/nope", ""), 404, `"message":"Not found"`},
		{"missing field", iamRequest("POST", "/items", `{"name":"bolt"}`), 400, `Invalid request body`},
		{"extra field", iamRequest("POST", "/items", `{"name":"bolt","quantity":1,"admin":true}`), 400, `Invalid request body`},
		{"negative quantity", iamRequest("POST", "/items", `{"name":"bolt","quantity":-1}`), 400, `Invalid request body`},
		{"fractional quantity", iamRequest("POST", "/items", `{"name":"bolt","quantity":1.5}`), 400, `Invalid request body`},
		{"markup in name", iamRequest("POST", "/items", `{"name":"<script>","quantity":1}`), 400, `Invalid request body`},
		{"not json", iamRequest("POST", "/items", `name=bolt`), 400, `Invalid request body`},
		{"trailing data", iamRequest("POST", "/items", `{"name":"a","quantity":1} {}`), 400, `Invalid request body`},
		{"too large", iamRequest("POST", "/items", `{"name":"`+strings.Repeat("a", service.MaxBodyBytes)+`","quantity":1}`), 413, `Request too large`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newHandler(t, 10)
			resp, err := h.Handle(context.Background(), tt.req)
			require.NoError(t, err)
			assert.Equal(t, tt.wantStatus, resp.StatusCode, resp.Body)
			assert.Contains(t, resp.Body, tt.wantBody)
			assert.Equal(t, "nosniff", resp.Headers["X-Content-Type-Options"])
			assert.Equal(t, "application/json", resp.Headers["Content-Type"])
			assert.Contains(t, resp.Headers["Strict-Transport-Security"], "max-age=")
		})
	}
}

func TestCreateThenList(t *testing.T) {
	h, logs := newHandler(t, 10)
	resp, err := h.Handle(context.Background(), iamRequest("POST", "/items", `{"name":"bolt","quantity":3}`))
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	var created api.Item
	require.NoError(t, json.Unmarshal([]byte(resp.Body), &created))
	assert.Len(t, created.ID, 32)
	assert.Equal(t, "/items/"+created.ID, resp.Headers["Location"])
	assert.Equal(t, "2026-01-02T03:04:05Z", created.CreatedAt)

	resp, err = h.Handle(context.Background(), iamRequest("GET", "/items", ""))
	require.NoError(t, err)
	var list struct{ Items []api.Item }
	require.NoError(t, json.Unmarshal([]byte(resp.Body), &list))
	require.Len(t, list.Items, 1)
	assert.Equal(t, created, list.Items[0])

	// The structured log names the request but never carries the body.
	assert.Contains(t, logs.String(), `"requestId":"req-1"`)
	assert.Contains(t, logs.String(), `"status":201`)
	assert.NotContains(t, logs.String(), "bolt")
}

func TestBase64BodyAndMediaType(t *testing.T) {
	h, _ := newHandler(t, 10)
	req := iamRequest("POST", "/items", base64.StdEncoding.EncodeToString([]byte(`{"name":"nut","quantity":1}`)))
	req.IsBase64Encoded = true
	resp, _ := h.Handle(context.Background(), req)
	assert.Equal(t, http.StatusCreated, resp.StatusCode, resp.Body)

	req = iamRequest("POST", "/items", `{"name":"nut","quantity":1}`)
	req.Headers = map[string]string{"Content-Type": "text/plain"}
	resp, _ = h.Handle(context.Background(), req)
	assert.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode)
}

func TestStoreFull(t *testing.T) {
	h, _ := newHandler(t, 1)
	resp, _ := h.Handle(context.Background(), iamRequest("POST", "/items", `{"name":"a","quantity":1}`))
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	resp, _ = h.Handle(context.Background(), iamRequest("POST", "/items", `{"name":"b","quantity":1}`))
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
}

func TestCallerIdentity(t *testing.T) {
	tests := []struct {
		name string
		rc   events.APIGatewayProxyRequestContext
		want api.Identity
	}{
		{"anonymous with api key", events.APIGatewayProxyRequestContext{
			Identity: events.APIGatewayRequestIdentity{APIKeyID: "k1", SourceIP: "192.0.2.9"},
		}, api.Identity{Kind: "anonymous", APIKeyID: "k1", SourceIP: "192.0.2.9"}},
		{"lambda authorizer context", events.APIGatewayProxyRequestContext{
			Authorizer: map[string]any{"principalId": "user-1", "scope": "items.read", "n": 3},
		}, api.Identity{Kind: "authorizer", Principal: "user-1", Claims: map[string]string{"scope": "items.read"}}},
		{"cognito claims", events.APIGatewayProxyRequestContext{
			Authorizer: map[string]any{"claims": map[string]any{"sub": "abc", "client_id": "c1"}},
		}, api.Identity{Kind: "authorizer", Principal: "abc", Claims: map[string]string{"sub": "abc", "client_id": "c1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, service.CallerIdentity(tt.rc))
		})
	}
}

// API Gateway models are draft-04, and the schema must be closed: an open schema would let unknown fields past the
// gateway (the code's strict decode would still refuse them, but the gateway should too).
func TestSchemaIsDraft04AndClosed(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(api.NewItemSchema), &doc))
	assert.Equal(t, "http://json-schema.org/draft-04/schema#", doc["$schema"], "API Gateway models are draft-04")
	assert.Equal(t, false, doc["additionalProperties"])
}

// An ALB target-group event (the shape aws-lambda-go's ALBTargetGroupRequest documents) reaches the same handler
// when the API routes through the VPC link: it has a path but no resource. The answer is in the ALB's shape, which
// requires isBase64Encoded (API Gateway's shape omits it when false) and carries a status description.
func TestALBEventsAreRoutedByPathAndAnsweredInTheALBsShape(t *testing.T) {
	h, _ := newHandler(t, 10)
	for path, want := range map[string]int{"/health": http.StatusOK, "/admin/items": http.StatusOK, "/nope": http.StatusNotFound} {
		raw := `{"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/backend/0123"}},
			"httpMethod":"GET","path":"` + path + `","queryStringParameters":{},"headers":{"host":"api.example.com"},
			"body":"","isBase64Encoded":false}`
		out, err := h.HandleEvent(context.Background(), json.RawMessage(raw))
		require.NoError(t, err)
		b, err := json.Marshal(out)
		require.NoError(t, err)
		var resp map[string]any
		require.NoError(t, json.Unmarshal(b, &resp))
		assert.Equal(t, float64(want), resp["statusCode"], path)
		assert.Equal(t, false, resp["isBase64Encoded"], "present, as an ALB requires")
		assert.Equal(t, fmt.Sprintf("%d %s", want, http.StatusText(want)), resp["statusDescription"], path)
		assert.Equal(t, "application/json", resp["headers"].(map[string]any)["Content-Type"], path)
	}
}

// An API Gateway event goes through HandleEvent unchanged, in API Gateway's shape.
func TestAPIGatewayEventsKeepTheirShape(t *testing.T) {
	h, _ := newHandler(t, 10)
	raw, err := json.Marshal(iamRequest("GET", "/health", ""))
	require.NoError(t, err)
	out, err := h.HandleEvent(context.Background(), raw)
	require.NoError(t, err)
	resp, ok := out.(events.APIGatewayProxyResponse)
	require.True(t, ok, "%T", out)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
