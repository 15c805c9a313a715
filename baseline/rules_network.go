package baseline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

const (
	typeDomainName    = "aws:apigateway/domainName:DomainName"
	typeBasePath      = "aws:apigateway/basePathMapping:BasePathMapping"
	typeVpcLink       = "aws:apigateway/vpcLink:VpcLink"
	typeRestAPIPolicy = "aws:apigateway/restApiPolicy:RestApiPolicy"
	typeSecurityGroup = "aws:ec2/securityGroup:SecurityGroup"
	typeSGIngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeSGRule        = "aws:ec2/securityGroupRule:SecurityGroupRule"
	typeSGEgressRule  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeLoadBalancer  = "aws:lb/loadBalancer:LoadBalancer"
	typeListener      = "aws:lb/listener:Listener"
	typeALB           = "aws:alb/loadBalancer:LoadBalancer"
	typeALBListener   = "aws:alb/listener:Listener"
	typeV2DomainName  = "aws:apigatewayv2/domainName:DomainName"
	typeV2APIMapping  = "aws:apigatewayv2/apiMapping:ApiMapping"
)

// loadBalancerTypes and listenerTypes are checkov's aws_lb/aws_alb and aws_lb_listener/aws_alb_listener: the same
// resources under two names, as in the SDK (lb.* and alb.*).
var (
	loadBalancerTypes = []string{typeLoadBalancer, typeALB}
	listenerTypes     = []string{typeListener, typeALBListener}
)

// modernDomainPolicies are exactly the security policies checkov's APIGatewayDomainNameTLS.py accepts
// (get_expected_values at bridgecrewio/checkov f890acf, "support modern TLS security policies in CKV_AWS_206",
// first released in 3.2.510); any other value, or none, fails.
var modernDomainPolicies = []string{
	"TLS_1_2",
	"SecurityPolicy_TLS12_2018_EDGE",
	"SecurityPolicy_TLS12_PFS_2025_EDGE",
	"SecurityPolicy_TLS13_1_2_2021_06",
	"SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
	"SecurityPolicy_TLS13_1_2_PQ_2025_09",
	"SecurityPolicy_TLS13_1_3_2025_09",
	"SecurityPolicy_TLS13_1_3_FIPS_2025_09",
	"SecurityPolicy_TLS13_2025_EDGE",
}

func networkRules() []Rule {
	return slices.Concat(networkAccessRules(), s3Rules(), networkPathRules())
}

func networkAccessRules() []Rule {
	return []Rule{
		{
			Slug: "domain-tls-policy",
			// checkov APIGatewayDomainNameTLS.py (aws_api_gateway_domain_name only): security_policy one of the
			// check's nine names (modernDomainPolicies); absent, empty or any other value fails.
			IDs:           []string{"CKV_AWS_206"},
			Description:   "Every API Gateway custom domain sets a TLS 1.2-or-stronger security policy.",
			Fix:           "set securityPolicy TLS_1_2 (components/customdomain does; config: gateway.domain.securityPolicy)",
			Types:         []string{typeDomainName},
			checkResource: checkDomainTLS,
		},
		{
			Slug:        "private-api-source-vpce",
			Description: "A PRIVATE API's, and a private custom domain's, resource policy denies execute-api:Invoke from outside its VPC endpoints (aws:SourceVpce) and allows nothing without that condition.",
			Fix:         "give the API VPC endpoint ids (restapi.Args.VpcEndpointIDs; config: gateway.network.executeApiEndpoint); a private domain gets the same policy from customdomain",
			Types:       []string{typeRestAPI, typeDomainName},
			applies: func(all []res) bool {
				return slices.ContainsFunc(all, func(r res) bool {
					return (r.Type == typeRestAPI || r.Type == typeDomainName) && isPrivate(r)
				})
			},
			checkStack: checkPrivateSourceVpce,
		},
		{
			Slug:        "mtls-default-endpoint-disabled",
			Description: "An API mapped to a mutual-TLS custom domain has its default execute-api endpoint disabled, so clients cannot bypass the certificate check.",
			Fix:         "set restapi.Args.DisableExecuteApiEndpoint (the stack does when gateway.domain.mutualTls is set); an HTTP API's disableExecuteApiEndpoint",
			// Both domain types take a truststore, and either mapping type (a v2 ApiMapping maps REST APIs too) puts
			// an API behind the domain.
			Types: []string{typeDomainName, typeV2DomainName},
			applies: func(all []res) bool {
				return len(mtlsDomains(all)) > 0
			},
			checkStack: checkMTLSEndpoint,
		},
	}
}

