package stacks

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/envkey"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/logkey"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/functions/backend/api"
)

// Program is the Pulumi program main.go hands over to: it reads the stack's config, refuses it before registering
// anything if it is invalid, and deploys.
func Program(ctx *pulumi.Context) error {
	_, err := Build(ctx)
	return err
}

// Build is Program returning what it created, for callers that inspect the stack (the offline plan, tests).
func Build(ctx *pulumi.Context) (*Stack, error) {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return nil, err
	}
	return Deploy(ctx, cfg)
}

// Stack is what Deploy created.
type Stack struct {
	API        *restapi.RestAPI
	Backend    *gofunction.Function
	Users      *userpool.UserPool
	Authorizer *gofunction.Function
	LogKey     *logkey.LogKey        // nil unless logs.kmsEncryption
	EnvKey     *envkey.EnvKey        // nil unless functions.environmentKmsEncryption
	Account    *apiaccount.Account   // nil unless manageAccountCloudWatchRole
	WAF        *waf.WebACL           // nil when waf.enabled is false
	UsagePlans *usageplan.UsagePlans // nil without usagePlans
	Endpoint   *vpcendpoint.Endpoint // nil without network.executeApiEndpoint
	Link       *vpclink.Link         // nil without network.privateBackend
	Domain     *customdomain.Domain  // nil without domain
	// SecuredAPI is the component all of the above are children of.
	SecuredAPI *securedapi.SecuredAPI
}

// The resource server's identifier and scopes, and the API's authorizers by name.
const (
	ResourceServerID  = "api"
	ScopeItemsRead    = "items.read"
	ScopeItemsWrite   = "items.write"
	ScopePartnerRead  = "partner.read"
	UsersAuthorizer   = "users"
	PartnerAuthorizer = "partners"
	webClient         = "web"
	partnerClient     = "partner"
)

// scope is a scope's full name, as tokens carry it.
func scope(short string) string { return ResourceServerID + "/" + short }

// PartnerEntitlements maps the partner scope to the routes it opens, for the Lambda authorizer.
var PartnerEntitlements = map[string][]string{scope(ScopePartnerRead): {"GET /partner/items"}}

// InstanceName names the stack's SecuredAPI; every resource's name starts with it.
const InstanceName = "gateway"

// Deploy composes the stack from a validated config through one SecuredAPI, and exports its outputs.
func Deploy(ctx *pulumi.Context, cfg Config) (*Stack, error) {
	tags := cfg.tags(ctx)
	// The only resource outside the SecuredAPI: components take providers from their caller.
	edge, err := cfg.edgeProvider(ctx)
	if err != nil {
		return nil, err
	}
	args, err := cfg.securedAPIArgs(ctx, tags, edge)
	if err != nil {
		return nil, err
	}
	api, err := securedapi.New(ctx, InstanceName, args)
	if err != nil {
		return nil, err
	}
	s := &Stack{API: api.API, Backend: api.Backend, Users: api.Users, Authorizer: api.Authorizer, LogKey: api.LogKey,
		EnvKey: api.EnvKey, Account: api.Account, WAF: api.WAF, UsagePlans: api.UsagePlans, Endpoint: api.Endpoint,
		Link: api.Link, Domain: api.Domain, SecuredAPI: api}
	for name, out := range s.Exports() {
		ctx.Export(name, out)
	}
	return s, nil
}

