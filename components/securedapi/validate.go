package securedapi

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
)

// Validate reports every problem at once, each naming its field from Args down ("API.Routes[2].Path: …",
// "WAF.RateLimit: …"): the children's own checks, run on the Args SecuredAPI would give them, and the checks
// between the parts.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("securedapi: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	b := &builder{name: "validate", args: *a}
	a.validateParts(bad)

	// Placeholders of the shape New passes, so the children check only what the caller gave. Outputs stand for ids
	// that exist only after deploy, which the children's checks skip as unknown.
	unknown := pulumi.String("").ToStringOutput()
	lambda := &restapi.LambdaTarget{InvokeArn: unknown, FunctionName: unknown}
	t := targets{endpointID: unknown, linkID: unknown}
	if a.Backend != nil {
		t.backend = lambda
	}
	if a.JWTAuthorizer != nil {
		t.authorizer = lambda
	}
	if a.UserPool != nil || a.ExistingUserPool != nil {
		t.poolArn = unknown
	}
	api := b.apiArgs(t)
	errs = append(errs, prefixed("API.", api.Validate())...)
	if a.Backend != nil {
		errs = append(errs, prefixed("Backend.", a.Backend.Validate())...)
	}
	if a.UserPool != nil {
		errs = append(errs, prefixed("UserPool.", a.UserPool.Validate())...)
	}
	if j := a.JWTAuthorizer; j != nil {
		fn := j.Function
		if fn.SourceDir == "" {
			fn.SourceDir = "." // resolved by New (AuthorizerSourceDir)
		}
		fn.Environment = pulumi.StringMap{"": unknown} // New sets it
		errs = append(errs, prefixed("JWTAuthorizer.Function.", fn.Validate())...)
	}
	stage := &apigateway.Stage{}
	if a.UsagePlans != nil {
		u := b.usagePlanArgs(stage, nil)
		for i := range u.Consumers {
			if _, ok := a.UsagePlans.ClientKeys[u.Consumers[i].Name]; ok {
				u.Consumers[i].KeyValue = unknown
			}
		}
		errs = append(errs, prefixed("UsagePlans.", u.Validate())...)
	}
	if a.WAF != nil {
		w := b.wafArgs(stage)
		errs = append(errs, prefixed("WAF.", w.Validate())...)
	}
	if a.Domain != nil {
		d := b.domainArgs(unknown, unknown)
		if a.API.EndpointType == restapi.Private && len(d.VpcEndpointIDs) == 0 {
			d.VpcEndpointIDs = []pulumi.StringInput{unknown}
			d.EndpointDNS = &customdomain.AliasTarget{Name: unknown, ZoneID: unknown}
		}
		errs = append(errs, prefixed("Domain.", d.Validate())...)
	}
	if !a.DisableMonitoring {
		m := b.monitoringArgs(unknown, unknown, unknown, b.watched(func(string) pulumi.StringInput { return unknown }))
		errs = append(errs, prefixed("Monitoring.", m.Validate())...)
	}
	if a.ExecuteAPIEndpoint != nil {
		errs = append(errs, prefixed("ExecuteAPIEndpoint.", a.ExecuteAPIEndpoint.Validate())...)
	}
	if l := a.VpcLink; l != nil {
		args := l.Args
		if args.Backend == nil && args.LoadBalancerArn == nil && a.Backend != nil {
			args.Backend = &vpclink.LambdaBackend{FunctionArn: unknown, FunctionName: unknown}
		}
		errs = append(errs, prefixed("VpcLink.", args.Validate())...)
	}
	return errors.Join(errs...)
}

