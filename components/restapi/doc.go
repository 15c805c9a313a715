// Package restapi provides RestAPI: an API Gateway REST API with everything that makes it safe to expose, built from
// routes declared as data and defined by one OpenAPI 3.0 document.
//
// Why one document: API Gateway's control plane allows about 10 calls per second per account (CreateResource 5/s,
// PutRestApi 1/s) and no increase. One resource per method, integration and path segment means thousands of calls
// for a real API, minutes of deploys and 429s (aws-cdk#15573). The document is the RestApi's body, imported with
// PutRestApi in overwrite mode: the same handful of calls for 5 routes or 500, and the API's published contract.
//
// The document holds, with API Gateway's x-amazon-apigateway-* extensions:
//   - per route an operation: its security requirement (sigv4 by default, a Cognito user pool with scopes, a Lambda
//     REQUEST/TOKEN authorizer, api_key alongside; none only with an API key and an explicit opt-in), its
//     integration (Lambda proxy, HTTPS proxy or mock), a request validator, its declared parameters, and a
//     JSON-schema model when the route declares a body;
//   - the authorizers as security schemes, the two request validators, the API key source, binary media types;
//   - gateway responses that leak nothing: generic bodies with the request id, security headers, and CORS headers
//     when CORS is configured, plus an OPTIONS preflight (a mock answering 204) on every path;
//   - the resource policy (x-amazon-apigateway-policy), so an overwrite can never drop it.
//
// Args.Document may bring the caller's own OpenAPI 3.0 contract (paths, parameters, schemas, responses); the routes
// are laid over it (overlay.go). It may describe but never decide what API Gateway enforces: userdoc.go refuses, with
// a JSON pointer, an operation without a route, security that is empty, unknown or differs from its route's, an
// undeclared scope, a foreign security scheme, an external $ref, and API Gateway's extensions.
//
// It is validated with kin-openapi before use. Besides the RestApi, New creates, all parented to the component and
// named from its instance name:
//   - a Deployment whose trigger is the document's hash, replaced (create-before-delete) exactly when it changes;
//   - a Stage with JSON access logs, X-Ray, a backend client certificate, an optional encrypted cache, and method
//     settings (execution logging, metrics, data trace off, throttling) for every method, plus per-route ones for
//     routes with their own throttle or cache;
//   - the access-log group and the execution-log group API Gateway would otherwise create itself without retention
//     (API-Gateway-Execution-Logs_{restApiId}/{stage}), both with retention and optional KMS encryption;
//   - Lambda invoke permissions: one per method and path ({executionArn}/*/{METHOD}/{path}) while a function has at
//     most PermissionsPerFunction; past that, grouped by path prefix so its 20 KB policy cannot overflow; a Lambda
//     authorizer's is {executionArn}/authorizers/*, since document-defined authorizers get their ids at import.
//
// Execution logging also needs the per-region account CloudWatch role; that singleton lives in package apiaccount
// and is passed in through Args.LoggingPrerequisites so it is set before the method settings turn logging on.
package restapi
