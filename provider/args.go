package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SecuredApiArgs are SecuredApi's inputs. ARNs of shared resources are inputs (another stack's outputs); the rest
// is plain configuration, checked by securedapi.Args.Validate before anything is registered.
type SecuredApiArgs struct {
	EndpointType      string             `pulumi:"endpointType,optional"`
	Description       string             `pulumi:"description,optional"`
	StageName         string             `pulumi:"stageName,optional"`
	Routes            []Route            `pulumi:"routes,optional"`
	Document          string             `pulumi:"document,optional"`
	Authorizers       []Authorizer       `pulumi:"authorizers,optional"`
	Throttle          *Throttle          `pulumi:"throttle,optional"`
	ExecutionLogLevel string             `pulumi:"executionLogLevel,optional"`
	LogRetentionDays  int                `pulumi:"logRetentionDays,optional"`
	AllowSourceCIDRs  []string           `pulumi:"allowSourceCidrs,optional"`
	DenySourceCIDRs   []string           `pulumi:"denySourceCidrs,optional"`
	Backend           *Backend           `pulumi:"backend,optional"`
	UserPool          *UserPoolArgs      `pulumi:"userPool,optional"`
	ExistingUserPool  *ExistingPool      `pulumi:"existingUserPool,optional"`
	ExistingWebACLArn pulumi.StringInput `pulumi:"existingWebAclArn,optional"`
	DisableWAF        bool               `pulumi:"disableWaf,optional"`
	LogKeyArn         pulumi.StringInput `pulumi:"logKeyArn,optional"`
	CloudWatchRoleArn pulumi.StringInput `pulumi:"cloudWatchRoleArn,optional"`
	ManageAccountRole bool               `pulumi:"manageAccountRole,optional"`
	Protect           bool               `pulumi:"protect,optional"`
	Tags              map[string]string  `pulumi:"tags,optional"`
}

// Annotate documents SecuredApiArgs in the schema.
func (a *SecuredApiArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.EndpointType, "REGIONAL, PRIVATE or EDGE. Defaults to REGIONAL.")
	an.Describe(&a.Description, "The REST API's description.")
	an.Describe(&a.StageName, "The stage's name. Defaults to v1.")
	an.Describe(&a.Routes, "The API's routes; each becomes one operation of the generated OpenAPI document. "+
		"Set routes or document.")
	an.Describe(&a.Document, "An OpenAPI 3 document (JSON) to serve instead of routes; its operations are "+
		"checked for authorization and validation as routes are.")
	an.Describe(&a.Authorizers, "Authorizers that routes name. A COGNITO_USER_POOLS authorizer gets the user pool "+
		"(created or existing).")
	an.Describe(&a.Throttle, "The stage's default throttle. Defaults to 100 requests/s, burst 200.")
	an.Describe(&a.ExecutionLogLevel, "INFO or ERROR: the stage's execution log level. Defaults to INFO.")
	an.Describe(&a.LogRetentionDays, "Retention of every log group, a value CloudWatch Logs accepts. Defaults to 365.")
	an.Describe(&a.AllowSourceCIDRs, "Only these source CIDRs may call the API (resource policy). Optional.")
	an.Describe(&a.DenySourceCIDRs, "These source CIDRs may never call the API (resource policy). Optional.")
	an.Describe(&a.Backend, "The Go Lambda serving every LAMBDA_PROXY route, built from source on the deploying "+
		"machine (Go toolchain needed).")
	an.Describe(&a.UserPool, "Creates a Cognito user pool for the COGNITO_USER_POOLS authorizers. At most one of "+
		"userPool and existingUserPool.")
	an.Describe(&a.ExistingUserPool, "Another stack's user pool: nothing of Cognito is created.")
	an.Describe(&a.ExistingWebACLArn, "A shared REGIONAL web ACL (another stack's) to associate with the stage "+
		"instead of creating one.")
	an.Describe(&a.DisableWAF, "Leaves the stage without a web ACL; the baseline's stage-waf-associated rule then "+
		"fails unless waived.")
	an.Describe(&a.LogKeyArn, "An existing customer-managed KMS key for every log group. Defaults to a new key.")
	an.Describe(&a.CloudWatchRoleArn, "An existing role API Gateway writes execution logs with (another stack's); "+
		"the region's account setting points at it. Implies manageAccountRole.")
	an.Describe(&a.ManageAccountRole, "Manage the region's API Gateway CloudWatch role setting (one stack per "+
		"region should): creates the role unless cloudWatchRoleArn names one.")
	an.Describe(&a.Protect, "Protects the stateful children (log groups, keys, the user pool) from deletion.")
	an.Describe(&a.Tags, "Tags applied to every taggable child.")
}

