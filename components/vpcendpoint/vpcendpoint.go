package vpcendpoint

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// Endpoint is an execute-api interface VPC endpoint and its security group.
type Endpoint struct {
	pulumi.ResourceState

	// VpcEndpoint and SecurityGroup are exposed for composition (e.g. more ingress rules in the caller's program).
	VpcEndpoint   *awsres.VpcEndpoint
	SecurityGroup *awsres.SecurityGroup

	// EndpointID is the vpce-… id a PRIVATE API's policy names (restapi.Args.VpcEndpointIDs).
	EndpointID      pulumi.StringOutput `pulumi:"endpointId"`
	SecurityGroupID pulumi.StringOutput `pulumi:"securityGroupId"`
	// DNSName and DNSZoneID are the endpoint's regional DNS name and its hosted zone: the alias target of a private
	// custom domain (customdomain.Args.EndpointDNS).
	DNSName   pulumi.StringOutput `pulumi:"dnsName"`
	DNSZoneID pulumi.StringOutput `pulumi:"dnsZoneId"`
}

// New creates the endpoint. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Endpoint, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("vpcendpoint %q: %w", name, err)
	}
	c := &Endpoint{}
	if err := ctx.RegisterComponentResource("secure-apigw:network:ExecuteApiEndpoint", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	v4, v6 := netcheck.SplitFamilies(args.AllowedCIDRs)
	sg, err := awsres.NewSecurityGroup(ctx, name+"-sg", pulumi.Map{
		"description": pulumi.String("execute-api endpoint " + name + ": HTTPS from the allowed sources only"),
		"vpcId":       args.VpcID,
		// No egress block: the provider removes the default allow-all egress rule, and an interface endpoint only
		// answers connections.
		"ingress": pulumi.Array{pulumi.Map{
			"description":    pulumi.String("HTTPS to the execute-api endpoint"),
			"protocol":       pulumi.String("tcp"),
			"fromPort":       pulumi.Int(HTTPSPort),
			"toPort":         pulumi.Int(HTTPSPort),
			"cidrBlocks":     pulumi.ToStringArray(v4),
			"ipv6CidrBlocks": pulumi.ToStringArray(v6),
		}},
		"tags": args.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create security group: %w", err)
	}
	endpoint, err := awsres.NewVpcEndpoint(ctx, name+"-endpoint", pulumi.Map{
		"vpcId":             args.VpcID,
		"serviceName":       pulumi.String(ServiceName(args.Region)),
		"vpcEndpointType":   pulumi.String(endpointType),
		"subnetIds":         pulumi.StringArray(args.SubnetIDs),
		"securityGroupIds":  pulumi.StringArray{sg.ID()},
		"privateDnsEnabled": pulumi.Bool(args.privateDNS()),
		"policy":            pulumi.String(EndpointPolicy()),
		"tags":              args.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create vpc endpoint: %w", err)
	}
	c.VpcEndpoint, c.SecurityGroup = endpoint, sg
	c.EndpointID = endpoint.ID().ToStringOutput()
	c.SecurityGroupID = sg.ID().ToStringOutput()
	// AWS lists the regional name first, then one name per zone.
	c.DNSName, c.DNSZoneID = awsres.DNSEntry(endpoint.DnsEntries, 0)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"endpointId":      c.EndpointID,
		"securityGroupId": c.SecurityGroupID,
		"dnsName":         c.DNSName,
		"dnsZoneId":       c.DNSZoneID,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
