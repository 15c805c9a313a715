package stacks

import (
	"fmt"
	"os"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
)

// privateRoutes are the operator routes the VPC link backend serves (IAM-authorized, no path parameters).
var privateRoutes = []string{"GET /health", "GET /admin/items"}

// Network places the stack in a VPC (`network`): for a PRIVATE API's execute-api endpoint and for the VPC link
// backend.
type Network struct {
	VpcID     string   `json:"vpcId"`
	SubnetIDs []string `json:"subnetIds"`
	// VpcCIDRs are the VPC's CIDR blocks; the private backend's ALB admits only them.
	VpcCIDRs []string `json:"vpcCidrs"`
	// ExecuteAPIEndpoint creates the interface endpoint a PRIVATE API is reached through.
	ExecuteAPIEndpoint *struct {
		AllowedCIDRs []string `json:"allowedCidrs"`
		PrivateDNS   *bool    `json:"privateDns"`
	} `json:"executeApiEndpoint"`
	// PrivateBackend sends the operator routes through a VPC link: NLB → ALB (TLS) → the backend function.
	PrivateBackend *struct {
		// Hostname is the name the ALB's certificate covers and API Gateway verifies.
		Hostname string `json:"hostname"`
		// CertificateArn is an ACM certificate for Hostname in the stack's region; or ZoneName/ZoneID, a public zone
		// holding Hostname, in which the stack requests and validates one. Without either the ALB listens on HTTP
		// inside the VPC, which the baseline fails. (The custom domain's own certificate cannot be reused: the
		// domain is mapped to the API, whose routes need the link first.)
		CertificateArn string `json:"certificateArn"`
		ZoneName       string `json:"zoneName"`
		ZoneID         string `json:"zoneId"`
	} `json:"privateBackend"`
}

// Domain is the API's custom domain (`domain`).
type Domain struct {
	Name     string `json:"name"`
	ZoneName string `json:"zoneName"`
	ZoneID   string `json:"zoneId"`
	// PrivateZoneName or PrivateZoneID is the private hosted zone that holds a PRIVATE API's domain alias.
	PrivateZoneName string `json:"privateZoneName"`
	PrivateZoneID   string `json:"privateZoneId"`
	CertificateArn  string `json:"certificateArn"`
	SecurityPolicy  string `json:"securityPolicy"`
	BasePath        string `json:"basePath"`
	MutualTLS       *struct {
		// TruststoreFile is a PEM CA bundle, relative to the project root.
		TruststoreFile string `json:"truststoreFile"`
	} `json:"mutualTls"`

	truststore string
}

// The components' field names as config keys (see renameFields). VpcID and Region are the stack's own checks.
var (
	domainFields = map[string]string{"DomainName": "name", "MutualTLS": "mutualTls", "Mappings.BasePath": "basePath",
		"TruststorePEM": "truststoreFile", "EdgeProvider": "", "Region": "", "VpcEndpointIDs": "", "EndpointDNS": ""}
	endpointFields = map[string]string{"AllowedCIDRs": "network.executeApiEndpoint.allowedCidrs",
		"PrivateDNS": "network.executeApiEndpoint.privateDns", "SubnetIDs": "network.subnetIds", "VpcID": "", "Region": ""}
	linkFields = map[string]string{"VpcCIDRs": "network.vpcCidrs", "SubnetIDs": "network.subnetIds", "VpcID": "",
		"Hostname": "network.privateBackend.hostname", "CertificateArn": "network.privateBackend.certificateArn",
		"ZoneName": "network.privateBackend.zoneName", "ZoneID": "network.privateBackend.zoneId",
		"Backend": ""}
)

// readTruststore loads domain.mutualTls.truststoreFile.
func (c *Config) readTruststore(ctx *pulumi.Context) error {
	if c.Domain == nil || c.Domain.MutualTLS == nil || c.Domain.MutualTLS.TruststoreFile == "" {
		return nil
	}
	text, err := os.ReadFile(c.path(c.Domain.MutualTLS.TruststoreFile))
	if err != nil {
		return fmt.Errorf("%s: cannot read the truststore %q (a path relative to the project root)",
			key(ctx, "domain.mutualTls.truststoreFile"), c.Domain.MutualTLS.TruststoreFile)
	}
	c.Domain.truststore = string(text)
	return nil
}

