// Package service is the sample backend behind the API: GET /health, GET /items (also as /partner/items and
// /admin/items, for the other two kinds of caller), POST /items and GET /whoami, on
// aws-lambda-go's API Gateway proxy events.
//
// It trusts nothing the gateway did not prove: bodies are validated again against the same schema the gateway model
// uses, the caller identity comes only from the request context the gateway fills in, every response carries security
// headers, and logs are structured (log/slog JSON) with the request id, never bodies or credentials.
//
// Items live in memory, per function instance, capped in number: enough to exercise the API end to end; a real
// service would put them in DynamoDB.
package service