func networkPathRules() []Rule {
	return []Rule{
		{
			Slug: "sg-no-open-ingress",
			// cdk-nag EC2RestrictedInbound.ts: no inline or standalone ingress CIDR (v4 or v6) containing "/0", on
			// any port; egress is not judged.
			IDs:         []string{"cdk-nag EC23"},
			Description: "No security group admits 0.0.0.0/0 or ::/0 on any port.",
			Fix:         "admit only the callers' CIDRs (components/vpcendpoint and vpclink refuse /0)",
			Types:       []string{typeSecurityGroup, typeSGIngressRule, typeSGRule},
			checkStack:  checkOpenIngress,
		},
		{
			Slug:        "vpc-link-routes-use-the-link",
			Description: "Every route through a VPC link names a VPC link of this stack, and no route sends plain HTTP to the internet.",
			Fix:         "give VPC_LINK routes the vpclink component's VpcLinkID; use https:// for internet backends",
			Types:       []string{typeRestAPI, typeIntegration},
			checkStack:  checkVpcLinkRoutes,
		},
		{
			Slug: "lb-listener-tls",
			// checkov ALBListenerHTTPS.py (CKV_AWS_2): HTTPS, TLS, TCP, UDP or TCP_UDP, or HTTP redirecting to HTTPS;
			// AppLoadBalancerTLS12.yaml (CKV_AWS_103): TCP/UDP, or HTTPS/TLS with an ELBSecurityPolicy-FS-1-2,
			// -TLS-1-2 or -TLS13 policy, or a redirect to HTTPS, or a gateway LB's listener (which CKV_AWS_2 fails, and
			// so do we). Both on aws_lb_listener and aws_alb_listener. Not ELB.18, which fails the NLB's TCP
			// pass-through.
			IDs:           []string{"CKV_AWS_2", "CKV_AWS_103"},
			Description:   "Every load balancer listener encrypts (HTTPS/TLS with a TLS 1.2+ policy) or passes TCP through.",
			Fix:           "give the backend a certificate (config: gateway.network.privateBackend.certificateArn)",
			Types:         listenerTypes,
			checkResource: checkListenerTLS,
		},
		{
			Slug: "alb-drop-invalid-headers",
			// checkov ALBDropHttpHeaders.py (aws_lb, aws_alb; bridgecrewio/checkov 03d5fda): network and gateway
			// LBs are UNKNOWN (not judged, since 223b2f8); every other, application by default, needs
			// drop_invalid_header_fields true (absent fails). Security Hub ELB.4 judges ALBs.
			IDs:         []string{"CKV_AWS_131", "Security Hub ELB.4"},
			Description: "Every application load balancer drops invalid HTTP headers (network and gateway ones are not judged).",
			Fix:         "set dropInvalidHeaderFields (components/vpclink does)",
			Types:       loadBalancerTypes,
			applies: func(all []res) bool {
				return slices.ContainsFunc(all, func(r res) bool {
					return slices.Contains(loadBalancerTypes, r.Type) && !isNLB(r) && !isGatewayLB(r)
				})
			},
			checkResource: checkDropHeaders,
		},
		{
			Slug: "lb-deletion-protection",
			// checkov LBDeletionProtection.py: enable_deletion_protection true on every aws_lb and aws_alb; absent
			// fails.
			IDs:         []string{"CKV_AWS_150"},
			Description: "Every load balancer has deletion protection on.",
			Fix:         "set enableDeletionProtection (vpclink.Args.Protect; config: protectStatefulResources)",
			Types:       loadBalancerTypes,
			checkResource: func(r res, _ map[string]any) []string {
				if on, _ := r.boolean("enableDeletionProtection", true); !on {
					return []string{fmt.Sprintf("load balancer %s has no deletion protection", r.Name)}
				}
				return nil
			},
		},
	}
}

