package baseline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

const (
	typeDomainName     = "aws:apigateway/domainName:DomainName"
	typeBasePath       = "aws:apigateway/basePathMapping:BasePathMapping"
	typeVpcLink        = "aws:apigateway/vpcLink:VpcLink"
	typeSecurityGroup  = "aws:ec2/securityGroup:SecurityGroup"
	typeSGIngressRule  = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeSGRule         = "aws:ec2/securityGroupRule:SecurityGroupRule"
	typeBucket         = "aws:s3/bucketV2:BucketV2"
	typePublicAccess   = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeVersioning     = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	typeBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	typeOwnership      = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeLoadBalancer   = "aws:lb/loadBalancer:LoadBalancer"
	typeListener       = "aws:lb/listener:Listener"
	publicAccessFields = "blockPublicAcls blockPublicPolicy ignorePublicAcls restrictPublicBuckets"
)

// modernDomainPolicies are the security policies checkov's APIGatewayDomainNameTLS.py accepts.
var modernDomainPolicies = []string{"TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
	"SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
	"SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_Ext2_PQ_2025_09",
	"SecurityPolicy_TLS13_1_2_Ext2_FIPS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_PQ_2025_09",
	"SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_2025_EDGE"}

func networkRules() []Rule {
	return []Rule{
		{
			Slug: "domain-tls-policy",
			// checkov APIGatewayDomainNameTLS.py: security_policy one of TLS_1_2 and the TLS 1.3 enhanced policies;
			// absent fails.
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
			checkResource: checkPrivateSourceVpce,
		},
		{
			Slug:        "mtls-default-endpoint-disabled",
			Description: "An API mapped to a mutual-TLS custom domain has its default execute-api endpoint disabled, so clients cannot bypass the certificate check.",
			Fix:         "set restapi.Args.DisableExecuteApiEndpoint (the stack does when gateway.domain.mutualTls is set)",
			Types:       []string{typeDomainName},
			applies: func(all []res) bool {
				return slices.ContainsFunc(ofType(all, typeDomainName), func(d res) bool { return d.set("mutualTlsAuthentication.truststoreUri") })
			},
			checkStack: checkMTLSEndpoint,
		},
		{
			Slug: "s3-public-access",
			// checkov S3BlockPublicACLs/Policy, S3IgnorePublicACLs, S3RestrictPublicBuckets: each field true on every
			// public access block; cdk-nag S2 and Security Hub S3.8: every bucket has one with all four true.
			IDs:         []string{"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "cdk-nag S2", "Security Hub S3.8"},
			Description: "Every S3 bucket has a public access block with all four settings on.",
			Fix:         "add a BucketPublicAccessBlock with every setting true (components/customdomain does)",
			Types:       []string{typeBucket, typePublicAccess},
			checkStack:  checkPublicAccess,
		},
		{
			Slug: "s3-versioning",
			// checkov S3BucketVersioning.yaml: a versioning resource on the bucket with status Enabled; absent fails.
			IDs:         []string{"CKV_AWS_21"},
			Description: "Every S3 bucket has versioning Enabled.",
			Fix:         "add a BucketVersioningV2 with status Enabled",
			Types:       []string{typeBucket},
			checkStack:  bucketHas(typeVersioning, "has no versioning Enabled", func(v res) bool { return v.str("versioningConfiguration.status") == "Enabled" }),
		},
		{
			Slug: "s3-tls-only",
			// cdk-nag S3BucketSSLRequestsOnly.ts, Security Hub S3.5: a bucket policy statement denying s3:* (or *) to
			// every principal when aws:SecureTransport is false.
			IDs:         []string{"cdk-nag S10", "Security Hub S3.5"},
			Description: "Every S3 bucket's policy denies requests that do not use TLS.",
			Fix:         "add a Deny s3:* statement with Bool aws:SecureTransport false (components/customdomain does)",
			Types:       []string{typeBucket},
			checkStack:  bucketHas(typeBucketPolicy, "has no policy denying plain-HTTP requests", deniesInsecureTransport),
		},
		{
			Slug: "s3-acls-disabled",
			// checkov AWSdisableS3ACL.yaml: evaluated on ownership controls only — object_ownership BucketOwnerEnforced.
			IDs:           []string{"CKV2_AWS_65"},
			Description:   "Every S3 ownership control is BucketOwnerEnforced (ACLs disabled).",
			Fix:           "set rule.objectOwnership BucketOwnerEnforced",
			Types:         []string{typeOwnership},
			checkResource: checkOwnership,
		},
		{
			Slug: "sg-no-open-ingress",
			// cdk-nag EC2RestrictedInbound.ts: no ingress CIDR (v4 or v6) containing "/0", on any port.
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
			Types:       []string{typeRestAPI},
			checkStack:  checkVpcLinkRoutes,
		},
		{
			Slug: "lb-listener-tls",
			// checkov ALBListenerHTTPS.py (CKV_AWS_2): HTTPS, TLS, TCP, UDP or TCP_UDP, or HTTP redirecting to HTTPS;
			// AppLoadBalancerTLS12.yaml (CKV_AWS_103): TCP/UDP, or HTTPS/TLS with an ELBSecurityPolicy-FS-1-2,
			// -TLS-1-2 or -TLS13 policy, or a redirect to HTTPS. Not ELB.18, which fails the NLB's TCP pass-through.
			IDs:           []string{"CKV_AWS_2", "CKV_AWS_103"},
			Description:   "Every load balancer listener encrypts (HTTPS/TLS with a TLS 1.2+ policy) or passes TCP through.",
			Fix:           "give the backend a certificate (config: gateway.network.privateBackend.certificateArn)",
			Types:         []string{typeListener},
			checkResource: checkListenerTLS,
		},
		{
			Slug: "alb-drop-invalid-headers",
			// checkov ALBDropHttpHeaders.py: network LBs are not judged; others need drop_invalid_header_fields true.
			IDs:           []string{"CKV_AWS_131", "Security Hub ELB.4"},
			Description:   "Every Application Load Balancer drops invalid HTTP headers.",
			Fix:           "set dropInvalidHeaderFields (components/vpclink does)",
			Types:         []string{typeLoadBalancer},
			applies:       func(all []res) bool { return slices.ContainsFunc(ofType(all, typeLoadBalancer), isALB) },
			checkResource: checkDropHeaders,
		},
		{
			Slug: "lb-deletion-protection",
			// checkov LBDeletionProtection.py: enable_deletion_protection true on every aws_lb; absent fails.
			IDs:         []string{"CKV_AWS_150"},
			Description: "Every load balancer has deletion protection on.",
			Fix:         "set enableDeletionProtection (vpclink.Args.Protect; config: protectStatefulResources)",
			Types:       []string{typeLoadBalancer},
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
		return []string{fmt.Sprintf("domain %s has security policy %q; allowed: TLS_1_2 or a TLS 1.3 policy", r.Name, p)}
	}
	return nil
}

func isPrivate(r res) bool { return r.str("endpointConfiguration.types") == "PRIVATE" }

func isALB(r res) bool {
	return r.str("loadBalancerType") != "network" && r.str("loadBalancerType") != "gateway"
}

// policyStatements are the statements of a resource policy: a REST API's (from its document or its policy input), a
// domain's or a bucket's policy input; Statement may be one object or a list.
func policyStatements(api res) []map[string]any {
	var doc map[string]any
	_ = json.Unmarshal([]byte(api.str("body")), &doc)
	policy, _ := doc["x-amazon-apigateway-policy"].(map[string]any)
	if p := api.str("policy"); policy == nil && p != "" {
		_ = json.Unmarshal([]byte(p), &policy)
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

// checkPrivateSourceVpce judges a PRIVATE API's policy (in its OpenAPI body or policy input) or a private domain's
// policy input; a policy not known until apply is judged then.
func checkPrivateSourceVpce(r res, _ map[string]any) []string {
	if !isPrivate(r) || r.unknown("body") || r.unknown("policy") {
		return nil
	}
	kind := "API"
	if r.Type == typeDomainName {
		kind = "domain"
	}
	var denies bool
	var problems []string
	for _, s := range policyStatements(r) {
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

func checkMTLSEndpoint(all []res) []violation {
	var out []violation
	for _, d := range ofType(all, typeDomainName) {
		if !d.set("mutualTlsAuthentication.truststoreUri") {
			continue
		}
		for _, m := range ofType(all, typeBasePath) {
			if !m.dependsOn(d.URN) && m.str("domainName") != d.str("domainName") {
				continue
			}
			for _, api := range ofType(all, typeRestAPI) {
				if !m.dependsOn(api.URN) {
					continue
				}
				if off, _ := api.boolean("disableExecuteApiEndpoint", true); !off {
					out = append(out, violation{api.URN, fmt.Sprintf("API %s is behind mutual-TLS domain %s but its "+
						"default execute-api endpoint is on", api.Name, d.Name)})
				}
			}
		}
	}
	return out
}

// forBucket are the configuration resources of type typ that refer to bucket.
func forBucket(all []res, bucket res, typ string) []res {
	var out []res
	for _, r := range ofType(all, typ) {
		if r.dependsOn(bucket.URN) {
			out = append(out, r)
		}
	}
	return out
}

func bucketHas(typ, problem string, ok func(res) bool) func(all []res) []violation {
	return func(all []res) []violation {
		var out []violation
		for _, b := range ofType(all, typeBucket) {
			if !slices.ContainsFunc(forBucket(all, b, typ), ok) {
				out = append(out, violation{b.URN, fmt.Sprintf("bucket %s %s", b.Name, problem)})
			}
		}
		return out
	}
}

func allPublicAccessBlocked(p res) bool {
	for _, f := range strings.Fields(publicAccessFields) {
		if on, _ := p.boolean(f, true); !on {
			return false
		}
	}
	return true
}

func checkPublicAccess(all []res) []violation {
	out := bucketHas(typePublicAccess, "has no public access block with all four settings on", allPublicAccessBlocked)(all)
	for _, p := range ofType(all, typePublicAccess) {
		if !allPublicAccessBlocked(p) {
			out = append(out, violation{p.URN, fmt.Sprintf("public access block %s leaves a setting off", p.Name)})
		}
	}
	return out
}

func deniesInsecureTransport(p res) bool {
	if p.unknown("policy") {
		return true
	}
	for _, s := range policyStatements(p) {
		c, _ := s["Condition"].(map[string]any)
		b, _ := c["Bool"].(map[string]any)
		principal := anyStrings(s["Principal"])
		if m, ok := s["Principal"].(map[string]any); ok {
			principal = anyStrings(m["AWS"])
		}
		actions := anyStrings(s["Action"])
		if s["Effect"] == "Deny" && slices.Contains(principal, "*") &&
			(slices.Contains(actions, "s3:*") || slices.Contains(actions, "*")) &&
			fmt.Sprint(b["aws:SecureTransport"]) == "false" {
			return true
		}
	}
	return false
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

func checkOwnership(r res, _ map[string]any) []string {
	if r.str("rule.objectOwnership") != "BucketOwnerEnforced" && !r.unknown("rule.objectOwnership") {
		return []string{fmt.Sprintf("ownership controls %s keep ACLs (%q)", r.Name, r.str("rule.objectOwnership"))}
	}
	return nil
}

func checkOpenIngress(all []res) []violation {
	var out []violation
	open := func(r res, paths ...string) {
		for _, p := range paths {
			for _, c := range r.strs(p) {
				if strings.HasSuffix(c, "/0") {
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
		// The link's id reaches the document as a reference, so the API depends on the link it routes through.
		linked := slices.ContainsFunc(ofType(all, typeVpcLink), func(l res) bool { return api.dependsOn(l.URN) })
		for _, op := range doc.operations {
			switch {
			case op.connectionType == "VPC_LINK" && (!linked || op.connectionID == ""):
				out = append(out, violation{api.URN, fmt.Sprintf("%s goes through VPC link %q, which is not in this stack", op.label, op.connectionID)})
			case op.connectionType != "VPC_LINK" && strings.HasPrefix(op.IntegrationURI, "http://"):
				out = append(out, violation{api.URN, fmt.Sprintf("%s sends plain HTTP to the internet", op.label)})
			}
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
	switch p := r.str("protocol"); p {
	case "TCP", "UDP", "TCP_UDP":
		return nil
	case "HTTPS", "TLS":
		policy := r.str("sslPolicy")
		if slices.ContainsFunc(tlsListenerPolicies, func(prefix string) bool { return strings.HasPrefix(policy, prefix) }) || r.unknown("sslPolicy") {
			return nil
		}
		return []string{fmt.Sprintf("listener %s: %s with policy %q, not TLS 1.2+", r.Name, p, policy)}
	default:
		if r.str("defaultActions.0.type") == "redirect" && r.str("defaultActions.0.redirect.protocol") == "HTTPS" {
			return nil
		}
		return []string{fmt.Sprintf("listener %s serves %q without TLS", r.Name, p)}
	}
}

func checkDropHeaders(r res, _ map[string]any) []string {
	if !isALB(r) {
		return nil
	}
	if on, _ := r.boolean("dropInvalidHeaderFields", true); !on {
		return []string{fmt.Sprintf("ALB %s passes invalid headers", r.Name)}
	}
	return nil
}
