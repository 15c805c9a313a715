package service

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/secure-apigw/secure-apigw/functions/backend/api"
)

// MaxBodyBytes bounds POST bodies; a new item is a few hundred bytes.
const MaxBodyBytes = 16 << 10

// securityHeaders go on every response the function writes.
var securityHeaders = map[string]string{
	"Content-Type":              "application/json",
	"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
	"X-Content-Type-Options":    "nosniff",
	"X-Frame-Options":           "DENY",
	"Content-Security-Policy":   "default-src 'none'; frame-ancestors 'none'",
	"Cache-Control":             "no-store",
	"Referrer-Policy":           "no-referrer",
}

// Handler serves the backend's routes.
type Handler struct {
	log     *slog.Logger
	store   *Store
	newItem *jsonschema.Schema
	now     func() time.Time
}

// New compiles the shared request schema and returns a handler.
func New(log *slog.Logger, store *Store) (*Handler, error) {
	schema, err := jsonschema.CompileString("new_item.schema.json", api.NewItemSchema)
	if err != nil {
		return nil, fmt.Errorf("compile new item schema: %w", err)
	}
	return &Handler{log: log, store: store, newItem: schema, now: time.Now}, nil
}

// HandleEvent is the function's entry point: it answers an API Gateway proxy event in API Gateway's shape, and an
// ALB target-group event (the private backend behind the VPC link) in the ALB's, which requires isBase64Encoded
// even when false and carries a status description. Both events carry the fields Handle reads.
func (h *Handler) HandleEvent(ctx context.Context, event json.RawMessage) (any, error) {
	var req events.APIGatewayProxyRequest
	var kind struct {
		RequestContext struct {
			ELB *json.RawMessage `json:"elb"`
		} `json:"requestContext"`
	}
	if err := json.Unmarshal(event, &req); err != nil {
		return nil, fmt.Errorf("not a proxy event: %w", err)
	}
	if err := json.Unmarshal(event, &kind); err != nil || kind.RequestContext.ELB == nil {
		return h.Handle(ctx, req)
	}
	resp, err := h.Handle(ctx, req)
	return events.ALBTargetGroupResponse{
		StatusCode:        resp.StatusCode,
		StatusDescription: fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode)),
		Headers:           resp.Headers,
		MultiValueHeaders: resp.MultiValueHeaders,
		Body:              resp.Body,
		IsBase64Encoded:   resp.IsBase64Encoded,
	}, err
}

// Handle answers one API Gateway proxy request. It never returns an error: every failure is a JSON response, so
// the gateway never turns it into an opaque 502.
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayProxyRequest) (resp events.APIGatewayProxyResponse, _ error) {
	start := h.now()
	reqID := req.RequestContext.RequestID
	defer func() {
		if p := recover(); p != nil {
			h.log.ErrorContext(ctx, "panic", "requestId", reqID, "panic", fmt.Sprint(p))
			resp = h.errorResponse(http.StatusInternalServerError, "Internal server error", reqID)
		}
		h.log.InfoContext(ctx, "request", "requestId", reqID, "method", req.HTTPMethod, "resource", req.Resource,
			"status", resp.StatusCode, "durationMs", h.now().Sub(start).Milliseconds())
	}()

	// An ALB (the private backend behind a VPC link) sends the same fields but no resource: its path is the route,
	// as the routes it serves have no path parameters.
	route := req.Resource
	if route == "" {
		route = req.Path
	}
	switch req.HTTPMethod + " " + route {
	case "GET /health":
		return h.json(http.StatusOK, map[string]string{"status": "ok"}), nil
	case "GET /items", "GET /partner/items", "GET /admin/items":
		// One list, three audiences: users (Cognito scopes), partners (the Lambda authorizer), operators (IAM).
		return h.json(http.StatusOK, map[string][]api.Item{"items": h.store.List()}), nil
	case "POST /items":
		return h.createItem(ctx, req), nil
	case "GET /whoami":
		return h.json(http.StatusOK, CallerIdentity(req.RequestContext)), nil
	}
	return h.errorResponse(http.StatusNotFound, "Not found", reqID), nil
}