// validateNetwork checks the network and domain keys through the components' own checks.
func (c Config) validateNetwork(ctx *pulumi.Context) []error {
	var errs []error
	bad := func(path, format string, v ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key(ctx, path), fmt.Sprintf(format, v...)))
	}
	n := c.Network
	needsVPC := n != nil && (n.ExecuteAPIEndpoint != nil || n.PrivateBackend != nil)
	if needsVPC && n.VpcID == "" {
		bad("network.vpcId", "required for executeApiEndpoint and privateBackend")
	}
	if n != nil && n.ExecuteAPIEndpoint != nil {
		if c.EndpointType != string(restapi.Private) {
			bad("network.executeApiEndpoint", "only a PRIVATE API is reached through an execute-api endpoint; endpointType is %s", c.EndpointType)
		}
		errs = append(errs, renameFields(ctx, c.endpointArgs(nil).Validate(), "", endpointFields)...)
	}
	if c.EndpointType == string(restapi.Private) && len(c.VpcEndpointIDs) == 0 && (n == nil || n.ExecuteAPIEndpoint == nil) {
		bad("network.executeApiEndpoint", "a PRIVATE API needs a VPC: set network.vpcId, subnetIds and executeApiEndpoint, or list existing endpoints in vpcEndpointIds")
	}
	if n != nil && n.PrivateBackend != nil {
		if n.PrivateBackend.Hostname == "" {
			bad("network.privateBackend.hostname", "required: the name the operator routes' URLs carry (and the ALB's certificate covers)")
		}
		errs = append(errs, renameFields(ctx, c.linkArgs(nil).Validate(), "", linkFields)...)
	}
	if c.Domain != nil {
		errs = append(errs, renameFields(ctx, c.domainArgs(nil, nil, nil).Validate(), "domain.", domainFields)...)
		if c.Domain.MutualTLS != nil && c.Domain.MutualTLS.TruststoreFile == "" {
			bad("domain.mutualTls.truststoreFile", "required: the PEM bundle of CAs client certificates must chain to")
		}
	}
	return errs
}

func (c Config) endpointArgs(tags pulumi.StringMap) *vpcendpoint.Args {
	e := c.Network.ExecuteAPIEndpoint
	return &vpcendpoint.Args{Region: c.Region, VpcID: pulumi.String(c.Network.VpcID),
		SubnetIDs: pulumi.ToStringArray(c.Network.SubnetIDs), AllowedCIDRs: e.AllowedCIDRs, PrivateDNS: e.PrivateDNS,
		Tags: tags}
}

func (c Config) linkArgs(backend *vpclink.LambdaBackend) *vpclink.Args {
	if backend == nil {
		backend = &vpclink.LambdaBackend{FunctionArn: pulumi.String(""), FunctionName: pulumi.String("")}
	}
	n := c.Network
	a := &vpclink.Args{VpcID: pulumi.String(n.VpcID), SubnetIDs: pulumi.ToStringArray(n.SubnetIDs),
		VpcCIDRs: n.VpcCIDRs, Backend: backend, Hostname: n.PrivateBackend.Hostname, Protect: c.protect(),
		ZoneName: n.PrivateBackend.ZoneName, ZoneID: n.PrivateBackend.ZoneID}
	if n.PrivateBackend.CertificateArn != "" {
		a.CertificateArn = pulumi.String(n.PrivateBackend.CertificateArn)
	}
	return a
}

// domainArgs are the domain's Args; api, edge and endpoints are nil before Deploy (validation).
func (c Config) domainArgs(api *restapi.RestAPI, edge pulumi.ProviderResource, endpoints *domainEndpoints) *customdomain.Args {
	d := c.Domain
	mapping := customdomain.Mapping{BasePath: d.BasePath, RestAPIID: pulumi.String(""), StageName: pulumi.String("")}
	if api != nil {
		mapping.RestAPIID, mapping.StageName = api.RestAPIID, api.StageName
	}
	a := &customdomain.Args{DomainName: d.Name, EndpointType: customdomain.EndpointType(c.EndpointType),
		Region: c.Region, ZoneName: d.ZoneName, ZoneID: d.ZoneID, CertificateArn: d.CertificateArn,
		SecurityPolicy: d.SecurityPolicy, Mappings: []customdomain.Mapping{mapping}, Protect: c.protect(),
		EdgeProvider: edge, PrivateZoneName: d.PrivateZoneName, PrivateZoneID: d.PrivateZoneID}
	if c.EndpointType == string(restapi.Private) {
		if endpoints == nil { // validation: outputs, as the real values are, so only the stack's own checks apply
			unknown := pulumi.String("").ToStringOutput()
			endpoints = &domainEndpoints{ids: []pulumi.StringInput{unknown},
				dns: &customdomain.AliasTarget{Name: unknown, ZoneID: unknown}}
		}
		a.VpcEndpointIDs, a.EndpointDNS = endpoints.ids, endpoints.dns
	}
	if d.MutualTLS != nil {
		a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: d.truststore}
	}
	return a
}

// privateRefs are the ids of what deployEndpoint and deployLink created; nil before Deploy (validation).
type privateRefs struct {
	endpointID, linkID pulumi.StringInput
}