// Route is one method on one path.
type Route struct {
	Path                string   `pulumi:"path"`
	Method              string   `pulumi:"method"`
	Integration         string   `pulumi:"integration,optional"`
	URL                 string   `pulumi:"url,optional"`
	TimeoutMs           int      `pulumi:"timeoutMs,optional"`
	Authorization       string   `pulumi:"authorization,optional"`
	Authorizer          string   `pulumi:"authorizer,optional"`
	AuthorizationScopes []string `pulumi:"authorizationScopes,optional"`
	ApiKeyRequired      bool     `pulumi:"apiKeyRequired,optional"`
	RequestSchema       string   `pulumi:"requestSchema,optional"`
	RequiredParameters  []string `pulumi:"requiredParameters,optional"`
}

// Annotate documents Route in the schema.
func (r *Route) Annotate(an infer.Annotator) {
	an.Describe(&r.Path, `"/" or "/segment/…"; segments are literals, {param}, or a final {proxy+}.`)
	an.Describe(&r.Method, "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.")
	an.Describe(&r.Integration, "LAMBDA_PROXY (the backend), HTTP_PROXY (url) or MOCK. Defaults to LAMBDA_PROXY.")
	an.Describe(&r.URL, "The https:// endpoint an HTTP_PROXY route forwards to.")
	an.Describe(&r.TimeoutMs, "The integration timeout, 50 to 29000. Defaults to 29000.")
	an.Describe(&r.Authorization, "AWS_IAM, COGNITO_USER_POOLS, CUSTOM or NONE. Defaults to AWS_IAM.")
	an.Describe(&r.Authorizer, "The authorizers entry a COGNITO_USER_POOLS or CUSTOM route uses.")
	an.Describe(&r.AuthorizationScopes, `OAuth scopes (full names, e.g. "api/items.read") a COGNITO_USER_POOLS `+
		"route accepts; a token needs one of them.")
	an.Describe(&r.ApiKeyRequired, "Callers must present an API key (x-api-key).")
	an.Describe(&r.RequestSchema, "A JSON Schema (draft-04) the application/json body must match; the gateway "+
		"rejects others before the backend runs.")
	an.Describe(&r.RequiredParameters, `Request parameters the gateway must see: "querystring.<name>", `+
		`"header.<name>" or "path.<name>".`)
}

// Authorizer is an API authorizer that routes name.
type Authorizer struct {
	Name             string `pulumi:"name"`
	Kind             string `pulumi:"kind"`
	IdentitySource   string `pulumi:"identitySource,optional"`
	ResultTTLSeconds *int   `pulumi:"resultTtlSeconds,optional"`
}

// Annotate documents Authorizer in the schema.
func (z *Authorizer) Annotate(an infer.Annotator) {
	an.Describe(&z.Name, "The name routes refer to: letters, digits, '-' or '_'.")
	an.Describe(&z.Kind, "COGNITO_USER_POOLS (the user pool, created or existing).")
	an.Describe(&z.IdentitySource, "Where the token is read. Defaults to method.request.header.Authorization.")
	an.Describe(&z.ResultTTLSeconds, "How long API Gateway caches a decision, 0 to 3600. Defaults to 300.")
}

// Throttle is a steady-state rate and a burst.
type Throttle struct {
	RateLimit  float64 `pulumi:"rateLimit"`
	BurstLimit int     `pulumi:"burstLimit"`
}

// Annotate documents Throttle in the schema.
func (t *Throttle) Annotate(an infer.Annotator) {
	an.Describe(&t.RateLimit, "Requests per second.")
	an.Describe(&t.BurstLimit, "The token bucket's size.")
}

// Backend is the Go Lambda behind the LAMBDA_PROXY routes.
type Backend struct {
	SourceDir           string `pulumi:"sourceDir"`
	MemoryMB            int    `pulumi:"memoryMb,optional"`
	TimeoutSeconds      int    `pulumi:"timeoutSeconds,optional"`
	ReservedConcurrency *int   `pulumi:"reservedConcurrency,optional"`
}

// Annotate documents Backend in the schema.
func (b *Backend) Annotate(an infer.Annotator) {
	an.Describe(&b.SourceDir, "The function's main package directory inside a Go module, as an absolute path "+
		"(YAML: ${pulumi.cwd}/<dir>): the provider runs as a process of its own.")
	an.Describe(&b.MemoryMB, "128 to 10240. Defaults to 256.")
	an.Describe(&b.TimeoutSeconds, "1 to 900. Defaults to 10.")
	an.Describe(&b.ReservedConcurrency, "Caps concurrent executions (checkov CKV_AWS_115 wants it set).")
}

// ExistingPool is a user pool another stack manages.
type ExistingPool struct {
	Arn    pulumi.StringInput `pulumi:"arn"`
	Issuer pulumi.StringInput `pulumi:"issuer,optional"`
}