// validateParts checks what no child can: that the parts fit together.
func (a *Args) validateParts(bad func(string, ...any)) {
	if a.UserPool != nil && a.ExistingUserPool != nil {
		bad("UserPool, ExistingUserPool: set at most one: create a pool or reuse one")
	}
	if e := a.ExistingUserPool; e != nil && e.Arn == nil {
		bad("ExistingUserPool.Arn: required: the shared pool's ARN")
	}
	set := 0
	for _, on := range []bool{a.WAF != nil, a.ExistingWebACLArn != nil, a.DisableWAF} {
		if on {
			set++
		}
	}
	if set > 1 {
		bad("WAF, ExistingWebACLArn, DisableWAF: set at most one")
	}
	if a.Monitoring != nil && a.DisableMonitoring {
		bad("Monitoring, DisableMonitoring: set at most one")
	}
	for field, k := range map[string]Key{"LogKey": a.LogKey, "EnvironmentKey": a.EnvironmentKey} {
		if k.ExistingArn != nil && k.ServiceManaged {
			bad("%s: ExistingArn and ServiceManaged exclude each other", field)
		}
		if k.DeletionWindowDays != 0 && (k.DeletionWindowDays < 7 || k.DeletionWindowDays > 30) {
			bad("%s.DeletionWindowDays: %d is out of range; allowed: 7 to 30", field, k.DeletionWindowDays)
		}
	}
	for _, part := range slices.Sorted(maps.Keys(a.MovedFrom)) {
		if !slices.Contains(Parts, part) {
			bad("MovedFrom[%s]: no such part; allowed: %s", part, strings.Join(Parts, ", "))
		} else if a.MovedFrom[part] == "" {
			bad("MovedFrom[%s]: the part's previous name is required", part)
		}
	}
	if a.API.EndpointType == restapi.Edge && !a.DisableWAF {
		// The web ACL is REGIONAL, on the stage; an EDGE API is reached through API Gateway's own CloudFront
		// distribution, which takes no web ACL of ours, so the ACL's per-IP rules cannot hold at the edge.
		bad("API.EndpointType: EDGE with a web ACL: requests reach the stage's regional web ACL through API " +
			"Gateway's own CloudFront distribution, so its per-IP rate limit, CIDR and country rules do not see the " +
			"caller as they do on REGIONAL; allowed: REGIONAL or PRIVATE (put your own CloudFront, with a " +
			"CLOUDFRONT-scope web ACL, in front of a REGIONAL API for edge caching), or EDGE with DisableWAF, " +
			"which the baseline fails unless waived")
	}
	if u := a.UsagePlans; u != nil {
		stageRate := a.API.StageRateLimit()
		for i, t := range u.Tiers {
			// A tier meters one consumer: above the stage throttle, which every caller shares, one consumer could
			// take all of it.
			if t.Throttle.RateLimit > stageRate {
				bad("UsagePlans.Tiers[%d].Throttle.RateLimit: %g requests/s is above the stage throttle's rate (%g), "+
					"which every caller shares; allowed: at most %g", i, t.Throttle.RateLimit, stageRate, stageRate)
			}
		}
	}
	if b := a.Backend; b != nil && b.ReservedConcurrency != nil && *b.ReservedConcurrency == 0 && !a.DisableMonitoring {
		bad("Backend.ReservedConcurrency: 0 stops every invocation (each call answers 500) and leaves the " +
			"concurrency alarm nothing to watch; allowed: at least 1, or unset for unreserved")
	}
	private := a.API.EndpointType == restapi.Private
	if a.ExecuteAPIEndpoint != nil && !private {
		bad("ExecuteAPIEndpoint: only a PRIVATE API is reached through an execute-api endpoint; API.EndpointType is %s",
			endpointType(a.API.EndpointType))
	}
	if private && a.ExecuteAPIEndpoint == nil && len(a.API.VpcEndpointIDs) == 0 {
		bad("ExecuteAPIEndpoint: a PRIVATE API needs a VPC endpoint: set ExecuteAPIEndpoint, or list existing " +
			"endpoints in API.VpcEndpointIDs")
	}
	a.validateAuthorizer(bad)
	a.validateLink(bad)
	if u := a.UsagePlans; u != nil {
		clients := a.poolClients()
		for _, consumer := range slices.Sorted(maps.Keys(u.ClientKeys)) {
			client := u.ClientKeys[consumer]
			if !slices.ContainsFunc(u.Consumers, func(c usageplan.Consumer) bool { return c.Name == consumer }) {
				bad("UsagePlans.ClientKeys[%s]: no consumer of that name", consumer)
			}
			if clients != nil && !slices.Contains(clients, client) {
				bad("UsagePlans.ClientKeys[%s]: %q is not a client of the user pool; allowed: %s", consumer, client,
					strings.Join(clients, ", "))
			}
		}
	}
}

