package vpclink

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/acmcert"
)

// Link is an API Gateway VPC link and, with a backend, the private load balancers behind it.
type Link struct {
	pulumi.ResourceState

	// VpcLink is exposed for composition.
	VpcLink *apigateway.VpcLink

	// VpcLinkID is what restapi routes take as Integration.VpcLinkID.
	VpcLinkID pulumi.StringOutput `pulumi:"vpcLinkId"`
	// LoadBalancerArn is the NLB the link targets.
	LoadBalancerArn pulumi.StringOutput `pulumi:"loadBalancerArn"`
	// BaseURL is scheme://host for routes' URLs: https://Hostname with a certificate, else http:// and the NLB's name.
	BaseURL pulumi.StringOutput `pulumi:"baseUrl"`
}

// New creates the link. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Link, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("vpclink %q: %w", name, err)
	}
	c := &Link{}
	if err := ctx.RegisterComponentResource("secure-apigw:network:VpcLink", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	var nlbArn pulumi.StringOutput
	host := pulumi.String(args.Hostname).ToStringOutput()
	if args.LoadBalancerArn != nil {
		nlbArn = args.LoadBalancerArn.ToStringOutput()
	} else {
		certificate := args.CertificateArn
		if args.ZoneName != "" || args.ZoneID != "" {
			zoneID := acmcert.Zone(ctx, args.ZoneName, args.ZoneID, false, parent)
			requested, err := acmcert.Request(ctx, name, args.Hostname, zoneID, args.Tags, parent)
			if err != nil {
				return nil, fmt.Errorf("vpclink %q: %w", name, err)
			}
			certificate = requested
		}
		nlb, err := buildLoadBalancers(ctx, name, args, certificate, parent)
		if err != nil {
			return nil, fmt.Errorf("vpclink %q: %w", name, err)
		}
		nlbArn = nlb.Arn
		if args.Hostname == "" {
			host = nlb.DnsName
		}
	}
	link, err := apigateway.NewVpcLink(ctx, name+"-link", &apigateway.VpcLinkArgs{
		Name:        pulumi.String(name),
		Description: pulumi.String("Private backend of " + name),
		TargetArn:   nlbArn,
		Tags:        args.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("vpclink %q: create vpc link: %w", name, err)
	}
	c.VpcLink = link
	c.VpcLinkID = link.ID().ToStringOutput()
	c.LoadBalancerArn = nlbArn
	c.BaseURL = pulumi.Sprintf("%s://%s", args.Scheme(), host)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"vpcLinkId":       c.VpcLinkID,
		"loadBalancerArn": c.LoadBalancerArn,
		"baseUrl":         c.BaseURL,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