// Annotate documents ExistingPool in the schema.
func (e *ExistingPool) Annotate(an infer.Annotator) {
	an.Describe(&e.Arn, "The pool's ARN.")
	an.Describe(&e.Issuer, "The pool's token issuer. Defaults to the one its ARN names.")
}

// UserPoolArgs are a Cognito user pool's inputs (UserPool's, and SecuredApi's userPool).
type UserPoolArgs struct {
	Tier                  string            `pulumi:"tier"`
	ThreatProtection      string            `pulumi:"threatProtection,optional"`
	MFA                   string            `pulumi:"mfa,optional"`
	PasswordMinLength     int               `pulumi:"passwordMinLength,optional"`
	TemporaryPasswordDays int               `pulumi:"temporaryPasswordDays,optional"`
	SelfSignUp            bool              `pulumi:"selfSignUp,optional"`
	Clients               []Client          `pulumi:"clients,optional"`
	ResourceServer        *ResourceServer   `pulumi:"resourceServer,optional"`
	DomainPrefix          string            `pulumi:"domainPrefix,optional"`
	Protect               bool              `pulumi:"protect,optional"`
	Tags                  map[string]string `pulumi:"tags,optional"`
}

// Annotate documents UserPoolArgs in the schema.
func (u *UserPoolArgs) Annotate(an infer.Annotator) {
	an.Describe(&u.Tier, "ESSENTIALS or PLUS. Required: PLUS is billed per monthly active user and is the only "+
		"plan with threat protection.")
	an.Describe(&u.ThreatProtection, "ENFORCED, AUDIT or OFF. Defaults to ENFORCED, which needs tier PLUS.")
	an.Describe(&u.MFA, "ON (required, TOTP) or OPTIONAL. Defaults to ON.")
	an.Describe(&u.PasswordMinLength, "8 to 99; passwords always need upper, lower, digit and symbol. Defaults to 12.")
	an.Describe(&u.TemporaryPasswordDays, "How long an admin-set password lasts, 1 to 365. Defaults to 3.")
	an.Describe(&u.SelfSignUp, "Lets anyone create an account. Defaults to false.")
	an.Describe(&u.Clients, "The app clients.")
	an.Describe(&u.ResourceServer, "Custom scopes (e.g. items.read) that clients and routes use.")
	an.Describe(&u.DomainPrefix, "Creates the hosted domain https://<prefix>.auth.<region>.amazoncognito.com.")
	an.Describe(&u.Protect, "Deletion protection, Pulumi protect and retain on destroy: the pool holds the users.")
	an.Describe(&u.Tags, "Tags applied to the pool.")
}

// Client is an app client.
type Client struct {
	Name         string   `pulumi:"name"`
	Confidential bool     `pulumi:"confidential,optional"`
	OAuthFlows   []string `pulumi:"oauthFlows,optional"`
	Scopes       []string `pulumi:"scopes,optional"`
	CallbackURLs []string `pulumi:"callbackUrls,optional"`
	LogoutURLs   []string `pulumi:"logoutUrls,optional"`
}

// Annotate documents Client in the schema.
func (c *Client) Annotate(an infer.Annotator) {
	an.Describe(&c.Name, "Unique within the pool: letters, digits, '-', '_'.")
	an.Describe(&c.Confidential, "Has a client secret (a server-side client). Its secret is a Pulumi secret.")
	an.Describe(&c.OAuthFlows, "code (with PKCE, for browsers) or client_credentials (machine to machine).")
	an.Describe(&c.Scopes, "OAuth scopes the client may request.")
	an.Describe(&c.CallbackURLs, "https:// redirect URLs of the code flow (http://localhost only for development).")
	an.Describe(&c.LogoutURLs, "https:// URLs the hosted UI may send users to after sign-out.")
}

// ResourceServer declares custom scopes.
type ResourceServer struct {
	Identifier string  `pulumi:"identifier"`
	Scopes     []Scope `pulumi:"scopes"`
}

// Annotate documents ResourceServer in the schema.
func (r *ResourceServer) Annotate(an infer.Annotator) {
	an.Describe(&r.Identifier, `The scopes' prefix, e.g. "api" for api/items.read.`)
	an.Describe(&r.Scopes, "The custom scopes.")
}

// Scope is one custom scope.
type Scope struct {
	Name        string `pulumi:"name"`
	Description string `pulumi:"description"`
}

// Annotate documents Scope in the schema.
func (s *Scope) Annotate(an infer.Annotator) {
	an.Describe(&s.Name, "The scope's name without the identifier, e.g. items.read.")
	an.Describe(&s.Description, "What the scope grants.")
}
