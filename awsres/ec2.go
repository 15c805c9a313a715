package awsres

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Tokens of the ec2 resources and data source this package uses.
const (
	SecurityGroupType  = "aws:ec2/securityGroup:SecurityGroup"
	VpcEndpointType    = "aws:ec2/vpcEndpoint:VpcEndpoint"
	GetVpcEndpointFunc = "aws:ec2/getVpcEndpoint:getVpcEndpoint"
)

// SecurityGroup is aws:ec2/securityGroup:SecurityGroup.
type SecurityGroup struct {
	pulumi.CustomResourceState

	Arn   pulumi.StringOutput `pulumi:"arn"`
	Name  pulumi.StringOutput `pulumi:"name"`
	VpcId pulumi.StringOutput `pulumi:"vpcId"`
}

// NewSecurityGroup registers a security group; props are ec2.SecurityGroupArgs' properties. Unlike the SDK, it
// does not default description to "Managed by Pulumi": every group here says what it admits.
func NewSecurityGroup(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*SecurityGroup, error) {
	return newResource[SecurityGroup](ctx, SecurityGroupType, name, props, opts)
}

// VpcEndpoint is aws:ec2/vpcEndpoint:VpcEndpoint.
type VpcEndpoint struct {
	pulumi.CustomResourceState

	Arn pulumi.StringOutput `pulumi:"arn"`
	// DnsEntries are the endpoint's DNS names, each with dnsName and hostedZoneId: the regional name first, then
	// one per zone.
	DnsEntries pulumi.StringMapArrayOutput `pulumi:"dnsEntries"`
}

// NewVpcEndpoint registers a VPC endpoint; props are ec2.VpcEndpointArgs' properties.
func NewVpcEndpoint(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*VpcEndpoint, error) {
	return newResource[VpcEndpoint](ctx, VpcEndpointType, name, props, opts)
}

// vpcEndpointResult is the part of getVpcEndpoint's result read here.
type vpcEndpointResult struct {
	DnsEntries []map[string]string `pulumi:"dnsEntries"`
}

type vpcEndpointResultOutput struct{ *pulumi.OutputState }

func (vpcEndpointResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[vpcEndpointResult]()
}

func init() { pulumi.RegisterOutputType(vpcEndpointResultOutput{}) }

// LookupVpcEndpointDNSEntries reads an existing endpoint's DNS entries by id, as ec2.LookupVpcEndpointOutput(ctx,
// ec2.LookupVpcEndpointOutputArgs{Id: id}, opts...).DnsEntries() does: the same invoke, once id is known.
func LookupVpcEndpointDNSEntries(ctx *pulumi.Context, id pulumi.StringInput,
	opts ...pulumi.InvokeOption) pulumi.StringMapArrayOutput {
	out := ctx.InvokeOutput(GetVpcEndpointFunc, pulumi.Map{"id": id}, vpcEndpointResultOutput{}, invokeOptions(opts))
	return out.(vpcEndpointResultOutput).ApplyT(func(r vpcEndpointResult) []map[string]string {
		return r.DnsEntries
	}).(pulumi.StringMapArrayOutput)
}

// DNSEntry is entries' entry i, as its name and hosted zone ("" when there is none).
func DNSEntry(entries pulumi.StringMapArrayOutput, i int) (name, zoneID pulumi.StringOutput) {
	e := entries.Index(pulumi.Int(i))
	return e.MapIndex(pulumi.String("dnsName")), e.MapIndex(pulumi.String("hostedZoneId"))
}
