package customdomain

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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
	switch {
	case a.ZoneID != "":
		b.zoneID = pulumi.String(a.ZoneID).ToStringOutput()
	case a.ZoneName != "":
		b.zoneID = route53.LookupZoneOutput(b.ctx, route53.LookupZoneOutputArgs{
			Name: pulumi.String(strings.TrimSuffix(a.ZoneName, ".")), PrivateZone: pulumi.Bool(false),
		}, b.parent).ZoneId()
	}
	certificate, err := b.certificate()
	if err != nil {
		return err
	}
	domainArgs := &apigateway.DomainNameArgs{
		DomainName:     pulumi.String(a.DomainName),
		SecurityPolicy: pulumi.String(a.securityPolicy()),
		Tags:           a.Tags,
	}
	if a.endpointType() == Edge {
		domainArgs.CertificateArn = certificate
		domainArgs.EndpointConfiguration = &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String(string(Edge))}
	} else {
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
		if m.BasePath != "" {
			mapping.BasePath = pulumi.String(m.BasePath)
		}
		if _, err := apigateway.NewBasePathMapping(b.ctx, fmt.Sprintf("%s-mapping-%d", b.name, i), mapping,
			b.parent); err != nil {
			return fmt.Errorf("create base path mapping %q: %w", m.BasePath, err)
		}
	}
	target, targetZone := domain.RegionalDomainName, domain.RegionalZoneId
	if a.endpointType() == Edge {
		target, targetZone = domain.CloudfrontDomainName, domain.CloudfrontZoneId
	}
	if a.records() {
		if err := b.aliasRecords(target, targetZone); err != nil {
			return err
		}
	}
	c.Domain = domain
	c.URL = pulumi.Sprintf("https://%s/", domain.DomainName)
	c.CertificateArn = certificate
	c.TargetDomainName = target
	return nil
}

// aliasRecords point the name at the domain over IPv4 and IPv6.
func (b *builder) aliasRecords(target, targetZone pulumi.StringOutput) error {
	for _, kind := range []string{"A", "AAAA"} {
		if _, err := route53.NewRecord(b.ctx, b.name+"-alias-"+strings.ToLower(kind), &route53.RecordArgs{
			ZoneId: b.zoneID,
			Name:   pulumi.String(b.args.DomainName),
			Type:   pulumi.String(kind),
			Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
				Name: target, ZoneId: targetZone, EvaluateTargetHealth: pulumi.Bool(false)}},
		}, b.parent); err != nil {
			return fmt.Errorf("create %s alias record: %w", kind, err)
		}
	}
	return nil
}
