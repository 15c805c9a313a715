package securedapi

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/envkey"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/logkey"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// TypeToken is the SecuredAPI's Pulumi type, as component providers and YAML programs name it.
const TypeToken = "secure-apigw:index:SecuredApi" //nolint:gosec // G101: a Pulumi type token, not a credential

// SecuredAPI is a REST API with everything that secures it. Each child component is exported for further wiring; a
// part that was not switched on (or was passed in as an existing resource) is nil.
type SecuredAPI struct {
	pulumi.ResourceState

	API        *restapi.RestAPI
	Backend    *gofunction.Function
	Users      *userpool.UserPool // nil with ExistingUserPool
	Authorizer *gofunction.Function
	LogKey     *logkey.LogKey
	EnvKey     *envkey.EnvKey
	Account    *apiaccount.Account
	WAF        *waf.WebACL // nil with ExistingWebACLArn or DisableWAF
	UsagePlans *usageplan.UsagePlans
	Endpoint   *vpcendpoint.Endpoint
	Link       *vpclink.Link
	Domain     *customdomain.Domain
	Monitoring *monitoring.Monitoring

	// URL is where clients call the API: the custom domain's when there is one, else the stage's invoke URL.
	URL pulumi.StringOutput `pulumi:"url"`
	// UserPoolArn and Issuer are the pool's, created or existing; empty without one.
	UserPoolArn pulumi.StringOutput `pulumi:"userPoolArn"`
	Issuer      pulumi.StringOutput `pulumi:"issuer"`
	// WebACLArn is the ACL in front of the stage, created or existing; empty with DisableWAF.
	WebACLArn pulumi.StringOutput `pulumi:"webAclArn"`
	// StageArn is the stage's ARN, for associating further resources.
	StageArn pulumi.StringOutput `pulumi:"stageArn"`
}

// New composes the secured API. Args are validated first, all of them at once; refused Args register nothing. The
// functions are built before anything is registered too, so a compile error leaves nothing half-made.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*SecuredAPI, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("securedapi %q: %w", name, err)
	}
	a, err := args.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("securedapi %q: %w", name, err)
	}
	c := &SecuredAPI{}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, args: a, parent: pulumi.Parent(c), c: c}
	if err := b.build(); err != nil {
		return nil, fmt.Errorf("securedapi %q: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"url": c.URL, "userPoolArn": c.UserPoolArn, "issuer": c.Issuer, "webAclArn": c.WebACLArn,
		"stageArn": c.StageArn,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// builder carries what New's steps share: the pool's references, keys and functions as they are made.
type builder struct {
	ctx    *pulumi.Context
	name   string
	args   Args
	parent pulumi.ResourceOrInvokeOption
	c      *SecuredAPI

	logKeyArn, envKeyArn pulumi.StringInput
	poolArn, issuer      pulumi.StringInput
	clientIDs            map[string]pulumi.StringInput
}

func (b *builder) child(part string) string { return b.name + "-" + part }

// opts are a part's resource options: parented to the SecuredAPI and, with Args.MovedFrom, aliased to the
// top-level resource it was before the stack used SecuredAPI.
func (b *builder) opts(part string, more ...pulumi.ResourceOption) []pulumi.ResourceOption {
	opts := append([]pulumi.ResourceOption{b.parent}, more...)
	if old, ok := b.args.MovedFrom[part]; ok {
		opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(old), NoParent: pulumi.Bool(true)}}))
	}
	return opts
}

func (b *builder) build() error {
	steps := []func() error{b.keys, b.account, b.users, b.functions, b.endpoint, b.link, b.api, b.domain, b.waf,
		b.usagePlans, b.monitoring}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	c := b.c
	c.StageArn = c.API.StageArn
	c.URL = c.API.InvokeURL
	if c.Domain != nil {
		c.URL = c.Domain.URL
	}
	c.UserPoolArn, c.Issuer = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if b.poolArn != nil {
		c.UserPoolArn, c.Issuer = b.poolArn.ToStringOutput(), b.issuer.ToStringOutput()
	}
	return nil
}

