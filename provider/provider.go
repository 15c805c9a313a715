package provider

import (
	"errors"
	"fmt"
	"path/filepath"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/waf"
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
			infer.Component(&RestApi{}),
			infer.Component(&UserPool{}),
			infer.Component(&WebAcl{}),
			infer.Component(&CustomDomain{}),
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
		"logs, X-Ray, throttling, request validation, IAM, Cognito or JWT authorization on every route, a WAF, and "+
		"optionally a user pool, JWT authorizer, usage plans, custom domain, execute-api endpoint and VPC link. "+
		"Every default is the secure one.")
}

// Construct maps the inputs to securedapi.Args and composes the API.
func (*SecuredApi) Construct(ctx *pulumi.Context, name, _ string, in SecuredApiArgs,
	opts pulumi.ResourceOption) (*securedapi.SecuredAPI, error) {
	var errs []error
	if in.Backend != nil {
		errs = append(errs, in.Backend.absolute("backend", true))
	}
	if j := in.JWTAuthorizer; j != nil && j.Function != nil {
		errs = append(errs, j.Function.absolute("jwtAuthorizer.function", false))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("securedapi %q: %w", name, err)
	}
	args := in.securedAPIArgs()
	if d := args.Domain; d != nil {
		edge := d.EndpointType == customdomain.Edge ||
			d.EndpointType == "" && args.API.EndpointType == restapi.Edge
		// Checked before the us-east-1 provider is made, so refused input registers nothing.
		if err := withoutEdgeProvider("Domain.", args.Validate()); err != nil {
			return nil, fmt.Errorf("securedapi %q: %w", name, err)
		}
		if err := edgeProvider(ctx, name, d, edge, opts); err != nil {
			return nil, err
		}
	}
	return securedapi.New(ctx, name, args, opts)
}

// absolute refuses relative paths: a provider is a process of its own, started by the engine; its working
// directory is not promised to be the program's, and the Construct request does not carry the program's directory.
// So a relative path is refused rather than built from wherever the provider happens to run.
func (f Function) absolute(field string, sourceRequired bool) error {
	var errs []error
	for key, dir := range map[string]string{"sourceDir": f.SourceDir, "buildCacheDir": f.BuildCacheDir} {
		if dir == "" || filepath.IsAbs(dir) {
			continue
		}
		errs = append(errs, fmt.Errorf("%s.%s: %q is relative; give an absolute path (YAML: ${pulumi.cwd}/%s; "+
			"TypeScript: path.resolve(%q); Python: os.path.abspath(%q))", field, key, dir, dir, dir, dir))
	}
	if sourceRequired && f.SourceDir == "" {
		errs = append(errs, fmt.Errorf("%s.sourceDir: required: the function's main package directory", field))
	}
	return errors.Join(errs...)
}

// RestApi serves restapi.New.
type RestApi struct{}

// Annotate names and documents the resource.
func (r *RestApi) Annotate(an infer.Annotator) {
	an.SetToken("apigateway", "RestApi")
	an.Describe(&r, "A REST API from one generated OpenAPI document and its stage: IAM, Cognito or Lambda "+
		"authorization on every route, request validation, encrypted access and execution logs, X-Ray, "+
		"throttling, and a resource policy. For everything around it in one resource, use SecuredApi.")
}

// Construct maps the inputs to restapi.Args and creates the API.
func (*RestApi) Construct(ctx *pulumi.Context, name, _ string, in RestApiArgs,
	opts pulumi.ResourceOption) (*restapi.RestAPI, error) {
	a := in.restAPIArgs()
	return restapi.New(ctx, name, &a, opts)
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

// WebAcl serves waf.New.
type WebAcl struct{}

// Annotate names and documents the resource.
func (w *WebAcl) Annotate(an infer.Annotator) {
	an.SetToken("waf", "WebAcl")
	an.Describe(&w, "A REGIONAL WAF web ACL associated with an API stage: AWS managed rule groups (IP "+
		"reputation, known bad inputs, SQL injection, common rules), a per-IP rate limit, a body-size limit, "+
		"optional geo and IP rules, and logs with credentials redacted.")
}

// Construct maps the inputs to waf.Args and creates the ACL.
func (*WebAcl) Construct(ctx *pulumi.Context, name, _ string, in WebAclArgs,
	opts pulumi.ResourceOption) (*waf.WebACL, error) {
	return waf.New(ctx, name, in.wafArgs(), opts)
}

// CustomDomain serves customdomain.New.
type CustomDomain struct{}

// Annotate names and documents the resource.
func (d *CustomDomain) Annotate(an infer.Annotator) {
	an.SetToken("apigateway", "CustomDomain")
	an.Describe(&d, "An API Gateway custom domain with a DNS-validated ACM certificate, TLS 1.2 or later, "+
		"optional mutual TLS, base-path mappings and alias records.")
}

// Construct maps the inputs to customdomain.Args and creates the domain.
func (*CustomDomain) Construct(ctx *pulumi.Context, name, _ string, in CustomDomainArgs,
	opts pulumi.ResourceOption) (*customdomain.Domain, error) {
	a := in.domainArgs()
	if err := withoutEdgeProvider("", a.Validate()); err != nil {
		return nil, fmt.Errorf("customdomain %q: %w", name, err)
	}
	if err := edgeProvider(ctx, name, a, a.EndpointType == customdomain.Edge, opts); err != nil {
		return nil, err
	}
	return customdomain.New(ctx, name, a, opts)
}
