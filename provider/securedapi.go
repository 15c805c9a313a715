package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
)

// SecuredApiArgs are SecuredApi's inputs, block for block securedapi.Args. Inputs naming shared resources (ARNs,
// ids, another stack's outputs) take outputs; the rest is plain configuration, checked by securedapi.Args.Validate
// before anything is registered.
type SecuredApiArgs struct {
	API                RestApiArgs         `pulumi:"api"`
	Backend            *Function           `pulumi:"backend,optional"`
	UserPool           *UserPoolArgs       `pulumi:"userPool,optional"`
	ExistingUserPool   *ExistingUserPool   `pulumi:"existingUserPool,optional"`
	JWTAuthorizer      *JWTAuthorizer      `pulumi:"jwtAuthorizer,optional"`
	UsagePlans         *UsagePlans         `pulumi:"usagePlans,optional"`
	WAF                *WebAclArgs         `pulumi:"waf,optional"`
	ExistingWebACLArn  pulumi.StringInput  `pulumi:"existingWebAclArn,optional"`
	DisableWAF         bool                `pulumi:"disableWaf,optional"`
	Domain             *CustomDomainArgs   `pulumi:"domain,optional"`
	ExecuteAPIEndpoint *ExecuteApiEndpoint `pulumi:"executeApiEndpoint,optional"`
	VpcLink            *VpcLink            `pulumi:"vpcLink,optional"`
	LogKey             *Key                `pulumi:"logKey,optional"`
	EnvironmentKey     *Key                `pulumi:"environmentKey,optional"`
	Monitoring         *Monitoring         `pulumi:"monitoring,optional"`
	DisableMonitoring  bool                `pulumi:"disableMonitoring,optional"`
	Account            *Account            `pulumi:"account,optional"`
	Protect            bool                `pulumi:"protect,optional"`
	Tags               map[string]string   `pulumi:"tags,optional"`
}

// Annotate documents SecuredApiArgs in the schema.
func (in *SecuredApiArgs) Annotate(an infer.Annotator) {
	an.Describe(&in.API, "The REST API: routes (or an OpenAPI document), endpoint type, stage, throttles, logs, "+
		"cache, CORS and source-IP rules. A LAMBDA_PROXY route without lambda goes to backend; a "+
		"COGNITO_USER_POOLS authorizer without userPoolArns gets the user pool; a REQUEST or TOKEN authorizer "+
		"without lambda gets jwtAuthorizer's function; logKmsKeyArn defaults to the log key.")
	an.Describe(&in.Backend, "The Go Lambda serving the routes that name no lambda of their own, built from source "+
		"on the deploying machine (Go toolchain needed).")
	an.Describe(&in.UserPool, "Creates a Cognito user pool for the COGNITO_USER_POOLS authorizers. At most one of "+
		"userPool and existingUserPool.")
	an.Describe(&in.ExistingUserPool, "Another stack's user pool: nothing of Cognito is created.")
	an.Describe(&in.JWTAuthorizer, "Deploys the JWT-verifying Lambda authorizer for the REQUEST or TOKEN "+
		"authorizer it names.")
	an.Describe(&in.UsagePlans, "Meters the stage with usage-plan tiers and API keys.")
	an.Describe(&in.WAF, "The web ACL created in front of the stage (one is, with these defaults, unless "+
		"existingWebAclArn or disableWaf).")
	an.Describe(&in.ExistingWebACLArn, "A shared REGIONAL web ACL (another stack's) to associate with the stage "+
		"instead of creating one.")
	an.Describe(&in.DisableWAF, "Leaves the stage without a web ACL; the baseline's stage-waf-associated rule then "+
		"fails unless waived.")
	an.Describe(&in.Domain, "The API's custom domain; mappings default to this API's stage at the root.")
	an.Describe(&in.ExecuteAPIEndpoint, "Creates the execute-api interface endpoint a PRIVATE API is reached "+
		"through; its id joins api.vpcEndpointIds.")
	an.Describe(&in.VpcLink, "Serves some routes from inside a VPC: NLB, ALB (TLS) and the backend, through a VPC "+
		"link.")
	an.Describe(&in.LogKey, "The customer-managed KMS key every log group is encrypted with. Defaults to a new key.")
	an.Describe(&in.EnvironmentKey, "The key the functions' environment variables are encrypted with. Defaults to "+
		"a new key when a function has environment variables.")
	an.Describe(&in.Monitoring, "CloudWatch alarms on the stage, its web ACL and functions, notifying a "+
		"KMS-encrypted SNS topic, and a dashboard. On with the defaults unless disableMonitoring.")
	an.Describe(&in.DisableMonitoring, "Makes no alarms, topic or dashboard; the baseline's stage-alarms rule then "+
		"fails unless waived.")
	an.Describe(&in.Account, "Manages the region's API Gateway CloudWatch role setting (one stack per region "+
		"should): creates the role unless roleArn names one. Defaults to leaving it as it is.")
	an.Describe(&in.Protect, "Protects the stateful children (log groups, keys, the user pool) from deletion.")
	an.Describe(&in.Tags, "Tags applied to every taggable child.")
}

