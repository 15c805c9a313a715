// Package securedapi is the pattern component: one call composes a REST API with everything that secures it, as
// CDK's LambdaRestApi or Solutions Constructs' CognitoToApiGatewayToLambda do, with every default the secure one.
//
// securedapi.New(ctx, name, &securedapi.Args{...}) registers a secure-apigw:index:SecuredApi and, under it,
// named <name>-<part>:
//
//	logs-key          the KMS key every log group is encrypted with (or LogKey.ExistingArn, another stack's)
//	env-key           the key for the functions' environment variables, when one has any
//	apigateway-account the region's CloudWatch role setting, with Account (Account.RoleArn reuses a role)
//	users             a Cognito user pool, with UserPool (or ExistingUserPool: nothing of Cognito is created)
//	authorizer        the JWT-verifying Lambda authorizer, with JWTAuthorizer
//	backend           the Go Lambda the LAMBDA_PROXY routes go to, with Backend
//	execute-api-endpoint, private-backend   a PRIVATE API's interface endpoint, and the VPC link's NLB → ALB
//	api               the REST API: one OpenAPI document, stage, logs, X-Ray, throttles, validation, policies
//	domain            the custom domain, with Domain
//	waf               a web ACL of its own (or ExistingWebACLArn, associated as waf-association; or DisableWAF)
//	usage-plans       usage plans and API keys, with UsagePlans
//	monitoring        alarms on the stage, the web ACL and the functions, a CMK-encrypted topic and a dashboard
//	                  (on unless DisableMonitoring; Monitoring tunes it, or names another stack's topic)
//
// Each child component is an exported field of SecuredAPI for further wiring; URL, UserPoolArn, Issuer, WebACLArn
// and StageArn are its outputs. Args.Validate reports every problem at once, each naming its field from Args down
// ("API.Routes[0].Path: …", "VpcLink.Hostname: …"); refused Args register nothing.
//
// Reuse across stacks: the inputs that take an existing resource (ExistingUserPool, ExistingWebACLArn,
// LogKey.ExistingArn, Account.RoleArn) are pulumi inputs, so a second team's stack passes another stack's outputs
// through a pulumi.StackReference and creates none of them again (examples/second-team).
package securedapi