// securedAPIArgs maps the config onto the SecuredAPI; tags and edge are nil while validating.
func (c Config) securedAPIArgs(ctx *pulumi.Context, tags pulumi.StringMap, edge pulumi.ProviderResource,
) (*securedapi.Args, error) {
	jwt, err := c.jwtAuthorizer(tags)
	if err != nil {
		return nil, err
	}
	a := &securedapi.Args{
		MovedFrom:      movedFrom,
		API:            *c.apiArgs(),
		Backend:        c.backendArgs(tags),
		UserPool:       c.userPoolArgs(tags),
		JWTAuthorizer:  jwt,
		LogKey:         securedapi.Key{ServiceManaged: !*c.Logs.KmsEncryption},
		EnvironmentKey: securedapi.Key{ServiceManaged: !*c.Functions.EnvironmentKmsEncryption},
		Protect:        c.protect(),
		Tags:           tags,
	}
	if c.ManageAccountCloudWatchRole {
		a.Account = &apiaccount.Args{Tags: tags}
	}
	if c.wafEnabled() {
		w := c.wafArgs()
		w.Name = ctx.Project() + "-" + ctx.Stack()
		a.WAF = w
	} else {
		a.DisableWAF = true
	}
	if c.monitoringEnabled() {
		a.Monitoring = c.monitoringArgs(ctx)
	} else {
		a.DisableMonitoring = true
	}
	if c.UsagePlans != nil {
		a.UsagePlans = &securedapi.UsagePlans{Args: *c.usagePlanArgs(ctx), ClientKeys: map[string]string{}}
		for _, k := range c.UsagePlans.Consumers {
			if k.PartnerClient {
				a.UsagePlans.ClientKeys[k.Name] = partnerClient
			}
		}
	}
	c.networkArgs(a, edge)
	return a, nil
}

// Exports are the stack outputs an operator needs: where to call the API, and where to look when it misbehaves.
func (s *Stack) Exports() map[string]pulumi.StringOutput {
	out := s.exports()
	if s.WAF != nil {
		out["webAclArn"] = s.WAF.WebACLArn
		out["wafLogGroup"] = s.WAF.LogGroupName
	}
	if s.Domain != nil {
		out["customUrl"] = s.Domain.URL
	}
	if m := s.SecuredAPI.Monitoring; m != nil {
		out["dashboardName"] = m.DashboardName
		// The topic to subscribe on-call to (or, from another stack, to pass as monitoring.topicArn); "" when the
		// alarms notify no one.
		out["alarmTopicArn"] = m.TopicArn
	}
	// What another team's stack reuses through a pulumi.StackReference (examples/second-team).
	if s.LogKey != nil {
		out["logKeyArn"] = s.LogKey.Arn
	}
	if s.Account != nil {
		out["cloudWatchRoleArn"] = s.Account.RoleArn
	}
	if s.Endpoint != nil {
		out["vpcEndpointId"] = s.Endpoint.EndpointID
	}
	if s.Link != nil {
		out["vpcLinkId"] = s.Link.VpcLinkID
	}
	if s.UsagePlans != nil {
		// Key ids, never values: `aws apigateway get-api-key --include-value --api-key <id>` reads one.
		for name, key := range s.UsagePlans.Keys {
			out["apiKeyId-"+name] = key.ID().ToStringOutput()
		}
	}
	return out
}

func (s *Stack) exports() map[string]pulumi.StringOutput {
	return map[string]pulumi.StringOutput{
		"url":               s.API.InvokeURL,
		"restApiId":         s.API.RestAPIID,
		"stageName":         s.API.StageName,
		"stageArn":          s.API.StageArn,
		"accessLogGroup":    s.API.AccessLogGroupName,
		"executionLogGroup": s.API.ExecutionLogGroupName,
		"functionName":      s.Backend.FunctionName,
		"functionLogGroup":  s.Backend.LogGroupName,
		"userPoolId":        s.Users.UserPoolID,
		"userPoolArn":       s.Users.UserPoolArn,
		"issuer":            s.Users.Issuer,
		"webClientId":       s.Users.ClientIDs[webClient],
		"partnerClientId":   s.Users.ClientIDs[partnerClient],
		// A secret: `pulumi stack output --show-secrets partnerClientSecret`.
		"partnerClientSecret":    s.Users.ClientSecrets[partnerClient],
		"authorizerFunctionName": s.Authorizer.FunctionName,
	}
}

