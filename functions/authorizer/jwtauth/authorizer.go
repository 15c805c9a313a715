package jwtauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// ErrUnauthorized is what the handler returns for a missing or invalid token: API Gateway answers 401 for exactly
// this error message.
var ErrUnauthorized = errors.New("Unauthorized")

// Request is a Lambda authorizer event of either type: TOKEN (authorizationToken) or REQUEST (headers).
type Request struct {
	Type               string            `json:"type"`
	MethodArn          string            `json:"methodArn"`
	AuthorizationToken string            `json:"authorizationToken,omitempty"`
	Headers            map[string]string `json:"headers,omitempty"`
	// MultiValueHeaders holds every value of a header sent more than once; Headers holds only the last.
	MultiValueHeaders map[string][]string `json:"multiValueHeaders,omitempty"`
}

// Authorizer decides requests.
type Authorizer struct {
	verifier     *Verifier
	entitlements Entitlements
	usageClaim   string
	log          *slog.Logger
	now          func() time.Time
}

// New returns an Authorizer over v, logging decisions to log.
func New(v *Verifier, log *slog.Logger) *Authorizer {
	return &Authorizer{verifier: v, entitlements: NewEntitlements(v.cfg.Entitlements),
		usageClaim: v.cfg.UsageIdentifierClaim, log: log, now: time.Now}
}

// Handle decides one authorizer request.
func (a *Authorizer) Handle(ctx context.Context, req Request) (events.APIGatewayCustomAuthorizerResponse, error) {
	start := a.now()
	resp, decision, attrs := a.decide(req)
	attrs = append(attrs, slog.String("decision", decision), slog.Int64("latencyUs", a.now().Sub(start).Microseconds()))
	a.log.LogAttrs(ctx, slog.LevelInfo, "authorization", attrs...)
	if decision == "unauthorized" {
		return events.APIGatewayCustomAuthorizerResponse{}, ErrUnauthorized
	}
	return resp, nil
}

// HandleEvent is the Lambda handler: Handle behind the event's own decoding, so an event that is not an authorizer
// event is a logged 401 like any other bad input, not a decoding error naming Go types (which API Gateway would turn
// into a 500).
func (a *Authorizer) HandleEvent(ctx context.Context, event json.RawMessage) (events.APIGatewayCustomAuthorizerResponse, error) {
	var req Request
	if err := json.Unmarshal(event, &req); err != nil {
		a.log.LogAttrs(ctx, slog.LevelInfo, "authorization", slog.String("reason", "not an authorizer event"),
			slog.String("decision", "unauthorized"))
		return events.APIGatewayCustomAuthorizerResponse{}, ErrUnauthorized
	}
	return a.Handle(ctx, req)
}

// decide returns the response, "allow", "deny" or "unauthorized", and what to log about it.
func (a *Authorizer) decide(req Request) (events.APIGatewayCustomAuthorizerResponse, string, []slog.Attr) {
	arn, err := ParseMethodARN(req.MethodArn)
	if err != nil {
		return events.APIGatewayCustomAuthorizerResponse{}, "unauthorized", []slog.Attr{slog.String("reason", "bad method ARN")}
	}
	attrs := []slog.Attr{slog.String("method", arn.Method), slog.String("path", arn.Path)}
	var claims *Claims
	token, err := bearer(req)
	if err == nil {
		claims, err = a.verifier.Verify(token)
	}
	if err != nil {
		return events.APIGatewayCustomAuthorizerResponse{}, "unauthorized", append(attrs, slog.String("reason", err.Error()))
	}
	attrs = append(attrs, slog.String("sub", claims.Subject), slog.String("clientId", clientOf(claims)))

	scopes := claims.Scopes()
	allowed := a.entitlements.For(scopes)
	var allow []string
	called := false
	for _, r := range allowed {
		allow = append(allow, r.resource(arn.Prefix))
		called = called || r.matches(arn.Method, arn.Path)
	}
	policy := events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17"}
	if len(allow) > 0 {
		policy.Statement = append(policy.Statement, events.IAMPolicyStatement{
			Action: []string{"execute-api:Invoke"}, Effect: "Allow", Resource: allow})
	}
	decision := "allow"
	if !called {
		// Explicit: this token may not call this route (403), whatever else it may call.
		policy.Statement = append(policy.Statement, events.IAMPolicyStatement{
			Action: []string{"execute-api:Invoke"}, Effect: "Deny", Resource: []string{req.MethodArn}})
		decision = "deny"
		attrs = append(attrs, slog.String("reason", "no scope entitles this route"))
	}
	resp := events.APIGatewayCustomAuthorizerResponse{
		PrincipalID:    claims.Subject,
		PolicyDocument: policy,
		Context: map[string]any{
			"sub": claims.Subject, "clientId": clientOf(claims), "scope": strings.Join(scopes, " "),
			"tokenUse": claims.TokenUse,
		},
	}
	if a.usageClaim != "" {
		resp.UsageIdentifierKey = a.claim(claims, a.usageClaim)
	}
	return resp, decision, attrs
}

func (a *Authorizer) claim(c *Claims, name string) string {
	switch name {
	case "client_id":
		return clientOf(c)
	case "sub":
		return c.Subject
	case "username":
		return c.Username
	}
	return ""
}

// clientOf is the client the token was issued to: client_id (Cognito access tokens) or the first aud.
func clientOf(c *Claims) string {
	if c.ClientID != "" {
		return c.ClientID
	}
	if len(c.Audience) > 0 {
		return c.Audience[0]
	}
	return ""
}

// bearer extracts the token from a TOKEN event's authorizationToken or a REQUEST event's Authorization header, in
// the forms API Gateway's own Cognito authorizer accepts: "Bearer <jwt>", the scheme in any case, or the bare JWT.
// Another scheme is refused, and so is a REQUEST whose Authorization headers disagree — "Authorization" and
// "authorization" are two map keys, and picking one by map order would answer differently from call to call.
func bearer(req Request) (string, error) {
	raw := req.AuthorizationToken
	if req.Type != "TOKEN" {
		var values []string
		add := func(v string) {
			if !slices.Contains(values, v) {
				values = append(values, v)
			}
		}
		for k, v := range req.Headers {
			if strings.EqualFold(k, "Authorization") {
				add(v)
			}
		}
		for k, vs := range req.MultiValueHeaders {
			if strings.EqualFold(k, "Authorization") {
				for _, v := range vs {
					add(v)
				}
			}
		}
		if len(values) > 1 {
			return "", ErrAmbiguousHeader
		}
		if len(values) == 1 {
			raw = values[0]
		}
	}
	// "Bearer <jwt>" (scheme in any case) or the bare JWT; anything else is another scheme or not one token.
	switch fields := strings.Fields(raw); {
	case len(fields) == 0, len(fields) == 1 && strings.EqualFold(fields[0], "Bearer"):
		return "", ErrNoToken
	case len(fields) == 1:
		return fields[0], nil
	case !strings.EqualFold(fields[0], "Bearer"):
		return "", ErrScheme
	case len(fields) == 2:
		return fields[1], nil
	}
	return "", fmt.Errorf("%w: the Authorization header holds more than a scheme and a token", ErrMalformed)
}
