package provider

import (
	"fmt"
	"path/filepath"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/userpool"
)

// Name is the Pulumi package name: tokens are secure-apigw:<module>:<Type>.
const Name = "secure-apigw"

// Version is the provider's version, written into the schema.
const Version = "0.1.0"

// New returns the component provider.
func New() (p.Provider, error) {
	return infer.NewProviderBuilder().
		WithNamespace("secure-apigw").
		WithDisplayName("Secured API Gateway").
		WithDescription("A secured AWS API Gateway REST API from reusable components: WAF, Cognito, JWT "+
			"authorizer, KMS-encrypted logs, X-Ray, throttling, usage plans, private endpoints, custom domains.").
		WithLicense("Apache-2.0").
		WithComponents(
			infer.Component(&SecuredApi{}),
			infer.Component(&UserPool{}),
		).
		// The input types live in this Go package; their tokens are secure-apigw:index:<Type>, as the resource's.
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"provider": "index"}).
		Build()
}

// SecuredApi serves securedapi.New.
type SecuredApi struct{}

// Annotate names and documents the resource.
func (s *SecuredApi) Annotate(an infer.Annotator) {
	an.SetToken("index", "SecuredApi")
	an.Describe(&s, "A REST API with everything that secures it: KMS-encrypted access and execution "+
		"logs, X-Ray, throttling, request validation, IAM or Cognito authorization on every route, a WAF, and "+
		"optionally a user pool, custom domain, usage plans, execute-api endpoint and VPC link. Every default is "+
		"the secure one.")
}

// Construct maps the inputs to securedapi.Args and composes the API.
func (*SecuredApi) Construct(ctx *pulumi.Context, name, _ string, in SecuredApiArgs,
	opts pulumi.ResourceOption) (*securedapi.SecuredAPI, error) {
	// A provider is a process of its own, started by the engine; its working directory is not promised to be the
	// program's, and the Construct request does not carry the program's directory. So a relative path is refused
	// rather than built from wherever the provider happens to run.
	if b := in.Backend; b != nil && !filepath.IsAbs(b.SourceDir) {
		return nil, fmt.Errorf("securedapi %q: backend.sourceDir: %q is relative; give an absolute path "+
			"(YAML: ${pulumi.cwd}/%s; TypeScript: path.resolve(%q); Python: os.path.abspath(%q))",
			name, b.SourceDir, b.SourceDir, b.SourceDir, b.SourceDir)
	}
	return securedapi.New(ctx, name, in.securedAPIArgs(), opts)
}

// UserPool serves userpool.New.
type UserPool struct{}

// Annotate names and documents the resource.
func (u *UserPool) Annotate(an infer.Annotator) {
	an.SetToken("cognito", "UserPool")
	an.Describe(&u, "A Cognito user pool with MFA, a strong password policy, threat protection on PLUS, "+
		"app clients (PKCE for public clients, secrets as Pulumi secrets) and custom scopes.")
}

// Construct maps the inputs to userpool.Args and creates the pool.
func (*UserPool) Construct(ctx *pulumi.Context, name, _ string, in UserPoolArgs,
	opts pulumi.ResourceOption) (*userpool.UserPool, error) {
	return userpool.New(ctx, name, in.userPoolArgs(), opts)
}

func (in SecuredApiArgs) securedAPIArgs() *securedapi.Args {
	a := &securedapi.Args{
		API: restapi.Args{
			EndpointType:      restapi.EndpointType(in.EndpointType),
			Description:       in.Description,
			StageName:         in.StageName,
			Document:          in.Document,
			ExecutionLogLevel: in.ExecutionLogLevel,
			LogRetentionDays:  in.LogRetentionDays,
			AllowSourceCIDRs:  in.AllowSourceCIDRs,
			DenySourceCIDRs:   in.DenySourceCIDRs,
		},
		ExistingWebACLArn: in.ExistingWebACLArn,
		DisableWAF:        in.DisableWAF,
		LogKey:            securedapi.Key{ExistingArn: in.LogKeyArn},
		Protect:           in.Protect,
		Tags:              pulumi.ToStringMap(in.Tags),
	}
	if in.Tags == nil {
		a.Tags = nil
	}
	if in.Throttle != nil {
		a.API.Throttle = restapi.Throttle{RateLimit: in.Throttle.RateLimit, BurstLimit: in.Throttle.BurstLimit}
	}
	for _, r := range in.Routes {
		kind := restapi.IntegrationKind(r.Integration)
		if kind == "" {
			kind = restapi.LambdaProxy
		}
		a.API.Routes = append(a.API.Routes, restapi.Route{
			Path: r.Path, Method: r.Method,
			Integration:   restapi.Integration{Kind: kind, URL: r.URL, TimeoutMs: r.TimeoutMs},
			Authorization: restapi.Authorization(r.Authorization), Authorizer: r.Authorizer,
			AuthorizationScopes: r.AuthorizationScopes, ApiKeyRequired: r.ApiKeyRequired,
			RequestSchema: r.RequestSchema, RequiredParameters: r.RequiredParameters,
		})
	}
	for _, z := range in.Authorizers {
		a.API.Authorizers = append(a.API.Authorizers, restapi.Authorizer{Name: z.Name,
			Kind: restapi.AuthorizerKind(z.Kind), IdentitySource: z.IdentitySource, ResultTTLSeconds: z.ResultTTLSeconds})
	}
	if b := in.Backend; b != nil {
		a.Backend = &gofunction.Args{SourceDir: b.SourceDir, MemoryMB: b.MemoryMB, TimeoutSeconds: b.TimeoutSeconds,
			ReservedConcurrency: b.ReservedConcurrency}
	}
	if in.UserPool != nil {
		a.UserPool = in.UserPool.userPoolArgs()
	}
	if e := in.ExistingUserPool; e != nil {
		a.ExistingUserPool = &securedapi.ExistingUserPool{Arn: e.Arn, Issuer: e.Issuer}
	}
	if in.ManageAccountRole || in.CloudWatchRoleArn != nil {
		a.Account = &apiaccount.Args{RoleArn: in.CloudWatchRoleArn}
	}
	return a
}

func (in UserPoolArgs) userPoolArgs() *userpool.Args {
	u := &userpool.Args{Tier: in.Tier, ThreatProtection: in.ThreatProtection, MFA: in.MFA,
		PasswordMinLength: in.PasswordMinLength, TemporaryPasswordDays: in.TemporaryPasswordDays,
		SelfSignUp: in.SelfSignUp, DomainPrefix: in.DomainPrefix, Protect: in.Protect}
	if in.Tags != nil {
		u.Tags = pulumi.ToStringMap(in.Tags)
	}
	for _, c := range in.Clients {
		u.Clients = append(u.Clients, userpool.Client{Name: c.Name, Confidential: c.Confidential,
			OAuthFlows: c.OAuthFlows, Scopes: c.Scopes, CallbackURLs: c.CallbackURLs, LogoutURLs: c.LogoutURLs})
	}
	if rs := in.ResourceServer; rs != nil {
		s := &userpool.ResourceServer{Identifier: rs.Identifier}
		for _, sc := range rs.Scopes {
			s.Scopes = append(s.Scopes, userpool.Scope{Name: sc.Name, Description: sc.Description})
		}
		u.ResourceServer = s
	}
	return u
}