// Routes are the backend's API, each with the caller it is for: users with Cognito tokens carrying a scope, partners
// through the Lambda authorizer, operators with IAM. POST /items is validated by the gateway against the same schema
// the function enforces.
func Routes(backend *restapi.LambdaTarget) []restapi.Route {
	to := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: backend}
	user := func(path, method, short string) restapi.Route {
		return restapi.Route{Path: path, Method: method, Integration: to, Authorization: restapi.AuthCognito,
			Authorizer: UsersAuthorizer, AuthorizationScopes: []string{scope(short)}}
	}
	post := user("/items", "POST", ScopeItemsWrite)
	post.RequestSchema = api.NewItemSchema
	return []restapi.Route{
		{Path: "/health", Method: "GET", Integration: to},
		user("/items", "GET", ScopeItemsRead),
		post,
		user("/whoami", "GET", ScopeItemsRead),
		{Path: "/partner/items", Method: "GET", Integration: to, Authorization: restapi.AuthCustom,
			Authorizer: PartnerAuthorizer},
		{Path: "/admin/items", Method: "GET", Integration: to},
	}
}

// apiArgs maps the config onto the API's Args. Routes and authorizers name no targets: the SecuredAPI fills in the
// backend, the user pool and the JWT authorizer it creates.
func (c Config) apiArgs() *restapi.Args {
	a := &restapi.Args{
		Description:    fmt.Sprintf("secure-apigw %s API", c.Environment),
		EndpointType:   restapi.EndpointType(c.EndpointType),
		VpcEndpointIDs: pulumi.ToStringArray(c.VpcEndpointIDs),
		StageName:      c.StageName,
		Routes:         Routes(nil),
		Document:       c.documentText,
		Authorizers: []restapi.Authorizer{
			{Name: UsersAuthorizer, Kind: restapi.CognitoUserPools,
				Scopes: []string{scope(ScopeItemsRead), scope(ScopeItemsWrite), scope(ScopePartnerRead)}},
			{Name: PartnerAuthorizer, Kind: restapi.LambdaRequest, ResultTTLSeconds: c.Auth.Partner.CacheTTLSeconds},
		},
		Throttle:          restapi.Throttle{RateLimit: c.Throttle.RateLimit, BurstLimit: c.Throttle.BurstLimit},
		ExecutionLogLevel: c.Logs.Level,
		XRayTracing:       c.Tracing,
		ClientCertificate: c.ClientCertificate,
		LogRetentionDays:  c.Logs.RetentionDays,
		Protect:           c.protect(),
	}
	if c.Cache != nil {
		a.Cache = &restapi.Cache{SizeGB: c.Cache.SizeGB, TTLSeconds: c.Cache.TTLSeconds}
		for i, r := range a.Routes {
			a.Routes[i].Cache = slices.Contains(c.Cache.Routes, r.Method+" "+r.Path)
		}
	}
	c.apiTrafficArgs(a)
	if c.Cors != nil {
		a.Cors = &restapi.Cors{AllowOrigin: c.Cors.AllowOrigin, AllowHeaders: c.Cors.AllowHeaders,
			MaxAgeSeconds: c.Cors.MaxAgeSeconds}
	}
	return a
}

func (c Config) backendArgs(tags pulumi.StringMap) *gofunction.Args {
	return c.functionArgs(tags, c.Backend.SourceDir, "secure-apigw %s backend")
}

// functionArgs are the Go function settings both functions share (architecture, memory, logs, protection).
func (c Config) functionArgs(tags pulumi.StringMap, sourceDir, description string) *gofunction.Args {
	a := &gofunction.Args{
		SourceDir:           c.path(sourceDir),
		Description:         fmt.Sprintf(description, c.Environment),
		Architecture:        c.Backend.Architecture,
		MemoryMB:            c.Backend.MemoryMB,
		TimeoutSeconds:      c.Backend.TimeoutSeconds,
		ReservedConcurrency: c.Backend.ReservedConcurrency,
		LogRetentionDays:    c.Logs.RetentionDays,
		Protect:             c.protect(),
		Tags:                tags,
	}
	return a
}