func checkDomainTLS(r res, _ map[string]any) []string {
	if p := r.str("securityPolicy"); !slices.Contains(modernDomainPolicies, p) && !r.unknown("securityPolicy") {
		return []string{fmt.Sprintf("domain %s has security policy %q; allowed (CKV_AWS_206): %s", r.Name, p,
			strings.Join(modernDomainPolicies, ", "))}
	}
	return nil
}

func isPrivate(r res) bool { return r.str("endpointConfiguration.types") == "PRIVATE" }

func isNLB(r res) bool { return r.str("loadBalancerType") == "network" }

func isGatewayLB(r res) bool { return r.str("loadBalancerType") == "gateway" }

// policyStatements are the statements of a resource policy: a REST API's (from its document or its policy input), a
// domain's or a bucket's policy input, as JSON text or (where the SDK takes any input) an object; Statement may be
// one object or a list.
func policyStatements(api res) []map[string]any {
	var doc map[string]any
	_ = json.Unmarshal([]byte(api.str("body")), &doc)
	policy, _ := doc["x-amazon-apigateway-policy"].(map[string]any)
	if v, ok := api.get("policy"); policy == nil && ok {
		switch {
		case v.IsString():
			_ = json.Unmarshal([]byte(v.AsString()), &policy)
		case v.IsMap():
			policy, _ = resource.ToResourcePropertyValue(v).Mappable().(map[string]any)
		}
	}
	var out []map[string]any
	switch s := policy["Statement"].(type) {
	case []any:
		for _, x := range s {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, s)
	}
	return out
}

func conditionOn(stmt map[string]any, operator, key string) bool {
	c, _ := stmt["Condition"].(map[string]any)
	op, _ := c[operator].(map[string]any)
	_, ok := op[key]
	return ok
}

// checkPrivateSourceVpce judges each PRIVATE API's policy — in its OpenAPI body or policy input, or else in a
// RestApiPolicy whose restApiId names it — and each private domain's policy input; a policy not known until apply is
// judged then.
func checkPrivateSourceVpce(all []res) []violation {
	var out []violation
	for _, r := range all {
		if (r.Type != typeRestAPI && r.Type != typeDomainName) || !isPrivate(r) {
			continue
		}
		sources := []res{r}
		if r.Type == typeRestAPI && len(policyStatements(r)) == 0 {
			for _, p := range ofType(all, typeRestAPIPolicy) {
				if p.refersTo("restApiId", r) {
					sources = append(sources, p)
				}
			}
		}
		// One passing source is enough; otherwise the problems of the standalone policy if there is one (it replaces
		// the API's), else of the API's own.
		problems := sourceVpceProblems(r, sources[len(sources)-1])
		if slices.ContainsFunc(sources, func(src res) bool { return len(sourceVpceProblems(r, src)) == 0 }) {
			problems = nil
		}
		for _, p := range problems {
			out = append(out, violation{r.URN, p})
		}
	}
	return out
}

// sourceVpceProblems are what is wrong with the policy src holds for r (r itself, or its RestApiPolicy).
func sourceVpceProblems(r, src res) []string {
	if src.unknown("body") || src.unknown("policy") {
		return nil
	}
	kind := "API"
	if r.Type == typeDomainName {
		kind = "domain"
	}
	var denies bool
	var problems []string
	for _, s := range policyStatements(src) {
		switch s["Effect"] {
		case "Deny":
			denies = denies || conditionOn(s, "StringNotEquals", "aws:SourceVpce")
		case "Allow":
			if !conditionOn(s, "StringEquals", "aws:SourceVpce") {
				problems = append(problems, fmt.Sprintf("%s %s: statement %v allows without an aws:SourceVpce condition", kind, r.Name, s["Sid"]))
			}
		}
	}
	if !denies {
		problems = append(problems, fmt.Sprintf("%s %s is PRIVATE but its policy does not deny sources outside its VPC endpoints", kind, r.Name))
	}
	return problems
}