func (a *Args) validateAuthorizer(bad func(string, ...any)) {
	j := a.JWTAuthorizer
	if j == nil {
		return
	}
	found := slices.ContainsFunc(a.API.Authorizers, func(z restapi.Authorizer) bool {
		return z.Name == j.Authorizer && (z.Kind == restapi.LambdaRequest || z.Kind == restapi.LambdaToken)
	})
	if !found {
		bad("JWTAuthorizer.Authorizer: %q is not a REQUEST or TOKEN authorizer in API.Authorizers", j.Authorizer)
	}
	if len(j.Entitlements) == 0 {
		bad("JWTAuthorizer.Entitlements: required: the routes each scope grants, e.g. {\"api/partner.read\": [\"GET /partner/items\"]}")
	}
	pool := a.UserPool != nil || a.ExistingUserPool != nil
	if j.Issuer == nil && !pool {
		bad("JWTAuthorizer.Issuer: required without a user pool: the issuer whose tokens are accepted")
	}
	if len(j.Audiences) == 0 && len(j.PoolClients) == 0 {
		bad("JWTAuthorizer.Audiences: required (or PoolClients): the client ids whose tokens are accepted")
	}
	clients := a.poolClients()
	for i, c := range j.PoolClients {
		if !pool {
			bad("JWTAuthorizer.PoolClients[%d]: needs UserPool or ExistingUserPool", i)
		} else if clients != nil && !slices.Contains(clients, c) {
			bad("JWTAuthorizer.PoolClients[%d]: %q is not a client of the user pool; allowed: %s", i, c,
				strings.Join(clients, ", "))
		}
	}
	switch j.TokenUse {
	case "", "access", "id":
	default:
		bad(`JWTAuthorizer.TokenUse: %q is not allowed; allowed: "access", "id"`, j.TokenUse)
	}
}

func (a *Args) validateLink(bad func(string, ...any)) {
	l := a.VpcLink
	if l == nil {
		return
	}
	if l.Hostname == "" {
		bad("VpcLink.Hostname: required: the name the routes' URLs carry (and the ALB's certificate covers)")
	}
	if l.Backend == nil && l.LoadBalancerArn == nil && a.Backend == nil {
		bad("VpcLink.Backend: required without Backend (or LoadBalancerArn for an existing NLB)")
	}
	if len(l.Routes) == 0 {
		bad("VpcLink.Routes: at least one route, e.g. \"GET /health\"")
	}
	known := make([]string, 0, len(a.API.Routes))
	for _, r := range a.API.Routes {
		known = append(known, r.Method+" "+r.Path)
	}
	for i, r := range l.Routes {
		if !slices.Contains(known, r) {
			bad("VpcLink.Routes[%d]: %q is not a route of API.Routes; allowed: %s", i, r, strings.Join(known, ", "))
		}
	}
}

// poolClients are the pool's client names, or nil when they are not known (an existing pool without ClientIDs).
func (a *Args) poolClients() []string {
	switch {
	case a.UserPool != nil:
		names := []string{}
		for _, c := range a.UserPool.Clients {
			names = append(names, c.Name)
		}
		return names
	case a.ExistingUserPool != nil && a.ExistingUserPool.ClientIDs != nil:
		return slices.Sorted(maps.Keys(a.ExistingUserPool.ClientIDs))
	}
	return nil
}

func endpointType(t restapi.EndpointType) restapi.EndpointType {
	if t == "" {
		return restapi.DefaultEndpointType
	}
	return t
}

// prefixed names each of a child's problems from Args down: "Tier: …" under "UserPool." is "UserPool.Tier: …".
func prefixed(prefix string, err error) []error {
	if err == nil {
		return nil
	}
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	out := make([]error, 0, len(leaves))
	for _, e := range leaves {
		fields, rest, ok := strings.Cut(e.Error(), ": ")
		switch {
		case !ok:
			out = append(out, fmt.Errorf("%s: %w", strings.TrimSuffix(prefix, "."), e))
		case strings.Contains(fields, ", "):
			names := strings.Split(fields, ", ")
			for i, n := range names {
				names[i] = prefix + n
			}
			out = append(out, fmt.Errorf("%s: %s", strings.Join(names, ", "), rest))
		default: // one field, possibly with a location after it ("Document /paths/~1items/get")
			out = append(out, fmt.Errorf("%s%s: %s", prefix, fields, rest))
		}
	}
	return out
}
