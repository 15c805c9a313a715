package securedapi

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/waf"
)

// Defaults applied by New; each Args field documents its own.
const (
	// AuthorizerPackage is the JWT authorizer's main package, built from this module wherever it is.
	AuthorizerPackage = "github.com/secure-apigw/secure-apigw/functions/authorizer"
	// DefaultAuthorizerTimeoutSeconds keeps a cold authorizer (JWKS fetch timeout 2 s plus init) well inside
	// API Gateway's wait; past the Lambda timeout callers get 500 instead of 401.
	DefaultAuthorizerTimeoutSeconds = 5
	DefaultUsageIdentifierClaim     = "client_id"
	tokenUseAccess                  = "access"
)

// AuthorizerSourceDir is the directory of the JWT authorizer's source: this module's own directory when a program
// of this module runs, or its copy in the Go module cache when another module imports it (`go list` resolves it
// from the working directory's module, which must require github.com/secure-apigw/secure-apigw).
func AuthorizerSourceDir() (string, error) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", AuthorizerPackage).Output()
	if err != nil {
		msg := err.Error()
		if exit, ok := err.(*exec.ExitError); ok {
			msg = strings.TrimSpace(string(exit.Stderr))
		}
		return "", fmt.Errorf("JWTAuthorizer.Function.SourceDir: cannot find %s (%s); set it, or run in a module "+
			"that requires github.com/secure-apigw/secure-apigw", AuthorizerPackage, msg)
	}
	return filepath.Clean(strings.TrimSpace(string(out))), nil
}

// withDefaults fills what New needs that the caller may leave out: the authorizer's source and settings.
func (a *Args) withDefaults() (Args, error) {
	out := *a
	if a.JWTAuthorizer != nil {
		j := *a.JWTAuthorizer
		if j.Function.SourceDir == "" {
			dir, err := AuthorizerSourceDir()
			if err != nil {
				return Args{}, err
			}
			j.Function.SourceDir = dir
		}
		if j.Function.TimeoutSeconds == 0 {
			j.Function.TimeoutSeconds = DefaultAuthorizerTimeoutSeconds
		}
		if j.UsageIdentifierClaim == "" {
			j.UsageIdentifierClaim = DefaultUsageIdentifierClaim
		}
		if j.TokenUse == "" && len(j.PoolClients) > 0 {
			j.TokenUse = tokenUseAccess
		}
		out.JWTAuthorizer = &j
	}
	return out, nil
}

// targets are what SecuredAPI fills the API's blanks with. Validate passes placeholders of the same shape.
type targets struct {
	backend, authorizer *restapi.LambdaTarget
	poolArn, logKeyArn  pulumi.StringInput
	endpointID, linkID  pulumi.StringInput
	prerequisites       []pulumi.Resource
}

// apiArgs is API with the blanks filled: route targets, authorizers, endpoints, the VPC link's routes, logs.
func (b *builder) apiArgs(t targets) restapi.Args {
	a := b.args
	api := a.API
	api.Routes = slices.Clone(a.API.Routes)
	api.Authorizers = slices.Clone(a.API.Authorizers)
	api.VpcEndpointIDs = slices.Clone(a.API.VpcEndpointIDs)
	for i, r := range api.Routes {
		if r.Integration.Kind == restapi.LambdaProxy && r.Integration.Lambda == nil && t.backend != nil {
			api.Routes[i].Integration.Lambda = t.backend
		}
	}
	for i, z := range api.Authorizers {
		switch {
		case z.Kind == restapi.CognitoUserPools && len(z.UserPoolArns) == 0 && t.poolArn != nil:
			api.Authorizers[i].UserPoolArns = []pulumi.StringInput{t.poolArn}
		case (z.Kind == restapi.LambdaRequest || z.Kind == restapi.LambdaToken) && z.Lambda == nil &&
			a.JWTAuthorizer != nil && a.JWTAuthorizer.Authorizer == z.Name:
			api.Authorizers[i].Lambda = t.authorizer
		}
	}
	if a.ExecuteAPIEndpoint != nil {
		api.VpcEndpointIDs = append(api.VpcEndpointIDs, t.endpointID)
	}
	if l := a.VpcLink; l != nil && l.Hostname != "" {
		scheme := l.Scheme()
		for i, r := range api.Routes {
			if slices.Contains(l.Routes, r.Method+" "+r.Path) {
				api.Routes[i].Integration = restapi.Integration{Kind: restapi.HTTPProxy, VpcLinkID: t.linkID,
					URL: fmt.Sprintf("%s://%s%s", scheme, l.Hostname, r.Path)}
			}
		}
	}
	if a.Domain != nil && a.Domain.MutualTLS != nil {
		api.DisableExecuteApiEndpoint = true
	}
	if api.LogKmsKeyArn == nil {
		api.LogKmsKeyArn = t.logKeyArn
	}
	if len(api.LoggingPrerequisites) == 0 {
		api.LoggingPrerequisites = t.prerequisites
	}
	api.Protect = api.Protect || a.Protect
	if api.Tags == nil {
		api.Tags = a.Tags
	}
	return api
}