// ExistingUserPool is a user pool another stack manages.
type ExistingUserPool struct {
	Arn       pulumi.StringInput            `pulumi:"arn"`
	Issuer    pulumi.StringInput            `pulumi:"issuer,optional"`
	ClientIDs map[string]pulumi.StringInput `pulumi:"clientIds,optional"`
}

// Annotate documents ExistingUserPool in the schema.
func (e *ExistingUserPool) Annotate(an infer.Annotator) {
	an.Describe(&e.Arn, "The pool's ARN.")
	an.Describe(&e.Issuer, "The pool's token issuer. Defaults to the one its ARN names.")
	an.Describe(&e.ClientIDs, "The pool's app client ids by name, for jwtAuthorizer.poolClients and "+
		"usagePlans.clientKeys.")
}

// JWTAuthorizer is the Lambda authorizer that verifies JWTs and grants routes by scope.
type JWTAuthorizer struct {
	Authorizer           string               `pulumi:"authorizer"`
	Entitlements         map[string][]string  `pulumi:"entitlements"`
	Issuer               pulumi.StringInput   `pulumi:"issuer,optional"`
	JWKSURL              pulumi.StringInput   `pulumi:"jwksUrl,optional"`
	Audiences            []pulumi.StringInput `pulumi:"audiences,optional"`
	PoolClients          []string             `pulumi:"poolClients,optional"`
	TokenUse             string               `pulumi:"tokenUse,optional"`
	UsageIdentifierClaim string               `pulumi:"usageIdentifierClaim,optional"`
	Function             *Function            `pulumi:"function,optional"`
}

// Annotate documents JWTAuthorizer in the schema.
func (j *JWTAuthorizer) Annotate(an infer.Annotator) {
	an.Describe(&j.Authorizer, "The api.authorizers entry (kind REQUEST or TOKEN) the function serves.")
	an.Describe(&j.Entitlements, `Maps a scope to the routes ("GET /partner/items") a token carrying it may call.`)
	an.Describe(&j.Issuer, "The accepted tokens' iss. Defaults to the user pool's issuer.")
	an.Describe(&j.JWKSURL, "Where the issuer's keys are. Defaults to issuer + /.well-known/jwks.json.")
	an.Describe(&j.Audiences, "The accepted client ids (aud or client_id). Required unless poolClients names them.")
	an.Describe(&j.PoolClients, "User-pool clients (by name) whose ids are accepted; their access tokens are then "+
		"required.")
	an.Describe(&j.TokenUse, `"access" or "id", checked against token_use. Defaults to "access" with poolClients, `+
		"otherwise unchecked.")
	an.Describe(&j.UsageIdentifierClaim, "The claim returned as the usage-plan key (AUTHORIZER key source). "+
		"Defaults to client_id.")
	an.Describe(&j.Function, "The function's settings; sourceDir defaults to this module's functions/authorizer, "+
		"which the provider's Go module must then contain.")
}

// UsagePlans are the stage's usage-plan tiers and their consumers' API keys.
type UsagePlans struct {
	Tiers      []Tier            `pulumi:"tiers"`
	Consumers  []Consumer        `pulumi:"consumers,optional"`
	ClientKeys map[string]string `pulumi:"clientKeys,optional"`
	Tags       map[string]string `pulumi:"tags,optional"`
}

// Annotate documents UsagePlans in the schema.
func (u *UsagePlans) Annotate(an infer.Annotator) {
	an.Describe(&u.Tiers, "The usage plans.")
	an.Describe(&u.Consumers, "The API keys, each in one tier.")
	an.Describe(&u.ClientKeys, "Gives consumers (by name) the id of a user-pool client (by name) as their key's "+
		"value, which the JWT authorizer returns with the AUTHORIZER key source.")
	an.Describe(&u.Tags, "Tags applied to the plans and keys (defaults to the SecuredApi's).")
}