// mtlsDomains are the custom domains of either API Gateway version that require a client certificate.
func mtlsDomains(all []res) []res {
	var out []res
	for _, d := range append(ofType(all, typeDomainName), ofType(all, typeV2DomainName)...) {
		if d.set("mutualTlsAuthentication.truststoreUri") {
			out = append(out, d)
		}
	}
	return out
}

func checkMTLSEndpoint(all []res) []violation {
	var out []violation
	// A mapping belongs to the domain its domainName names and maps the API its restApi (BasePathMapping) or apiId
	// (ApiMapping) names.
	mappings := []struct {
		key string
		ms  []res
	}{{"restApi", ofType(all, typeBasePath)}, {"apiId", ofType(all, typeV2APIMapping)}}
	apis := append(ofType(all, typeRestAPI), ofType(all, typeV2API)...)
	for _, d := range mtlsDomains(all) {
		for _, kind := range mappings {
			key := kind.key
			for _, m := range kind.ms {
				if !m.refersTo("domainName", d, d.str("domainName")) {
					continue
				}
				for _, api := range apis {
					if !m.refersTo(key, api) {
						continue
					}
					if off, _ := api.boolean("disableExecuteApiEndpoint", true); !off {
						out = append(out, violation{api.URN, fmt.Sprintf("API %s is behind mutual-TLS domain %s but its "+
							"default execute-api endpoint is on", api.Name, d.Name)})
					}
				}
			}
		}
	}
	return out
}

// anyStrings is a policy element that IAM accepts as one string or a list of them.
func anyStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func checkOpenIngress(all []res) []violation {
	var out []violation
	open := func(r res, paths ...string) {
		for _, p := range paths {
			for _, c := range r.strs(p) {
				if strings.Contains(c, "/0") {
					out = append(out, violation{r.URN, fmt.Sprintf("%s admits %s", r.Name, c)})
				}
			}
		}
	}
	for _, sg := range ofType(all, typeSecurityGroup) {
		if ingress, ok := sg.get("ingress"); ok && ingress.IsArray() {
			for i := range ingress.AsArray().Len() {
				open(sg, fmt.Sprintf("ingress.%d.cidrBlocks", i), fmt.Sprintf("ingress.%d.ipv6CidrBlocks", i))
			}
		}
	}
	for _, r := range ofType(all, typeSGIngressRule) {
		open(r, "cidrIpv4", "cidrIpv6")
	}
	for _, r := range ofType(all, typeSGRule) {
		if r.str("type") == "ingress" {
			open(r, "cidrBlocks", "ipv6CidrBlocks")
		}
	}
	return out
}

func checkVpcLinkRoutes(all []res) []violation {
	var out []violation
	for _, api := range ofType(all, typeRestAPI) {
		doc, ok := documentOf(api)
		if !ok {
			continue
		}
		// The link's id reaches the document as a reference, so the body input depends on the link it routes
		// through; an explicit dependsOn names no link.
		linked := slices.ContainsFunc(ofType(all, typeVpcLink), func(l res) bool { return api.refersTo("body", l) })
		for _, op := range doc.operations {
			switch {
			case op.connectionType == "VPC_LINK" && (!linked || op.connectionID == ""):
				out = append(out, violation{api.URN, fmt.Sprintf("%s goes through VPC link %q, which is not in this stack", op.label, op.connectionID)})
			case op.connectionType != "VPC_LINK" && strings.HasPrefix(op.IntegrationURI, "http://"):
				out = append(out, violation{api.URN, fmt.Sprintf("%s sends plain HTTP to the internet", op.label)})
			}
		}
	}
	// A standalone Integration names its link in connectionId: by reference to a link of the stack, or by its id.
	for _, in := range ofType(all, typeIntegration) {
		switch {
		case in.str("connectionType") == "VPC_LINK":
			if !slices.ContainsFunc(ofType(all, typeVpcLink), func(l res) bool { return in.refersTo("connectionId", l) }) &&
				!in.unknown("connectionId") {
				out = append(out, violation{in.URN, fmt.Sprintf("integration %s goes through VPC link %q, which is not in this stack",
					in.Name, in.str("connectionId"))})
			}
		case !in.unknown("connectionType") && strings.HasPrefix(in.str("uri"), "http://"):
			out = append(out, violation{in.URN, fmt.Sprintf("integration %s sends plain HTTP to the internet", in.Name)})
		}
	}
	return out
}

