package securedapi

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/components/waf"
)

// Args configures a SecuredAPI. Only API is required; each other block switches one part on, and leaving a block out
// never weakens what the others do. Blocks are the child components' own Args: SecuredAPI fills in the fields that
// refer to what it creates (each block's comment says which), so whatever the caller sets there wins.
type Args struct {
	// API is the REST API: routes (or an OpenAPI Document), endpoint type, stage, throttles, logs, cache, CORS and
	// source-IP rules. Required. SecuredAPI fills in:
	//   - a route whose LAMBDA_PROXY integration names no Lambda goes to Backend;
	//   - a COGNITO_USER_POOLS authorizer without UserPoolArns gets the user pool (created or existing);
	//   - a REQUEST or TOKEN authorizer without a Lambda gets JWTAuthorizer's function;
	//   - the execute-api endpoint's id joins VpcEndpointIDs; VpcLink.Routes go through the VPC link;
	//   - LogKmsKeyArn (the log key), LoggingPrerequisites (the account role), Protect and Tags when unset;
	//   - DisableExecuteApiEndpoint under the custom domain's mutual TLS, which the default endpoint would bypass.
	API restapi.Args

	// Backend is the Go Lambda serving the routes that name no Lambda of their own. Optional when every route
	// names its target. SecuredAPI fills in LogKmsKeyArn, EnvironmentKmsKeyArn (when it has Environment), Protect
	// and Tags when unset.
	Backend *gofunction.Args

	// UserPool creates a Cognito user pool for the API's COGNITO_USER_POOLS authorizers. Optional; at most one of
	// UserPool and ExistingUserPool. Protect and Tags are filled in when unset.
	UserPool *userpool.Args
	// ExistingUserPool is another stack's pool (e.g. outputs of a pulumi.StackReference); nothing of Cognito is
	// created. Optional.
	ExistingUserPool *ExistingUserPool

	// JWTAuthorizer deploys the JWT-verifying Lambda authorizer (functions/authorizer) for the API's REQUEST or TOKEN
	// authorizer it names. Optional.
	JWTAuthorizer *JWTAuthorizer

	// UsagePlans meters the stage with usage-plan tiers and API keys. Optional. Stage and Tags are filled in.
	UsagePlans *UsagePlans

	// WAF creates a web ACL in front of the stage. Optional; SecuredAPI creates one unless ExistingWebACLArn is set
	// or DisableWAF. Stage, Name (the instance name), LogKmsKeyArn, Protect and Tags are filled in when unset.
	WAF *waf.Args
	// ExistingWebACLArn associates a shared REGIONAL web ACL (another stack's) with the stage instead. Optional.
	ExistingWebACLArn pulumi.StringInput
	// DisableWAF leaves the stage without a web ACL. Optional; defaults to false. The baseline's
	// stage-waf-associated rule then fails the stack unless it is waived.
	DisableWAF bool

	// Domain is the API's custom domain. Optional. Mappings without RestAPIID map this API's stage (one mapping at
	// the root when none is given); EndpointType, and a PRIVATE API's VpcEndpointIDs and EndpointDNS, come from the
	// API; Protect and Tags are filled in when unset. EDGE needs EdgeProvider (a us-east-1 provider) from the caller
	// unless CertificateArn is given.
	Domain *customdomain.Args

	// ExecuteAPIEndpoint creates the interface endpoint a PRIVATE API is reached through. Optional. Tags are filled
	// in.
	ExecuteAPIEndpoint *vpcendpoint.Args

	// VpcLink serves some routes from inside a VPC: NLB → ALB (TLS) → Backend, through a VPC link. Optional.
	VpcLink *VpcLink

	// LogKey is the customer-managed key every log group is encrypted with. Optional; defaults to a new key.
	LogKey Key
	// EnvironmentKey encrypts the functions' environment variables. Optional; defaults to a new key.
	EnvironmentKey Key

	// Monitoring alarms on the stage and its functions, notifying an encrypted SNS topic, with a dashboard.
	// Optional; defaults to monitoring.Args{} (a new CMK-encrypted topic, the default thresholds) unless
	// DisableMonitoring. APIName, StageName, WebACLName (of the web ACL it creates), Functions (the backend and the
	// JWT authorizer, with their reserved concurrency) and Tags are filled in when unset; Region defaults to the
	// provider's.
	Monitoring *monitoring.Args
	// DisableMonitoring makes no alarms, topic or dashboard. Optional; defaults to false. The baseline's
	// stage-alarms rule then fails the stack unless it is waived.
	DisableMonitoring bool

	// Account manages the region's API Gateway CloudWatch role setting (a per-region singleton: one stack per
	// region owns it). Optional; defaults to leaving it as it is. Account.RoleArn reuses a role another stack made.
	Account *apiaccount.Args

	// MovedFrom keeps what a stack created itself before it used SecuredAPI: each part, by its name without the
	// instance prefix ("api", "users", "usage-plans", "logs-key", …), is aliased to the top-level name it had
	// ("partners" for "usage-plans"), so `pulumi up` adopts it in place instead of replacing it. Their children
	// follow through Pulumi's inherited aliases, as their names begin with their part's. Optional.
	MovedFrom map[string]string
	// Protect protects the stateful children (log groups, keys, the user pool) from deletion. Optional.
	Protect bool
	// Tags are applied to every taggable child. Optional.
	Tags pulumi.StringMap
}