// Tier is one usage plan.
type Tier struct {
	Name            string           `pulumi:"name"`
	Description     string           `pulumi:"description,optional"`
	Throttle        Throttle         `pulumi:"throttle"`
	Quota           Quota            `pulumi:"quota"`
	MethodThrottles []MethodThrottle `pulumi:"methodThrottles,optional"`
}

// Annotate documents Tier in the schema.
func (t *Tier) Annotate(an infer.Annotator) {
	an.Describe(&t.Name, "Unique: 1 to 64 letters, digits, '-' or '_'.")
	an.Describe(&t.Description, `The plan's description. Defaults to "Usage plan <name>".`)
	an.Describe(&t.Throttle, "The plan's rate and burst per key.")
	an.Describe(&t.Quota, "The requests a key may make per period.")
	an.Describe(&t.MethodThrottles, "Lower throttles for single methods in this tier.")
}

// Quota is a request allowance per period.
type Quota struct {
	Limit  int    `pulumi:"limit"`
	Period string `pulumi:"period"`
	Offset int    `pulumi:"offset,optional"`
}

// Annotate documents Quota in the schema.
func (q *Quota) Annotate(an infer.Annotator) {
	an.Describe(&q.Limit, "Requests allowed per period, at least 1.")
	an.Describe(&q.Period, "DAY, WEEK or MONTH.")
	an.Describe(&q.Offset, "Requests already used in the first period, 0 to limit-1; DAY allows only 0.")
}

// MethodThrottle lowers one method's throttle within a tier.
type MethodThrottle struct {
	Method   string   `pulumi:"method"`
	Path     string   `pulumi:"path"`
	Throttle Throttle `pulumi:"throttle"`
}

// Annotate documents MethodThrottle in the schema.
func (m *MethodThrottle) Annotate(an infer.Annotator) {
	an.Describe(&m.Method, `GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or "*".`)
	an.Describe(&m.Path, `The resource path, "/items/{id}" or "*".`)
	an.Describe(&m.Throttle, "The method's rate and burst, each at most the tier's.")
}

// Consumer is one API key in one tier.
type Consumer struct {
	Name     string             `pulumi:"name"`
	Tier     string             `pulumi:"tier"`
	KeyValue pulumi.StringInput `pulumi:"keyValue,optional"`
	Rotation int                `pulumi:"rotation,optional"`
	Disabled bool               `pulumi:"disabled,optional"`
}

// Annotate documents Consumer in the schema.
func (c *Consumer) Annotate(an infer.Annotator) {
	an.Describe(&c.Name, "Unique: 1 to 64 letters, digits, '-' or '_'.")
	an.Describe(&c.Tier, "The tiers entry the key belongs to.")
	an.Describe(&c.KeyValue, "The key, 20 to 128 characters without spaces; made a Pulumi secret. Defaults to a "+
		"value API Gateway generates.")
	an.Describe(&c.Rotation, "Replaces a generated key when raised.")
	an.Describe(&c.Disabled, "Turns the key off without deleting it.")
}

// ExecuteApiEndpoint is the interface endpoint a PRIVATE API is reached through.
type ExecuteApiEndpoint struct {
	Region       string               `pulumi:"region"`
	VpcID        pulumi.StringInput   `pulumi:"vpcId"`
	SubnetIDs    []pulumi.StringInput `pulumi:"subnetIds"`
	AllowedCIDRs []string             `pulumi:"allowedCidrs"`
	PrivateDNS   *bool                `pulumi:"privateDns,optional"`
	Tags         map[string]string    `pulumi:"tags,optional"`
}

// Annotate documents ExecuteApiEndpoint in the schema.
func (e *ExecuteApiEndpoint) Annotate(an infer.Annotator) {
	an.Describe(&e.Region, `The VPC's region, the stack's aws:region (e.g. "eu-west-1").`)
	an.Describe(&e.VpcID, "The VPC the endpoint is placed in.")
	an.Describe(&e.SubnetIDs, "Subnets (at most one per Availability Zone) that get an endpoint interface.")
	an.Describe(&e.AllowedCIDRs, "Sources that may reach the endpoint on 443; 0.0.0.0/0 and ::/0 are refused.")
	an.Describe(&e.PrivateDNS, "Makes the default execute-api name resolve to the endpoint inside the VPC. "+
		"Defaults to true.")
	an.Describe(&e.Tags, "Tags applied to the endpoint and its security group.")
}