func (h *Handler) createItem(ctx context.Context, req events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	reqID := req.RequestContext.RequestID
	if mt, _, err := mime.ParseMediaType(header(req.Headers, "Content-Type")); err != nil || mt != "application/json" {
		return h.errorResponse(http.StatusUnsupportedMediaType, "Unsupported media type", reqID)
	}
	body := []byte(req.Body)
	if req.IsBase64Encoded {
		decoded, err := base64.StdEncoding.DecodeString(req.Body)
		if err != nil {
			return h.errorResponse(http.StatusBadRequest, "Invalid request body", reqID)
		}
		body = decoded
	}
	if len(body) > MaxBodyBytes {
		return h.errorResponse(http.StatusRequestEntityTooLarge, "Request too large", reqID)
	}
	in, err := h.decodeNewItem(body)
	if err != nil {
		// The reason is for our logs; the caller gets the same generic answer the gateway gives.
		h.log.WarnContext(ctx, "rejected body", "requestId", reqID, "reason", err.Error())
		return h.errorResponse(http.StatusBadRequest, "Invalid request body", reqID)
	}
	item, err := h.store.Add(in, CallerIdentity(req.RequestContext).Principal)
	if errors.Is(err, ErrStoreFull) {
		return h.errorResponse(http.StatusServiceUnavailable, "Item store is full", reqID)
	}
	if err != nil {
		h.log.ErrorContext(ctx, "store item", "requestId", reqID, "error", err.Error())
		return h.errorResponse(http.StatusInternalServerError, "Internal server error", reqID)
	}
	resp := h.json(http.StatusCreated, item)
	resp.Headers["Location"] = "/items/" + item.ID
	return resp
}

// decodeNewItem validates body against the shared schema, then decodes it strictly.
func (h *Handler) decodeNewItem(body []byte) (api.NewItem, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return api.NewItem{}, fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return api.NewItem{}, errors.New("trailing data after the JSON value")
	}
	if err := h.newItem.Validate(doc); err != nil {
		return api.NewItem{}, fmt.Errorf("schema: %w", err)
	}
	var in api.NewItem
	strict := json.NewDecoder(bytes.NewReader(body))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&in); err != nil {
		return api.NewItem{}, fmt.Errorf("decode: %w", err)
	}
	return in, nil
}

// CallerIdentity reads who called from what the gateway put in the request context — never from headers a client
// could set.
func CallerIdentity(rc events.APIGatewayProxyRequestContext) api.Identity {
	id := api.Identity{SourceIP: rc.Identity.SourceIP, APIKeyID: rc.Identity.APIKeyID, Kind: "anonymous"}
	if p, ok := rc.Authorizer["principalId"].(string); ok && p != "" {
		id.Kind, id.Principal = "authorizer", p
		id.Claims = map[string]string{}
		for k, v := range rc.Authorizer {
			if s, ok := v.(string); ok && k != "principalId" {
				id.Claims[k] = s
			}
		}
		return id
	}
	if claims, ok := rc.Authorizer["claims"].(map[string]any); ok {
		id.Kind = "authorizer"
		id.Claims = map[string]string{}
		for k, v := range claims {
			if s, ok := v.(string); ok {
				id.Claims[k] = s
			}
		}
		id.Principal = id.Claims["sub"]
		return id
	}
	if rc.Identity.UserArn != "" {
		id.Kind, id.Principal, id.AccountID = "iam", rc.Identity.UserArn, rc.Identity.AccountID
	}
	return id
}

func (h *Handler) json(status int, v any) events.APIGatewayProxyResponse {
	body, err := json.Marshal(v)
	if err != nil {
		return h.errorResponse(http.StatusInternalServerError, "Internal server error", "")
	}
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: maps.Clone(securityHeaders), Body: string(body)}
}

func (h *Handler) errorResponse(status int, message, requestID string) events.APIGatewayProxyResponse {
	body, _ := json.Marshal(api.Error{Message: message, RequestID: requestID})
	return events.APIGatewayProxyResponse{StatusCode: status, Headers: maps.Clone(securityHeaders), Body: string(body)}
}

// header reads a header case-insensitively (API Gateway preserves the client's casing).
func header(h map[string]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}
