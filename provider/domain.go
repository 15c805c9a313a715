package provider

import (
	"errors"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
)

// CustomDomainArgs are a custom domain's inputs: the CustomDomain resource's, and SecuredApi's domain block (which
// maps its own stage and fills in the endpoint type and a PRIVATE API's endpoints).
type CustomDomainArgs struct {
	DomainName      string               `pulumi:"domainName"`
	EndpointType    string               `pulumi:"endpointType,optional"`
	Region          string               `pulumi:"region"`
	ZoneName        string               `pulumi:"zoneName,optional"`
	ZoneID          string               `pulumi:"zoneId,optional"`
	CertificateArn  string               `pulumi:"certificateArn,optional"`
	SecurityPolicy  string               `pulumi:"securityPolicy,optional"`
	Mappings        []Mapping            `pulumi:"mappings,optional"`
	Records         *bool                `pulumi:"records,optional"`
	VpcEndpointIDs  []pulumi.StringInput `pulumi:"vpcEndpointIds,optional"`
	PrivateZoneName string               `pulumi:"privateZoneName,optional"`
	PrivateZoneID   string               `pulumi:"privateZoneId,optional"`
	EndpointDNS     *AliasTarget         `pulumi:"endpointDns,optional"`
	MutualTLS       *MutualTLS           `pulumi:"mutualTls,optional"`
	Protect         bool                 `pulumi:"protect,optional"`
	Tags            map[string]string    `pulumi:"tags,optional"`
}

// Annotate documents CustomDomainArgs in the schema.
func (in *CustomDomainArgs) Annotate(an infer.Annotator) {
	an.Describe(&in.DomainName, `The fully qualified name clients call, e.g. "api.example.com" (lower case, no `+
		"wildcard, no trailing dot).")
	an.Describe(&in.EndpointType, "REGIONAL, EDGE or PRIVATE. Defaults to REGIONAL (a SecuredApi's to its API's). "+
		"An EDGE domain without certificateArn gets its certificate through an AWS provider for us-east-1 that "+
		"the resource creates (credentials from the environment, as the default provider's).")
	an.Describe(&in.Region, `The region of the stack's AWS provider (aws:region), e.g. "eu-west-1".`)
	an.Describe(&in.ZoneName, `The public Route53 hosted zone holding the domain ("example.com"): the `+
		"certificate's validation record and the alias records. One of zoneName or zoneId unless certificateArn "+
		"is given (and records is false).")
	an.Describe(&in.ZoneID, "The hosted zone's id (Z…), instead of zoneName.")
	an.Describe(&in.CertificateArn, "An existing ACM certificate for domainName, in region (REGIONAL) or us-east-1 "+
		"(EDGE). Defaults to a certificate requested and validated by DNS in the zone.")
	an.Describe(&in.SecurityPolicy, "The TLS policy. Defaults to TLS_1_2 (TLS 1.2 and 1.3), the only one accepted.")
	an.Describe(&in.Mappings, "Base paths of the domain routed to API stages. Required on a CustomDomain; a "+
		"SecuredApi maps its stage at the root when none is given.")
	an.Describe(&in.Records, "Creates alias A and AAAA records for domainName (PRIVATE: an A record in the private "+
		"zone). Defaults to true.")
	an.Describe(&in.VpcEndpointIDs, "The execute-api endpoints that may call a PRIVATE domain. Required for PRIVATE "+
		"(a SecuredApi fills in its API's).")
	an.Describe(&in.PrivateZoneName, "The private hosted zone holding a PRIVATE domain's alias record.")
	an.Describe(&in.PrivateZoneID, "The private hosted zone's id, instead of privateZoneName.")
	an.Describe(&in.EndpointDNS, "The interface endpoint's DNS name and zone a PRIVATE domain's alias points at "+
		"(a SecuredApi fills in its executeApiEndpoint's).")
	an.Describe(&in.MutualTLS, "Clients must present a certificate signed by a CA in the truststore. REGIONAL only.")
	an.Describe(&in.Protect, "Protects the truststore bucket from deletion and retains it on destroy.")
	an.Describe(&in.Tags, "Tags applied to every taggable child.")
}