// apiNetworkArgs adds the created execute-api endpoint to the API's, routes the operator routes through the VPC
// link, and disables the default endpoint under mTLS.
func (c Config) apiNetworkArgs(a *restapi.Args, private privateRefs) {
	if c.Domain != nil && c.Domain.MutualTLS != nil {
		a.DisableExecuteApiEndpoint = true
	}
	if c.Network != nil && c.Network.ExecuteAPIEndpoint != nil {
		id := private.endpointID
		if id == nil {
			id = pulumi.String("").ToStringOutput() // validation: an output, as the real id is, so it is not checked
		}
		a.VpcEndpointIDs = append(a.VpcEndpointIDs, id)
	}
	if c.Network == nil || c.Network.PrivateBackend == nil || c.Network.PrivateBackend.Hostname == "" {
		return // no backend, or a missing hostname validateNetwork reports under its key
	}
	linkID := private.linkID
	if linkID == nil {
		linkID = pulumi.String("") // validation only
	}
	scheme := c.linkArgs(nil).Scheme()
	for i, r := range a.Routes {
		if slices.Contains(privateRoutes, r.Method+" "+r.Path) {
			a.Routes[i].Integration = restapi.Integration{Kind: restapi.HTTPProxy, VpcLinkID: linkID,
				URL: fmt.Sprintf("%s://%s%s", scheme, c.Network.PrivateBackend.Hostname, r.Path)}
		}
	}
}

// deployLink creates the VPC link backend in front of the backend function.
func (s *Stack) deployLink(ctx *pulumi.Context, c Config, tags pulumi.StringMap) (pulumi.StringInput, error) {
	if c.Network == nil || c.Network.PrivateBackend == nil {
		return nil, nil
	}
	args := c.linkArgs(&vpclink.LambdaBackend{FunctionArn: s.Backend.Arn, FunctionName: s.Backend.FunctionName})
	args.Tags = tags
	link, err := vpclink.New(ctx, "private-backend", args)
	if err != nil {
		return nil, err
	}
	s.Link = link
	return link.VpcLinkID, nil
}

// deployEndpoint creates the execute-api endpoint and returns its id, or nil without network.executeApiEndpoint.
func (s *Stack) deployEndpoint(ctx *pulumi.Context, c Config, tags pulumi.StringMap) (pulumi.StringInput, error) {
	if c.Network == nil || c.Network.ExecuteAPIEndpoint == nil {
		return nil, nil
	}
	ep, err := vpcendpoint.New(ctx, "execute-api-endpoint", c.endpointArgs(tags))
	if err != nil {
		return nil, err
	}
	s.Endpoint = ep
	return ep.EndpointID, nil
}

// domainEndpoints are the endpoints a PRIVATE API's domain admits (the stack's own and those in vpcEndpointIds) and
// the one its alias points at: the stack's own, else the first listed, looked up by id.
type domainEndpoints struct {
	ids []pulumi.StringInput
	dns *customdomain.AliasTarget
}

func (s *Stack) domainEndpoints(ctx *pulumi.Context, c Config) *domainEndpoints {
	if c.EndpointType != string(restapi.Private) {
		return nil
	}
	d := &domainEndpoints{ids: pulumi.ToStringArray(c.VpcEndpointIDs)}
	if s.Endpoint != nil {
		d.ids = append([]pulumi.StringInput{s.Endpoint.EndpointID}, d.ids...)
		d.dns = &customdomain.AliasTarget{Name: s.Endpoint.DNSName, ZoneID: s.Endpoint.DNSZoneID}
		return d
	}
	regional := ec2.LookupVpcEndpointOutput(ctx, ec2.LookupVpcEndpointOutputArgs{
		Id: pulumi.String(c.VpcEndpointIDs[0])}).DnsEntries().Index(pulumi.Int(0))
	d.dns = &customdomain.AliasTarget{Name: regional.DnsName(), ZoneID: regional.HostedZoneId()}
	return d
}

// deployDomain creates the custom domain for the API's stage, with a us-east-1 provider for an EDGE certificate.
func (s *Stack) deployDomain(ctx *pulumi.Context, c Config, tags pulumi.StringMap) error {
	if c.Domain == nil {
		return nil
	}
	var edge pulumi.ProviderResource
	if c.EndpointType == string(restapi.Edge) && c.Domain.CertificateArn == "" {
		p, err := aws.NewProvider(ctx, "us-east-1", &aws.ProviderArgs{Region: pulumi.String(customdomain.EdgeCertificateRegion)})
		if err != nil {
			return err
		}
		edge = p
	}
	args := c.domainArgs(s.API, edge, s.domainEndpoints(ctx, c))
	args.Tags = tags
	d, err := customdomain.New(ctx, "domain", args)
	s.Domain = d
	return err
}
