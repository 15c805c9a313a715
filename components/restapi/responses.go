package restapi

import (
	"fmt"
	"maps"
	"sort"
)

// gatewayResponse is one API Gateway response type overridden so that it leaks nothing: a generic message, the request
// id for support, no exception text or validation details.
type gatewayResponse struct {
	Type    string `json:"type"`
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// gatewayResponses covers the DEFAULT_4XX/5XX catch-alls and every type whose AWS default text says more than a client
// needs. MISSING_AUTHENTICATION_TOKEN is what API Gateway answers for unknown paths too: 404 keeps route
// enumeration from telling an attacker which paths exist (Pulumi's own component does the same).
var gatewayResponses = []gatewayResponse{
	{"DEFAULT_4XX", 400, "Bad request"},
	{"DEFAULT_5XX", 500, "Internal server error"},
	{"MISSING_AUTHENTICATION_TOKEN", 404, "Not found"},
	{"RESOURCE_NOT_FOUND", 404, "Not found"},
	{"UNAUTHORIZED", 401, "Unauthorized"},
	{"ACCESS_DENIED", 403, "Forbidden"},
	{"AUTHORIZER_FAILURE", 500, "Internal server error"},
	{"AUTHORIZER_CONFIGURATION_ERROR", 500, "Internal server error"},
	{"EXPIRED_TOKEN", 403, "Forbidden"},
	{"INVALID_SIGNATURE", 403, "Forbidden"},
	{"INVALID_API_KEY", 403, "Forbidden"},
	{"WAF_FILTERED", 403, "Forbidden"},
	{"BAD_REQUEST_BODY", 400, "Invalid request body"},
	{"BAD_REQUEST_PARAMETERS", 400, "Invalid request parameters"},
	{"REQUEST_TOO_LARGE", 413, "Request too large"},
	{"UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported media type"},
	{"THROTTLED", 429, "Too many requests"},
	{"QUOTA_EXCEEDED", 429, "Too many requests"},
	{"INTEGRATION_FAILURE", 502, "Bad gateway"},
	{"INTEGRATION_TIMEOUT", 504, "Gateway timeout"},
	{"API_CONFIGURATION_ERROR", 500, "Internal server error"},
}

// securityHeaders go on every gateway response. Values are static mapping expressions, hence the single quotes
// (which is also why no Content-Security-Policy here: its 'none' cannot be quoted inside one; the backend sets it).
var securityHeaders = map[string]string{
	"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
	"X-Content-Type-Options":    "nosniff",
	"X-Frame-Options":           "DENY",
	"Cache-Control":             "no-store",
	"Referrer-Policy":           "no-referrer",
}

// responseBody is the JSON body of a gateway response; $context.requestId lets support find the request in logs.
func responseBody(message string) string {
	return fmt.Sprintf(`{"message":%q,"requestId":"$context.requestId"}`, message)
}

// staticHeaders are the headers every response the gateway writes itself carries: security headers, and CORS
// headers when configured.
func staticHeaders(cors *Cors) map[string]string {
	out := maps.Clone(securityHeaders)
	if cors != nil {
		maps.Copy(out, corsResponseHeaders(cors))
	}
	return out
}

// responseHeaders is staticHeaders as a gateway response's gatewayresponse.header.* mapping.
func responseHeaders(cors *Cors) map[string]string {
	out := map[string]string{}
	for k, v := range staticHeaders(cors) {
		out["gatewayresponse.header."+k] = quote(v)
	}
	return out
}

// corsResponseHeaders are the headers every non-preflight response needs for a browser to read it.
func corsResponseHeaders(c *Cors) map[string]string {
	return map[string]string{
		"Access-Control-Allow-Origin":   c.AllowOrigin,
		"Access-Control-Expose-Headers": corsExposedHeadersDefault,
		"Vary":                          "Origin",
	}
}

// corsPreflightHeaders are what the OPTIONS mock answers with.
func corsPreflightHeaders(c *Cors, methods []string) map[string]string {
	h := corsResponseHeaders(c)
	sort.Strings(methods)
	allow := "OPTIONS"
	for _, m := range methods {
		allow += "," + m
	}
	h["Access-Control-Allow-Methods"] = allow
	h["Access-Control-Allow-Headers"] = c.AllowHeaders
	h["Access-Control-Max-Age"] = fmt.Sprint(c.MaxAgeSeconds)
	return h
}

func quote(v string) string { return "'" + v + "'" }
