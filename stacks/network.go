package stacks

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
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
		"Backend": "", "Routes": ""}
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

// validateNetwork checks the network and domain keys the SecuredAPI's own checks cannot name.
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
	if c.Domain != nil && c.Domain.MutualTLS != nil && c.Domain.MutualTLS.TruststoreFile == "" {
		bad("domain.mutualTls.truststoreFile", "required: the PEM bundle of CAs client certificates must chain to")
	}
	return errs
}

func (c Config) endpointArgs() *vpcendpoint.Args {
	e := c.Network.ExecuteAPIEndpoint
	return &vpcendpoint.Args{Region: c.Region, VpcID: pulumi.String(c.Network.VpcID),
		SubnetIDs: pulumi.ToStringArray(c.Network.SubnetIDs), AllowedCIDRs: e.AllowedCIDRs, PrivateDNS: e.PrivateDNS}
}

// linkArgs are the VPC link's Args; its backend is the SecuredAPI's backend function.
func (c Config) linkArgs() *vpclink.Args {
	n := c.Network
	a := &vpclink.Args{VpcID: pulumi.String(n.VpcID), SubnetIDs: pulumi.ToStringArray(n.SubnetIDs),
		VpcCIDRs: n.VpcCIDRs, Hostname: n.PrivateBackend.Hostname, Protect: c.protect(),
		ZoneName: n.PrivateBackend.ZoneName, ZoneID: n.PrivateBackend.ZoneID}
	if n.PrivateBackend.CertificateArn != "" {
		a.CertificateArn = pulumi.String(n.PrivateBackend.CertificateArn)
	}
	return a
}

// domainArgs are the domain's Args; the SecuredAPI maps its stage at BasePath and, for a PRIVATE API, admits its
// endpoints. edge is nil while validating.
func (c Config) domainArgs(edge pulumi.ProviderResource) *customdomain.Args {
	d := c.Domain
	a := &customdomain.Args{DomainName: d.Name, EndpointType: customdomain.EndpointType(c.EndpointType),
		Region: c.Region, ZoneName: d.ZoneName, ZoneID: d.ZoneID, CertificateArn: d.CertificateArn,
		SecurityPolicy: d.SecurityPolicy, Mappings: []customdomain.Mapping{{BasePath: d.BasePath}},
		Protect: c.protect(), EdgeProvider: edge, PrivateZoneName: d.PrivateZoneName, PrivateZoneID: d.PrivateZoneID}
	if d.MutualTLS != nil {
		a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: d.truststore}
	}
	return a
}

// networkArgs switches on the execute-api endpoint, the VPC link (serving the operator routes) and the domain.
func (c Config) networkArgs(a *securedapi.Args, edge pulumi.ProviderResource) {
	if n := c.Network; n != nil && n.ExecuteAPIEndpoint != nil {
		a.ExecuteAPIEndpoint = c.endpointArgs()
	}
	if n := c.Network; n != nil && n.PrivateBackend != nil {
		a.VpcLink = &securedapi.VpcLink{Args: *c.linkArgs(), Routes: privateRoutes}
	}
	if c.Domain != nil {
		a.Domain = c.domainArgs(edge)
	}
}

// edgeProvider is the us-east-1 provider an EDGE domain's certificate is requested through, or nil.
func (c Config) edgeProvider(ctx *pulumi.Context) (pulumi.ProviderResource, error) {
	if c.Domain == nil || c.EndpointType != string(restapi.Edge) || c.Domain.CertificateArn != "" {
		return nil, nil
	}
	return aws.NewProvider(ctx, "us-east-1", &aws.ProviderArgs{Region: pulumi.String(customdomain.EdgeCertificateRegion)})
}