func (b *builder) keys() error {
	a := b.args
	switch {
	case a.LogKey.ExistingArn != nil:
		b.logKeyArn = a.LogKey.ExistingArn
	case !a.LogKey.ServiceManaged:
		key, err := logkey.New(b.ctx, b.child("logs-key"), &logkey.Args{Tags: a.Tags,
			DeletionWindowDays: a.LogKey.DeletionWindowDays}, b.opts("logs-key", pulumi.Protect(a.Protect))...)
		if err != nil {
			return err
		}
		b.c.LogKey, b.logKeyArn = key, key.Arn
	}
	if !b.needsEnvironmentKey() {
		return nil
	}
	switch {
	case a.EnvironmentKey.ExistingArn != nil:
		b.envKeyArn = a.EnvironmentKey.ExistingArn
	case !a.EnvironmentKey.ServiceManaged:
		key, err := envkey.New(b.ctx, b.child("env-key"), &envkey.Args{Tags: a.Tags,
			DeletionWindowDays: a.EnvironmentKey.DeletionWindowDays}, b.opts("env-key", pulumi.Protect(a.Protect))...)
		if err != nil {
			return err
		}
		b.c.EnvKey, b.envKeyArn = key, key.Arn
	}
	return nil
}

// needsEnvironmentKey: a key with nothing to encrypt is refused by gofunction (and a perpetual diff in AWS).
func (b *builder) needsEnvironmentKey() bool {
	return b.args.JWTAuthorizer != nil || (b.args.Backend != nil && len(b.args.Backend.Environment) > 0)
}

func (b *builder) account() error {
	if b.args.Account == nil {
		return nil
	}
	acct := *b.args.Account
	if acct.Tags == nil {
		acct.Tags = b.args.Tags
	}
	made, err := apiaccount.New(b.ctx, b.child("apigateway-account"), &acct, b.opts("apigateway-account")...)
	b.c.Account = made
	return err
}

func (b *builder) users() error {
	a := b.args
	switch {
	case a.ExistingUserPool != nil:
		e := a.ExistingUserPool
		b.poolArn, b.issuer, b.clientIDs = e.Arn, e.Issuer, e.ClientIDs
		if b.issuer == nil {
			b.issuer = IssuerFromArn(e.Arn)
		}
	case a.UserPool != nil:
		up := *a.UserPool
		up.Protect = up.Protect || a.Protect
		if up.Tags == nil {
			up.Tags = a.Tags
		}
		pool, err := userpool.New(b.ctx, b.child("users"), &up, b.opts("users")...)
		if err != nil {
			return err
		}
		b.c.Users, b.poolArn, b.issuer = pool, pool.UserPoolArn, pool.Issuer
		b.clientIDs = map[string]pulumi.StringInput{}
		for n, id := range pool.ClientIDs {
			b.clientIDs[n] = id
		}
	}
	return nil
}

// IssuerFromArn is a Cognito pool's token issuer from its ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>).
func IssuerFromArn(arn pulumi.StringInput) pulumi.StringOutput {
	return arn.ToStringOutput().ApplyT(func(arn string) string {
		parts := strings.Split(arn, ":")
		if len(parts) < 6 {
			return ""
		}
		return fmt.Sprintf("https://cognito-idp.%s.amazonaws.com/%s", parts[3], strings.TrimPrefix(parts[5], "userpool/"))
	}).(pulumi.StringOutput)
}

