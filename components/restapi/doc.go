// Package restapi provides RestAPI: an API Gateway REST API with everything that makes it safe to expose, built from
// routes declared as data.
//
// What one New call creates, all parented to the component and named from its instance name:
//   - the REST API (REGIONAL by default, EDGE, or PRIVATE restricted to VPC endpoints) and its resource tree, built
//     from route paths with shared parents, {param} and {proxy+} segments;
//   - per route a method — AWS_IAM by default, COGNITO_USER_POOLS with scopes, CUSTOM through a Lambda authorizer,
//     or NONE only with an API key and an explicit opt-in — its integration (Lambda proxy, HTTPS proxy or mock), a
//     request validator, and a JSON-schema model when the route declares a body;
//   - the authorizers routes name (Cognito user pools; Lambda REQUEST/TOKEN, each function invokable only through
//     {executionArn}/authorizers/{authorizerId});
//   - gateway responses that leak nothing: generic bodies for every 4xx/5xx with the request id, security headers,
//     and CORS headers when CORS is configured (plus OPTIONS preflight methods);
//   - a Deployment whose triggers hash the whole definition, so it is replaced (create-before-delete) exactly when the
//     API changes, depending on every method, integration, response, model, validator, authorizer and the policy;
//   - a separate Stage with JSON access logs, X-Ray, a backend client certificate, optional encrypted cache, and
//     method settings (execution logging, metrics, data trace off, throttling) for every method;
//   - the access-log group and the execution-log group API Gateway would otherwise create itself without retention
//     (API-Gateway-Execution-Logs_{restApiId}/{stage}), both with retention and optional KMS encryption;
//   - Lambda invoke permissions scoped to {executionArn}/*/{METHOD}/{path}, never */*/*.
//
// Execution logging also needs the per-region account CloudWatch role; that singleton lives in package apiaccount
// and is passed in through Args.LoggingPrerequisites so it is set before the method settings turn logging on.
package restapi