// userPoolArgs maps the config onto the user pool: a web client for users (code flow) and a confidential partner
// client (client credentials).
func (c Config) userPoolArgs(tags pulumi.StringMap) *userpool.Args {
	u := c.Auth.UserPool
	return &userpool.Args{
		Tier: u.Tier, ThreatProtection: u.ThreatProtection, MFA: u.MFA, PasswordMinLength: u.PasswordMinLength,
		SelfSignUp: u.SelfSignUp, DomainPrefix: u.DomainPrefix,
		Protect: c.protect(),
		ResourceServer: &userpool.ResourceServer{Identifier: ResourceServerID, Scopes: []userpool.Scope{
			{Name: ScopeItemsRead, Description: "Read items"},
			{Name: ScopeItemsWrite, Description: "Create items"},
			{Name: ScopePartnerRead, Description: "Read items through the partner API"},
		}},
		Clients: []userpool.Client{
			{Name: webClient, OAuthFlows: []string{"code"}, CallbackURLs: u.CallbackURLs, LogoutURLs: u.LogoutURLs,
				Scopes: []string{"openid", "email", ScopeItemsRead, ScopeItemsWrite}},
			{Name: partnerClient, Confidential: true, OAuthFlows: []string{"client_credentials"},
				Scopes: []string{ScopePartnerRead}},
		},
		Tags: tags,
	}
}

// jwtAuthorizer is the partner authorizer: this stack's pool and partner client by default, or the external issuer
// from config. It runs with the backend's settings and a 5 s timeout.
func (c Config) jwtAuthorizer(tags pulumi.StringMap) (*securedapi.JWTAuthorizer, error) {
	fn := c.functionArgs(tags, authorizerSourceDir, "secure-apigw %s partner authorizer")
	fn.TimeoutSeconds = securedapi.DefaultAuthorizerTimeoutSeconds
	j := &securedapi.JWTAuthorizer{Authorizer: PartnerAuthorizer, Entitlements: PartnerEntitlements,
		UsageIdentifierClaim: "client_id", Function: *fn}
	p := c.Auth.Partner
	if p.Issuer == "" {
		j.PoolClients = []string{partnerClient}
		return j, nil
	}
	j.Issuer = pulumi.String(p.Issuer)
	for _, aud := range p.Audiences {
		j.Audiences = append(j.Audiences, pulumi.String(aud))
	}
	if p.JWKSURL != "" {
		j.JWKSURL = pulumi.String(p.JWKSURL)
	}
	return j, nil
}

// protect says whether stateful resources are protected; defaults make it set, validation may run before them.
func (c Config) protect() bool {
	return c.ProtectStatefulResources != nil && *c.ProtectStatefulResources
}

// tags are the config's tags plus the ones every resource carries.
func (c Config) tags(ctx *pulumi.Context) pulumi.StringMap {
	all := maps.Clone(c.Tags)
	if all == nil {
		all = map[string]string{}
	}
	all["environment"] = c.Environment
	all["project"] = ctx.Project()
	all["stack"] = ctx.Stack()
	all["managed-by"] = "pulumi"
	return pulumi.ToStringMap(all)
}

// movedFrom are the top-level names this stack's parts had before it composed through securedapi, so a stack
// deployed then is updated in place, not replaced: Pulumi aliases each part to its old name, and each part's
// children to theirs (their names begin with the part's, old and new).
var movedFrom = map[string]string{
	"logs-key": "logs-key", "env-key": "functions-env-key", "apigateway-account": "apigateway-account",
	"users": "users", "authorizer": "authorizer", "backend": "backend", "execute-api-endpoint": "execute-api-endpoint",
	"private-backend": "private-backend", "api": "api", "domain": "domain", "waf": "waf", "usage-plans": "partners",
}
