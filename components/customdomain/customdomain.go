package customdomain

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/acmcert"
	"github.com/secure-apigw/secure-apigw/components/internal/sourcevpce"
)

// Domain is an API Gateway custom domain with its certificate, mappings and records.
type Domain struct {
	pulumi.ResourceState

	// Domain is exposed for composition (e.g. more mappings in the caller's program).
	Domain *apigateway.DomainName

	// URL is https://<DomainName>/.
	URL pulumi.StringOutput `pulumi:"url"`
	// CertificateArn is the certificate the domain serves (validated before the domain is created).
	CertificateArn pulumi.StringOutput `pulumi:"certificateArn"`
	// TargetDomainName is the regional (or CloudFront) name the alias records point to.
	TargetDomainName pulumi.StringOutput `pulumi:"targetDomainName"`
	// TruststoreURI is s3://bucket/truststore.pem with mutual TLS, else "".
	TruststoreURI pulumi.StringOutput `pulumi:"truststoreUri"`
}

// builder carries what New's steps share.
type builder struct {
	ctx    *pulumi.Context
	name   string
	args   Args
	parent pulumi.ResourceOrInvokeOption
	zoneID pulumi.StringOutput
}

// New creates the domain. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Domain, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("customdomain %q: %w", name, err)
	}
	c := &Domain{}
	if err := ctx.RegisterComponentResource("secure-apigw:apigateway:CustomDomain", name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, args: *args, parent: pulumi.Parent(c)}
	if err := b.build(c); err != nil {
		return nil, fmt.Errorf("customdomain %q: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"url":              c.URL,
		"certificateArn":   c.CertificateArn,
		"targetDomainName": c.TargetDomainName,
		"truststoreUri":    c.TruststoreURI,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (b *builder) build(c *Domain) error {
	a := b.args
	b.zoneID = acmcert.Zone(b.ctx, a.ZoneName, a.ZoneID, false, b.parent)
	certificate, err := b.certificate()
	if err != nil {
		return err
	}
	domainArgs := &apigateway.DomainNameArgs{
		DomainName:     pulumi.String(a.DomainName),
		SecurityPolicy: pulumi.String(a.securityPolicy()),
		Tags:           a.Tags,
	}
	switch a.endpointType() {
	case Edge:
		domainArgs.CertificateArn = certificate
		domainArgs.EndpointConfiguration = &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String(string(Edge))}
	case Private:
		// A private domain serves certificateArn (not the regional field) and carries its own resource policy.
		domainArgs.CertificateArn = certificate
		domainArgs.EndpointConfiguration = &apigateway.DomainNameEndpointConfigurationArgs{
			Types: pulumi.String(string(Private))}
		domainArgs.Policy = sourcevpce.PolicyOutput(sourcevpce.DomainResource, a.VpcEndpointIDs)
	default:
		domainArgs.RegionalCertificateArn = certificate
		domainArgs.EndpointConfiguration = &apigateway.DomainNameEndpointConfigurationArgs{
			Types: pulumi.String(string(Regional)), IpAddressType: pulumi.String(dualStack)}
	}
	c.TruststoreURI = pulumi.String("").ToStringOutput()
	if a.MutualTLS != nil {
		uri, version, err := b.truststore()
		if err != nil {
			return err
		}
		domainArgs.MutualTlsAuthentication = &apigateway.DomainNameMutualTlsAuthenticationArgs{
			TruststoreUri: uri, TruststoreVersion: version}
		c.TruststoreURI = uri
	}
	domain, err := apigateway.NewDomainName(b.ctx, b.name+"-domain", domainArgs, b.parent)
	if err != nil {
		return fmt.Errorf("create domain name: %w", err)
	}
	for i, m := range a.Mappings {
		mapping := &apigateway.BasePathMappingArgs{
			DomainName: domain.DomainName, RestApi: m.RestAPIID, StageName: m.StageName}
		if a.endpointType() == Private {
			// Private domain names are unique only with their id (another account may own the same name).
			mapping.DomainNameId = domain.DomainNameId
		}
		if m.BasePath != "" {
			mapping.BasePath = pulumi.String(m.BasePath)
		}
		if _, err := apigateway.NewBasePathMapping(b.ctx, fmt.Sprintf("%s-mapping-%d", b.name, i), mapping,
			b.parent); err != nil {
			return fmt.Errorf("create base path mapping %q: %w", m.BasePath, err)
		}
	}
	target, err := b.route(domain)
	if err != nil {
		return err
	}
	c.Domain = domain
	c.URL = pulumi.Sprintf("https://%s/", domain.DomainName)
	c.CertificateArn = certificate
	c.TargetDomainName = target
	return nil
}

// route points the name at the domain: for REGIONAL and EDGE, A and AAAA aliases in the public zone to the domain's
// own target; for PRIVATE, the endpoints' access associations and an A alias in the private zone to the endpoint.
// It returns the alias target's name ("" for PRIVATE without EndpointDNS).
func (b *builder) route(domain *apigateway.DomainName) (pulumi.StringOutput, error) {
	a := b.args
	switch a.endpointType() {
	case Private:
		for i, id := range a.VpcEndpointIDs {
			if _, err := apigateway.NewDomainNameAccessAssociation(b.ctx, fmt.Sprintf("%s-access-%d", b.name, i),
				&apigateway.DomainNameAccessAssociationArgs{
					DomainNameArn: domain.Arn, AccessAssociationSource: id,
					AccessAssociationSourceType: pulumi.String(accessSourceVPCE), Tags: a.Tags,
				}, b.parent); err != nil {
				return pulumi.StringOutput{}, fmt.Errorf("create access association %d: %w", i, err)
			}
		}
		if a.EndpointDNS == nil {
			return pulumi.String("").ToStringOutput(), nil
		}
		target := a.EndpointDNS.Name.ToStringOutput()
		if a.records() {
			zone := acmcert.Zone(b.ctx, a.PrivateZoneName, a.PrivateZoneID, true, b.parent)
			if err := b.alias("A", zone, target, a.EndpointDNS.ZoneID.ToStringOutput()); err != nil {
				return pulumi.StringOutput{}, err
			}
		}
		return target, nil
	case Edge:
		return b.aliases(domain.CloudfrontDomainName, domain.CloudfrontZoneId)
	default:
		return b.aliases(domain.RegionalDomainName, domain.RegionalZoneId)
	}
}

// aliases point the name at the domain over IPv4 and IPv6 in the public zone.
func (b *builder) aliases(target, targetZone pulumi.StringOutput) (pulumi.StringOutput, error) {
	if !b.args.records() {
		return target, nil
	}
	for _, kind := range []string{"A", "AAAA"} {
		if err := b.alias(kind, b.zoneID, target, targetZone); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	return target, nil
}

func (b *builder) alias(kind string, zone, target, targetZone pulumi.StringOutput) error {
	if _, err := awsres.NewRecord(b.ctx, b.name+"-alias-"+strings.ToLower(kind), pulumi.Map{
		"zoneId": zone,
		"name":   pulumi.String(b.args.DomainName),
		"type":   pulumi.String(kind),
		"aliases": pulumi.Array{pulumi.Map{
			"name": target, "zoneId": targetZone, "evaluateTargetHealth": pulumi.Bool(false)}},
	}, b.parent); err != nil {
		return fmt.Errorf("create %s alias record: %w", kind, err)
	}
	return nil
}