// tlsListenerPolicies are the ELB policy prefixes that refuse TLS 1.0 and 1.1. CKV_AWS_103 accepts every
// ELBSecurityPolicy-TLS13* policy; this is stricter, since ELBSecurityPolicy-TLS13-1-0-2021-06 and -1-1- still
// accept TLS 1.0 and 1.1 clients.
var tlsListenerPolicies = []string{"ELBSecurityPolicy-FS-1-2", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-TLS13-1-2",
	"ELBSecurityPolicy-TLS13-1-3"}

func checkListenerTLS(r res, _ map[string]any) []string {
	if r.unknown("protocol") {
		return nil
	}
	switch p := r.str("protocol"); p {
	case "TCP", "UDP", "TCP_UDP":
		return nil
	case "HTTPS", "TLS":
		policy := r.str("sslPolicy")
		if slices.ContainsFunc(tlsListenerPolicies, func(prefix string) bool { return strings.HasPrefix(policy, prefix) }) || r.unknown("sslPolicy") {
			return nil
		}
		msg := fmt.Sprintf("listener %s: %s with policy %q, not TLS 1.2+", r.Name, p, policy)
		switch {
		case strings.HasPrefix(policy, "ELBSecurityPolicy-TLS13"):
			msg += stricterThan("CKV_AWS_103", "passes every ELBSecurityPolicy-TLS13* policy, -1-0 and -1-1 (TLS 1.0, 1.1) included; CKV_AWS_2 passes any HTTPS/TLS listener")
		case r.str("defaultActions.0.type") == "redirect" && r.str("defaultActions.0.redirect.protocol") == "HTTPS":
			msg += stricterThan("CKV_AWS_103 and CKV_AWS_2", "pass an HTTPS/TLS listener whose first action redirects to HTTPS, whatever its policy")
		default:
			msg += stricterThan("CKV_AWS_2", "passes any HTTPS/TLS listener (CKV_AWS_103 fails this policy)")
		}
		return []string{msg}
	case "HTTP":
		// CKV_AWS_2 passes HTTP only when its first default action redirects to HTTPS; a listener with no protocol
		// fails it whatever its actions.
		if r.unknown("defaultActions") || r.unknown("defaultActions.0.type") ||
			(r.str("defaultActions.0.type") == "redirect" && (r.str("defaultActions.0.redirect.protocol") == "HTTPS" ||
				r.unknown("defaultActions.0.redirect.protocol"))) {
			return nil // a first action known only after deploy is judged then
		}
		return []string{fmt.Sprintf("listener %s serves %q without TLS", r.Name, p)}
	default:
		return []string{fmt.Sprintf("listener %s serves %q without TLS", r.Name, p)}
	}
}

func checkDropHeaders(r res, _ map[string]any) []string {
	// A type known only after deploy may be network or gateway, which CKV_AWS_131 does not judge: judged once known.
	if isNLB(r) || isGatewayLB(r) || r.unknown("loadBalancerType") {
		return nil
	}
	if on, _ := r.boolean("dropInvalidHeaderFields", true); !on {
		return []string{fmt.Sprintf("load balancer %s passes invalid headers", r.Name)}
	}
	return nil
}