// ExistingUserPool is a Cognito user pool SecuredAPI does not manage.
type ExistingUserPool struct {
	// Arn is the pool's ARN. Required.
	Arn pulumi.StringInput
	// Issuer is the pool's token issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>. Optional; defaults
	// to the issuer the ARN names.
	Issuer pulumi.StringInput
	// ClientIDs are the pool's app clients by name, for JWTAuthorizer.PoolClients and UsagePlans.ClientKeys.
	// Optional.
	ClientIDs map[string]pulumi.StringInput
}

// JWTAuthorizer is the Lambda authorizer that verifies JWTs (issuer, audience, expiry, signature against the
// issuer's JWKS) and grants routes by scope.
type JWTAuthorizer struct {
	// Authorizer names the API.Authorizers entry (kind REQUEST or TOKEN) the function serves. Required.
	Authorizer string
	// Entitlements map a scope to the routes ("GET /partner/items") a token carrying it may call. Required.
	Entitlements map[string][]string
	// Issuer is the accepted tokens' iss. Optional; defaults to the user pool's issuer.
	Issuer pulumi.StringInput
	// JWKSURL is where the issuer's keys are. Optional; defaults to Issuer + /.well-known/jwks.json.
	JWKSURL pulumi.StringInput
	// Audiences are the accepted client ids (aud or client_id). Required unless PoolClients names them.
	Audiences []pulumi.StringInput
	// PoolClients names user-pool clients whose ids are accepted; their access tokens are then required
	// (token_use "access"). Optional.
	PoolClients []string
	// TokenUse is "access" or "id", checked against the token's token_use claim. Optional; defaults to "access"
	// with PoolClients, otherwise unchecked (not every issuer sets it).
	TokenUse string
	// UsageIdentifierClaim is the claim whose value the authorizer returns as the usage-plan key (AUTHORIZER key
	// source). Optional; defaults to "client_id".
	UsageIdentifierClaim string
	// Function is the Lambda's settings. Optional; SourceDir defaults to this module's functions/authorizer (see
	// AuthorizerSourceDir), TimeoutSeconds to 5, and Environment holds the settings above.
	Function gofunction.Args
}

// UsagePlans are the stage's usage plans, with consumers whose keys may be user-pool client ids.
type UsagePlans struct {
	usageplan.Args
	// ClientKeys gives consumers (by name) the id of a user-pool client (by name) as their key's value: with the
	// AUTHORIZER key source the JWT authorizer returns it. Optional.
	ClientKeys map[string]string
}

// VpcLink routes some of the API's routes to Backend inside a VPC.
type VpcLink struct {
	vpclink.Args
	// Routes are the API routes ("GET /health") the link serves; their integrations become HTTP_PROXY to
	// https://<Hostname><path> through the link. Required: at least one.
	Routes []string
}

// Key chooses a customer-managed KMS key.
type Key struct {
	// ExistingArn reuses a key another stack manages; nothing is created. Optional.
	ExistingArn pulumi.StringInput
	// ServiceManaged uses the AWS service's own key instead. Optional; defaults to false. The baseline fails the
	// log groups (CKV_AWS_158) or functions (CKV_AWS_173) then, unless waived.
	ServiceManaged bool
	// DeletionWindowDays of a created key, 7 to 30. Optional; defaults to the key component's.
	DeletionWindowDays int
}