// domainArgs maps unmapped mappings (or the root, without any) to this API's stage.
func (b *builder) domainArgs(restAPIID, stageName pulumi.StringInput) customdomain.Args {
	d := *b.args.Domain
	d.Mappings = slices.Clone(d.Mappings)
	if len(d.Mappings) == 0 {
		d.Mappings = []customdomain.Mapping{{}}
	}
	for i, m := range d.Mappings {
		if m.RestAPIID == nil {
			d.Mappings[i].RestAPIID, d.Mappings[i].StageName = restAPIID, stageName
		}
	}
	if d.EndpointType == "" {
		d.EndpointType = customdomain.EndpointType(b.args.API.EndpointType)
	}
	d.Protect = d.Protect || b.args.Protect
	if d.Tags == nil {
		d.Tags = b.args.Tags
	}
	return d
}

func (b *builder) wafArgs(stage *apigateway.Stage) waf.Args {
	w := waf.Args{}
	if b.args.WAF != nil {
		w = *b.args.WAF
	}
	w.Stage = stage
	if w.Name == "" {
		w.Name = b.name
	}
	if w.LogKmsKeyArn == nil {
		w.LogKmsKeyArn = b.logKeyArn
	}
	w.Protect = w.Protect || b.args.Protect
	if w.Tags == nil {
		w.Tags = b.args.Tags
	}
	return w
}

// usagePlanArgs gives ClientKeys' consumers their client's id as the key.
func (b *builder) usagePlanArgs(stage *apigateway.Stage, clientIDs map[string]pulumi.StringInput) usageplan.Args {
	u := b.args.UsagePlans.Args
	u.Stage = stage
	u.Consumers = slices.Clone(u.Consumers)
	for i, k := range u.Consumers {
		if client, ok := b.args.UsagePlans.ClientKeys[k.Name]; ok && k.KeyValue == nil {
			u.Consumers[i].KeyValue = clientIDs[client]
		}
	}
	if u.Tags == nil {
		u.Tags = b.args.Tags
	}
	return u
}

// monitoringArgs watch the API's stage, the created web ACL and the functions, unless the caller named them.
func (b *builder) monitoringArgs(apiName, stageName, webACLName pulumi.StringInput,
	functions []monitoring.Function) monitoring.Args {
	var m monitoring.Args
	if b.args.Monitoring != nil {
		m = *b.args.Monitoring
	}
	if m.APIName == nil {
		m.APIName = apiName
	}
	if m.StageName == nil {
		m.StageName = stageName
	}
	if m.WebACLName == nil {
		m.WebACLName = webACLName
	}
	if m.Functions == nil {
		m.Functions = functions
	}
	if m.Tags == nil {
		m.Tags = b.args.Tags
	}
	return m
}

// watched are the functions Monitoring watches by default, each with its reserved concurrency; name gives a
// function's name (an output once it exists).
func (b *builder) watched(name func(part string) pulumi.StringInput) []monitoring.Function {
	var out []monitoring.Function
	if b.args.Backend != nil {
		out = append(out, monitoring.Function{Label: "backend", FunctionName: name("backend"),
			ReservedConcurrency: b.args.Backend.ReservedConcurrency})
	}
	if j := b.args.JWTAuthorizer; j != nil {
		out = append(out, monitoring.Function{Label: "authorizer", FunctionName: name("authorizer"),
			ReservedConcurrency: j.Function.ReservedConcurrency})
	}
	return out
}

// Parts are the children's names without the instance prefix (<name>-<part>), as Args.MovedFrom keys them.
var Parts = []string{"logs-key", "env-key", "apigateway-account", "users", "authorizer", "backend",
	"execute-api-endpoint", "private-backend", "api", "domain", "waf", "usage-plans", "monitoring"}
