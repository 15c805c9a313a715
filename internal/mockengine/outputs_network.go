package mockengine

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// regionOf is the region a resource is created in: its explicit provider's region input, else the engine's.
func (e *Engine) regionOf(r *Resource) string {
	if r.Provider == "" {
		return e.Region
	}
	urn := r.Provider[:strings.LastIndex(r.Provider, "::")]
	for _, p := range e.resources {
		if p.URN == urn {
			if region := p.Str("region"); region != "" {
				return region
			}
		}
	}
	return e.Region
}

// networkOutputs answers the computed attributes of the certificate, domain, DNS, bucket and network types.
func (e *Engine) networkOutputs(r *Resource, out resource.PropertyMap, set, invent func(k, v string)) {
	region, acct := e.regionOf(r), e.AccountID
	switch r.Type {
	case "aws:acm/certificate:Certificate":
		invent("arn", fmt.Sprintf("arn:aws:acm:%s:%s:certificate/%s", region, acct, e.hash(32, r.URN)))
		name := r.Str("domainName")
		token, value := "_"+e.hash(32, r.URN, "name"), "_"+e.hash(32, r.URN, "value")
		// ACM's random labels are made up: a plan shows them as the attribute they come from.
		e.synthetic[token] = fmt.Sprintf("${%s.domainValidationOptions[0].token}", r.Name)
		e.synthetic[value] = fmt.Sprintf("${%s.domainValidationOptions[0].value}", r.Name)
		out["domainValidationOptions"] = resource.NewProperty([]resource.PropertyValue{
			resource.NewProperty(resource.NewPropertyMapFromMap(map[string]any{
				"domainName":          name,
				"resourceRecordName":  token + "." + name + ".",
				"resourceRecordType":  "CNAME",
				"resourceRecordValue": value + ".acm-validations.aws.",
			})),
		})
	case "aws:acm/certificateValidation:CertificateValidation":
		set("arn", r.Str("certificateArn"))
	case "aws:apigateway/domainName:DomainName":
		id := e.hash(10, r.URN, "id")
		if r.Str("endpointConfiguration.types") == "PRIVATE" {
			// A private domain's ARN carries the account and its id: the name alone is not unique.
			invent("arn", fmt.Sprintf("arn:aws:apigateway:%s:%s:/domainnames/%s+%s", region, acct, r.Str("domainName"), id))
			invent("domainNameId", id)
		} else {
			invent("arn", fmt.Sprintf("arn:aws:apigateway:%s::/domainnames/%s", region, r.Str("domainName")))
		}
		invent("regionalDomainName", fmt.Sprintf("d-%s.execute-api.%s.amazonaws.com", e.hash(10, r.URN), region))
		invent("regionalZoneId", "ZAPIGATEWAY"+strings.ToUpper(e.hash(6, region)))
		invent("cloudfrontDomainName", fmt.Sprintf("d%s.cloudfront.net", e.hash(13, r.URN)))
		set("cloudfrontZoneId", "Z2FDTNDATAQYW2") // CloudFront's one hosted zone
	case "aws:route53/record:Record":
		set("fqdn", strings.TrimSuffix(r.Str("name"), "."))
	case "aws:s3/bucketV2:BucketV2":
		invent("bucket", r.ID)
		set("arn", "arn:aws:s3:::"+r.ID)
		invent("bucketRegionalDomainName", fmt.Sprintf("%s.s3.%s.amazonaws.com", r.ID, region))
	case "aws:s3/bucketObjectv2:BucketObjectv2":
		invent("versionId", e.hash(32, r.URN, "version"))
		invent("etag", e.hash(32, r.URN, "etag"))
	case "aws:ec2/vpcEndpoint:VpcEndpoint":
		invent("arn", fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-endpoint/%s", region, acct, r.ID))
		out["dnsEntries"] = resource.NewProperty([]resource.PropertyValue{
			resource.NewProperty(resource.NewPropertyMapFromMap(e.vpceDNSEntry(r.ID, region))),
		})
	case "aws:ec2/securityGroup:SecurityGroup":
		invent("arn", fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", region, acct, r.ID))
	case "aws:lb/loadBalancer:LoadBalancer":
		kind := "net"
		if r.Str("loadBalancerType") == "application" {
			kind = "app"
		}
		name := e.physicalName(r)
		invent("name", name)
		invent("arn", fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s/%s/%s", region, acct, kind,
			name, e.hash(16, r.URN)))
		invent("dnsName", fmt.Sprintf("internal-%s-%s.%s.elb.amazonaws.com", name, e.hash(10, r.URN), region))
	case "aws:lb/targetGroup:TargetGroup":
		name := e.physicalName(r)
		invent("name", name)
		invent("arn", fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s", region, acct, name,
			e.hash(16, r.URN)))
	case "aws:lb/listener:Listener":
		invent("arn", fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:listener/%s", region, acct, e.hash(16, r.URN)))
	}
}

// zoneAnswer answers route53's getZone for a public or private zone looked up by name or id.
func (e *Engine) zoneAnswer(args resource.PropertyMap) resource.PropertyMap {
	name := strings.TrimSuffix(lookupString(args, "name"), ".")
	id := lookupString(args, "zoneId")
	private := false
	if v, ok := Lookup(args, "privateZone"); ok && v.IsBool() {
		private = v.BoolValue()
	}
	if id == "" {
		kind := "zone"
		if private {
			kind = "private zone"
		}
		id = "Z" + strings.ToUpper(e.hash(12, kind, name))
		e.mu.Lock()
		e.synthetic[id] = fmt.Sprintf("${%s %s.zoneId}", kind, name)
		e.mu.Unlock()
	}
	if name == "" {
		name = "zone-" + strings.ToLower(id) + ".example"
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"zoneId": id, "id": id, "name": name + ".", "privateZone": private, "arn": "arn:aws:route53:::hostedzone/" + id,
	})
}

// vpcEndpointAnswer answers ec2's getVpcEndpoint for an existing execute-api endpoint looked up by id: its regional
// DNS entry, shaped as AWS names it, with the made-up label shown symbolically in a plan.
func (e *Engine) vpcEndpointAnswer(args resource.PropertyMap) resource.PropertyMap {
	id := lookupString(args, "id")
	e.mu.Lock()
	entry := e.vpceDNSEntry(id, e.Region)
	e.mu.Unlock()
	return resource.NewPropertyMapFromMap(map[string]any{
		"id": id, "vpcEndpointType": "Interface", "serviceName": fmt.Sprintf("com.amazonaws.%s.execute-api", e.Region),
		"arn":        fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-endpoint/%s", e.Region, e.AccountID, id),
		"dnsEntries": []any{entry},
	})
}

// vpceDNSEntry is an interface endpoint's regional DNS entry, shaped as AWS names it; its made-up label is shown
// symbolically in a plan. The caller holds e.mu (NewResource does while it answers outputs).
func (e *Engine) vpceDNSEntry(id, region string) map[string]any {
	label := e.hash(8, "vpce", id)
	e.synthetic[label] = fmt.Sprintf("${vpc endpoint %s.dnsLabel}", id)
	return map[string]any{
		"dnsName":      fmt.Sprintf("%s-%s.execute-api.%s.vpce.amazonaws.com", id, label, region),
		"hostedZoneId": "ZVPCE" + strings.ToUpper(e.hash(8, region)),
	}
}

// lookupString is the string at path, or "".
func lookupString(m resource.PropertyMap, path string) string {
	if v, ok := Lookup(m, path); ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}