func (b *builder) functions() error {
	a := b.args
	if j := a.JWTAuthorizer; j != nil {
		fn := b.functionArgs(j.Function)
		env, err := b.authorizerEnvironment(j)
		if err != nil {
			return err
		}
		for k, v := range fn.Environment {
			env[k] = v
		}
		fn.Environment = env
		if fn.EnvironmentKmsKeyArn == nil {
			fn.EnvironmentKmsKeyArn = b.envKeyArn
		}
		if b.c.Authorizer, err = gofunction.New(b.ctx, b.child("authorizer"), &fn, b.opts("authorizer")...); err != nil {
			return err
		}
	}
	if a.Backend != nil {
		fn := b.functionArgs(*a.Backend)
		if fn.EnvironmentKmsKeyArn == nil && len(fn.Environment) > 0 {
			fn.EnvironmentKmsKeyArn = b.envKeyArn
		}
		var err error
		if b.c.Backend, err = gofunction.New(b.ctx, b.child("backend"), &fn, b.opts("backend")...); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) functionArgs(fn gofunction.Args) gofunction.Args {
	if fn.LogKmsKeyArn == nil {
		fn.LogKmsKeyArn = b.logKeyArn
	}
	fn.Protect = fn.Protect || b.args.Protect
	if fn.Tags == nil {
		fn.Tags = b.args.Tags
	}
	return fn
}

// authorizerEnvironment is the JWT authorizer's configuration (see functions/authorizer/jwtauth).
func (b *builder) authorizerEnvironment(j *JWTAuthorizer) (pulumi.StringMap, error) {
	entitlements, err := json.Marshal(j.Entitlements)
	if err != nil {
		return nil, err
	}
	env := pulumi.StringMap{
		jwtauth.EnvEntitlements:         pulumi.String(string(entitlements)),
		jwtauth.EnvUsageIdentifierClaim: pulumi.String(j.UsageIdentifierClaim),
		jwtauth.EnvIssuer:               j.Issuer,
	}
	if j.Issuer == nil {
		env[jwtauth.EnvIssuer] = b.issuer
	}
	if j.JWKSURL != nil {
		env[jwtauth.EnvJWKSURL] = j.JWKSURL
	}
	audiences := slices.Clone(j.Audiences)
	for _, client := range j.PoolClients {
		audiences = append(audiences, b.clientIDs[client])
	}
	if len(audiences) == 1 {
		env[jwtauth.EnvAudiences] = audiences[0]
	} else {
		env[jwtauth.EnvAudiences] = pulumi.StringArray(audiences).ToStringArrayOutput().ApplyT(
			func(ids []string) string { return strings.Join(ids, ",") }).(pulumi.StringOutput)
	}
	if j.TokenUse != "" {
		env[jwtauth.EnvTokenUse] = pulumi.String(j.TokenUse)
	}
	return env, nil
}

func (b *builder) endpoint() error {
	if b.args.ExecuteAPIEndpoint == nil {
		return nil
	}
	ep := *b.args.ExecuteAPIEndpoint
	if ep.Tags == nil {
		ep.Tags = b.args.Tags
	}
	made, err := vpcendpoint.New(b.ctx, b.child("execute-api-endpoint"), &ep, b.opts("execute-api-endpoint")...)
	b.c.Endpoint = made
	return err
}

func (b *builder) link() error {
	if b.args.VpcLink == nil {
		return nil
	}
	l := b.args.VpcLink.Args
	if l.Backend == nil && l.LoadBalancerArn == nil {
		l.Backend = &vpclink.LambdaBackend{FunctionArn: b.c.Backend.Arn, FunctionName: b.c.Backend.FunctionName}
	}
	l.Protect = l.Protect || b.args.Protect
	if l.Tags == nil {
		l.Tags = b.args.Tags
	}
	made, err := vpclink.New(b.ctx, b.child("private-backend"), &l, b.opts("private-backend")...)
	b.c.Link = made
	return err
}

func (b *builder) api() error {
	api := b.apiArgs(b.targets())
	made, err := restapi.New(b.ctx, b.child("api"), &api, b.opts("api")...)
	b.c.API = made
	return err
}

// targets are what the API's blanks are filled with: the created functions, pool, endpoint and link.
func (b *builder) targets() targets {
	t := targets{poolArn: b.poolArn, logKeyArn: b.logKeyArn}
	if f := b.c.Backend; f != nil {
		t.backend = &restapi.LambdaTarget{InvokeArn: f.InvokeArn, FunctionName: f.FunctionName}
	}
	if f := b.c.Authorizer; f != nil {
		t.authorizer = &restapi.LambdaTarget{InvokeArn: f.InvokeArn, FunctionName: f.FunctionName}
	}
	if b.c.Endpoint != nil {
		t.endpointID = b.c.Endpoint.EndpointID
	}
	if b.c.Link != nil {
		t.linkID = b.c.Link.VpcLinkID
	}
	if b.c.Account != nil {
		t.prerequisites = []pulumi.Resource{b.c.Account}
	}
	return t
}

func (b *builder) domain() error {
	if b.args.Domain == nil {
		return nil
	}
	d := b.domainArgs(b.c.API.RestAPIID, b.c.API.StageName)
	if b.args.API.EndpointType == restapi.Private && len(d.VpcEndpointIDs) == 0 {
		d.VpcEndpointIDs, d.EndpointDNS = b.privateDomainEndpoints()
	}
	made, err := customdomain.New(b.ctx, b.child("domain"), &d, b.opts("domain")...)
	b.c.Domain = made
	return err
}

// privateDomainEndpoints are the endpoints a PRIVATE API's domain admits (the created one and the API's others)
// and the one its alias points at: the created one, else the first listed, looked up by id.
func (b *builder) privateDomainEndpoints() ([]pulumi.StringInput, *customdomain.AliasTarget) {
	ids := slices.Clone(b.args.API.VpcEndpointIDs)
	if ep := b.c.Endpoint; ep != nil {
		return append([]pulumi.StringInput{ep.EndpointID}, ids...),
			&customdomain.AliasTarget{Name: ep.DNSName, ZoneID: ep.DNSZoneID}
	}
	name, zone := awsres.DNSEntry(awsres.LookupVpcEndpointDNSEntries(b.ctx, ids[0], b.parent), 0)
	return ids, &customdomain.AliasTarget{Name: name, ZoneID: zone}
}

func (b *builder) waf() error {
	a := b.args
	switch {
	case a.DisableWAF:
		b.c.WebACLArn = pulumi.String("").ToStringOutput()
	case a.ExistingWebACLArn != nil:
		// The shared ACL's owner manages its rules and logging; this stack only puts its stage behind it.
		if _, err := awsres.NewWebAclAssociation(b.ctx, b.child("waf-association"), pulumi.Map{
			"resourceArn": b.c.API.StageArn,
			"webAclArn":   a.ExistingWebACLArn,
		}, b.parent); err != nil {
			return fmt.Errorf("associate web ACL: %w", err)
		}
		b.c.WebACLArn = a.ExistingWebACLArn.ToStringOutput()
	default:
		w := b.wafArgs(b.c.API.Stage)
		made, err := waf.New(b.ctx, b.child("waf"), &w, b.opts("waf")...)
		if err != nil {
			return err
		}
		b.c.WAF, b.c.WebACLArn = made, made.WebACLArn
	}
	return nil
}

func (b *builder) monitoring() error {
	if b.args.DisableMonitoring {
		return nil
	}
	var acl pulumi.StringInput
	if b.c.WAF != nil {
		acl = b.c.WAF.ACL.Name
	}
	m := b.monitoringArgs(b.c.API.API.Name, b.c.API.StageName, acl, b.watched(func(part string) pulumi.StringInput {
		if part == "backend" {
			return b.c.Backend.FunctionName
		}
		return b.c.Authorizer.FunctionName
	}))
	made, err := monitoring.New(b.ctx, b.child("monitoring"), &m, b.opts("monitoring")...)
	b.c.Monitoring = made
	return err
}

func (b *builder) usagePlans() error {
	if b.args.UsagePlans == nil {
		return nil
	}
	u := b.usagePlanArgs(b.c.API.Stage, b.clientIDs)
	made, err := usageplan.New(b.ctx, b.child("usage-plans"), &u, b.opts("usage-plans")...)
	b.c.UsagePlans = made
	return err
}