// VpcLink serves some routes from inside a VPC.
type VpcLink struct {
	VpcID           pulumi.StringInput   `pulumi:"vpcId,optional"`
	SubnetIDs       []pulumi.StringInput `pulumi:"subnetIds,optional"`
	VpcCIDRs        []string             `pulumi:"vpcCidrs,optional"`
	Backend         *LambdaBackend       `pulumi:"backend,optional"`
	CertificateArn  pulumi.StringInput   `pulumi:"certificateArn,optional"`
	ZoneName        string               `pulumi:"zoneName,optional"`
	ZoneID          string               `pulumi:"zoneId,optional"`
	Hostname        string               `pulumi:"hostname,optional"`
	LoadBalancerArn pulumi.StringInput   `pulumi:"loadBalancerArn,optional"`
	Routes          []string             `pulumi:"routes"`
	Protect         bool                 `pulumi:"protect,optional"`
	Tags            map[string]string    `pulumi:"tags,optional"`
}

// Annotate documents VpcLink in the schema.
func (l *VpcLink) Annotate(an infer.Annotator) {
	an.Describe(&l.VpcID, "The VPC the load balancers are placed in.")
	an.Describe(&l.SubnetIDs, "Private subnets in at least two Availability Zones.")
	an.Describe(&l.VpcCIDRs, "The VPC's CIDR blocks: the ALB admits its listener port from them only.")
	an.Describe(&l.Backend, "The function the ALB forwards to. Defaults to the SecuredApi's backend.")
	an.Describe(&l.CertificateArn, "An ACM certificate for hostname the ALB serves (TLS inside the VPC).")
	an.Describe(&l.ZoneName, "A hosted zone the ALB's certificate for hostname is requested and validated in, "+
		"instead of certificateArn.")
	an.Describe(&l.ZoneID, "The zone's id (Z…), instead of zoneName.")
	an.Describe(&l.Hostname, "The name API Gateway sends as Host and checks the ALB's certificate against.")
	an.Describe(&l.LoadBalancerArn, "An existing internal NLB to link to instead of building one.")
	an.Describe(&l.Routes, `The API routes ("GET /health") the link serves.`)
	an.Describe(&l.Protect, "Protects the stateful children from deletion.")
	an.Describe(&l.Tags, "Tags applied to every taggable child.")
}

// LambdaBackend is the function behind the VPC link's ALB.
type LambdaBackend struct {
	FunctionArn  pulumi.StringInput `pulumi:"functionArn"`
	FunctionName pulumi.StringInput `pulumi:"functionName"`
}

// Annotate documents LambdaBackend in the schema.
func (b *LambdaBackend) Annotate(an infer.Annotator) {
	an.Describe(&b.FunctionArn, "The function's ARN (the target group's target).")
	an.Describe(&b.FunctionName, "The function's name or ARN, for the invoke permission.")
}

// Key chooses a KMS key.
type Key struct {
	ExistingArn        pulumi.StringInput `pulumi:"existingArn,optional"`
	ServiceManaged     bool               `pulumi:"serviceManaged,optional"`
	DeletionWindowDays int                `pulumi:"deletionWindowDays,optional"`
}

// Annotate documents Key in the schema.
func (k *Key) Annotate(an infer.Annotator) {
	an.Describe(&k.ExistingArn, "Reuses a key another stack manages; nothing is created.")
	an.Describe(&k.ServiceManaged, "Uses the AWS service's own key; the baseline fails the log groups "+
		"(CKV_AWS_158) or functions (CKV_AWS_173) then, unless waived.")
	an.Describe(&k.DeletionWindowDays, "A created key's deletion window, 7 to 30 days.")
}

// Account is the region's API Gateway CloudWatch role setting.
type Account struct {
	RoleArn pulumi.StringInput `pulumi:"roleArn,optional"`
	Tags    map[string]string  `pulumi:"tags,optional"`
}

// Annotate documents Account in the schema.
func (a *Account) Annotate(an infer.Annotator) {
	an.Describe(&a.RoleArn, "An existing role API Gateway writes execution logs with (another stack's); no "+
		"role is created.")
	an.Describe(&a.Tags, "Tags applied to the created role.")
}

