package awsres

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Tokens of the route53 resource and data source this package uses.
const (
	RecordType  = "aws:route53/record:Record"
	GetZoneFunc = "aws:route53/getZone:getZone"
)

// Record is aws:route53/record:Record.
type Record struct {
	pulumi.CustomResourceState

	Fqdn pulumi.StringOutput `pulumi:"fqdn"`
	Name pulumi.StringOutput `pulumi:"name"`
}

// NewRecord registers a DNS record; props are route53.RecordArgs' properties.
func NewRecord(ctx *pulumi.Context, name string, props pulumi.Map, opts ...pulumi.ResourceOption) (*Record, error) {
	return newResource[Record](ctx, RecordType, name, props, opts)
}

// zoneResult is the part of getZone's result read here.
type zoneResult struct {
	ZoneId string `pulumi:"zoneId"`
}

type zoneResultOutput struct{ *pulumi.OutputState }

func (zoneResultOutput) ElementType() reflect.Type { return reflect.TypeFor[zoneResult]() }

func init() { pulumi.RegisterOutputType(zoneResultOutput{}) }

// LookupZoneID is the id of the hosted zone named name, public or private, as route53.LookupZoneOutput(ctx,
// route53.LookupZoneOutputArgs{Name: name, PrivateZone: private}, opts...).ZoneId() reads it: the same invoke.
func LookupZoneID(ctx *pulumi.Context, name string, private bool, opts ...pulumi.InvokeOption) pulumi.StringOutput {
	args := pulumi.Map{"name": pulumi.String(name), "privateZone": pulumi.Bool(private)}
	return ctx.InvokeOutput(GetZoneFunc, args, zoneResultOutput{}, invokeOptions(opts)).(zoneResultOutput).
		ApplyT(func(r zoneResult) string { return r.ZoneId }).(pulumi.StringOutput)
}