// Mapping exposes one API stage under a base path of the domain.
type Mapping struct {
	BasePath  string             `pulumi:"basePath,optional"`
	RestAPIID pulumi.StringInput `pulumi:"restApiId,optional"`
	StageName pulumi.StringInput `pulumi:"stageName,optional"`
}

// Annotate documents Mapping in the schema.
func (m *Mapping) Annotate(an infer.Annotator) {
	an.Describe(&m.BasePath, `The first path segment ("orders"), or "" for the domain's root. Defaults to "".`)
	an.Describe(&m.RestAPIID, "The API's id (a RestApi's restApiId). Required on a CustomDomain; a SecuredApi's "+
		"defaults to its own.")
	an.Describe(&m.StageName, "The stage to expose (a RestApi's stageName). Required with restApiId.")
}

// AliasTarget is a DNS name and the hosted zone it lives in.
type AliasTarget struct {
	Name   pulumi.StringInput `pulumi:"name"`
	ZoneID pulumi.StringInput `pulumi:"zoneId"`
}

// Annotate documents AliasTarget in the schema.
func (t *AliasTarget) Annotate(an infer.Annotator) {
	an.Describe(&t.Name, "The endpoint's regional DNS name.")
	an.Describe(&t.ZoneID, "The hosted zone of that name.")
}

// MutualTLS is client-certificate authentication on the domain.
type MutualTLS struct {
	TruststorePEM string             `pulumi:"truststorePem"`
	KmsKeyArn     pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// Annotate documents MutualTLS in the schema.
func (m *MutualTLS) Annotate(an infer.Annotator) {
	an.Describe(&m.TruststorePEM, "The PEM bundle of CA certificates client certificates must chain to.")
	an.Describe(&m.KmsKeyArn, "Encrypts the truststore bucket (the deployer needs kms:Decrypt on it). Defaults to "+
		"SSE-S3.")
}

func (in CustomDomainArgs) domainArgs() *customdomain.Args {
	a := &customdomain.Args{DomainName: in.DomainName, EndpointType: customdomain.EndpointType(in.EndpointType),
		Region: in.Region, ZoneName: in.ZoneName, ZoneID: in.ZoneID, CertificateArn: in.CertificateArn,
		SecurityPolicy: in.SecurityPolicy, Records: in.Records, VpcEndpointIDs: in.VpcEndpointIDs,
		PrivateZoneName: in.PrivateZoneName, PrivateZoneID: in.PrivateZoneID, Protect: in.Protect, Tags: tags(in.Tags)}
	for _, m := range in.Mappings {
		a.Mappings = append(a.Mappings, customdomain.Mapping{BasePath: m.BasePath, RestAPIID: m.RestAPIID,
			StageName: m.StageName})
	}
	if t := in.EndpointDNS; t != nil {
		a.EndpointDNS = &customdomain.AliasTarget{Name: t.Name, ZoneID: t.ZoneID}
	}
	if m := in.MutualTLS; m != nil {
		a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: m.TruststorePEM, KmsKeyArn: m.KmsKeyArn}
	}
	return a
}

// withoutEdgeProvider is err without its complaint about the missing EdgeProvider, which edgeProvider supplies.
func withoutEdgeProvider(prefix string, err error) error {
	if err == nil {
		return nil
	}
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	var kept []error
	for _, e := range leaves {
		if !strings.HasPrefix(e.Error(), prefix+"EdgeProvider:") {
			kept = append(kept, e)
		}
	}
	return errors.Join(kept...)
}

// edgeProvider gives an EDGE domain that requests its own certificate the us-east-1 provider it needs: a program
// in another language cannot hand a Go provider resource across, so the provider makes it, as stacks/ does.
func edgeProvider(ctx *pulumi.Context, name string, d *customdomain.Args, edge bool,
	opts pulumi.ResourceOption) error {
	if !edge || d.CertificateArn != "" {
		return nil
	}
	p, err := aws.NewProvider(ctx, name+"-us-east-1",
		&aws.ProviderArgs{Region: pulumi.String(customdomain.EdgeCertificateRegion)}, opts)
	if err != nil {
		return err
	}
	d.EdgeProvider = p
	return nil
}