func (in SecuredApiArgs) securedAPIArgs() *securedapi.Args {
	a := &securedapi.Args{API: in.API.restAPIArgs(), ExistingWebACLArn: in.ExistingWebACLArn,
		DisableWAF: in.DisableWAF, DisableMonitoring: in.DisableMonitoring, Protect: in.Protect, Tags: tags(in.Tags)}
	if in.Backend != nil {
		f := in.Backend.goFunctionArgs()
		a.Backend = &f
	}
	if in.UserPool != nil {
		a.UserPool = in.UserPool.userPoolArgs()
	}
	if e := in.ExistingUserPool; e != nil {
		a.ExistingUserPool = &securedapi.ExistingUserPool{Arn: e.Arn, Issuer: e.Issuer, ClientIDs: e.ClientIDs}
	}
	if j := in.JWTAuthorizer; j != nil {
		a.JWTAuthorizer = &securedapi.JWTAuthorizer{Authorizer: j.Authorizer, Entitlements: j.Entitlements,
			Issuer: j.Issuer, JWKSURL: j.JWKSURL, Audiences: j.Audiences, PoolClients: j.PoolClients,
			TokenUse: j.TokenUse, UsageIdentifierClaim: j.UsageIdentifierClaim}
		if j.Function != nil {
			a.JWTAuthorizer.Function = j.Function.goFunctionArgs()
		}
	}
	if u := in.UsagePlans; u != nil {
		a.UsagePlans = u.usagePlans()
	}
	if in.WAF != nil {
		a.WAF = in.WAF.wafArgs()
	}
	if in.Domain != nil {
		a.Domain = in.Domain.domainArgs()
	}
	if e := in.ExecuteAPIEndpoint; e != nil {
		a.ExecuteAPIEndpoint = &vpcendpoint.Args{Region: e.Region, VpcID: e.VpcID, SubnetIDs: e.SubnetIDs,
			AllowedCIDRs: e.AllowedCIDRs, PrivateDNS: e.PrivateDNS, Tags: tags(e.Tags)}
	}
	if l := in.VpcLink; l != nil {
		a.VpcLink = &securedapi.VpcLink{Routes: l.Routes, Args: vpclink.Args{VpcID: l.VpcID, SubnetIDs: l.SubnetIDs,
			VpcCIDRs: l.VpcCIDRs, CertificateArn: l.CertificateArn, ZoneName: l.ZoneName, ZoneID: l.ZoneID,
			Hostname: l.Hostname, LoadBalancerArn: l.LoadBalancerArn, Protect: l.Protect, Tags: tags(l.Tags)}}
		if b := l.Backend; b != nil {
			a.VpcLink.Backend = &vpclink.LambdaBackend{FunctionArn: b.FunctionArn, FunctionName: b.FunctionName}
		}
	}
	a.LogKey, a.EnvironmentKey = in.LogKey.securedapi(), in.EnvironmentKey.securedapi()
	if in.Monitoring != nil {
		a.Monitoring = in.Monitoring.monitoringArgs()
	}
	if in.Account != nil {
		a.Account = &apiaccount.Args{RoleArn: in.Account.RoleArn, Tags: tags(in.Account.Tags)}
	}
	return a
}

func (u UsagePlans) usagePlans() *securedapi.UsagePlans {
	p := &securedapi.UsagePlans{ClientKeys: u.ClientKeys, Args: usageplan.Args{Tags: tags(u.Tags)}}
	for _, t := range u.Tiers {
		tier := usageplan.Tier{Name: t.Name, Description: t.Description, Throttle: t.Throttle.usageplan(),
			Quota: usageplan.Quota{Limit: t.Quota.Limit, Period: t.Quota.Period, Offset: t.Quota.Offset}}
		for _, m := range t.MethodThrottles {
			tier.MethodThrottles = append(tier.MethodThrottles, usageplan.MethodThrottle{Method: m.Method, Path: m.Path,
				Throttle: m.Throttle.usageplan()})
		}
		p.Tiers = append(p.Tiers, tier)
	}
	for _, c := range u.Consumers {
		p.Consumers = append(p.Consumers, usageplan.Consumer{Name: c.Name, Tier: c.Tier, KeyValue: c.KeyValue,
			Rotation: c.Rotation, Disabled: c.Disabled})
	}
	return p
}

func (t Throttle) usageplan() usageplan.Throttle {
	return usageplan.Throttle{RateLimit: t.RateLimit, BurstLimit: t.BurstLimit}
}

func (k *Key) securedapi() securedapi.Key {
	if k == nil {
		return securedapi.Key{}
	}
	return securedapi.Key{ExistingArn: k.ExistingArn, ServiceManaged: k.ServiceManaged,
		DeletionWindowDays: k.DeletionWindowDays}
}
