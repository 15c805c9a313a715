package awsres

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Tokens of the wafv2 resources this package registers.
const (
	WebAclType                     = "aws:wafv2/webAcl:WebAcl"
	WebAclAssociationType          = "aws:wafv2/webAclAssociation:WebAclAssociation"
	WebAclLoggingConfigurationType = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	IpSetType                      = "aws:wafv2/ipSet:IpSet"
)

// WebAcl is aws:wafv2/webAcl:WebAcl.
type WebAcl struct {
	pulumi.CustomResourceState

	Arn      pulumi.StringOutput `pulumi:"arn"`
	Name     pulumi.StringOutput `pulumi:"name"`
	Capacity pulumi.IntOutput    `pulumi:"capacity"`
}

// NewWebAcl registers a web ACL; props are wafv2.WebAclArgs' properties.
func NewWebAcl(ctx *pulumi.Context, name string, props pulumi.Map, opts ...pulumi.ResourceOption) (*WebAcl, error) {
	return newResource[WebAcl](ctx, WebAclType, name, props, opts)
}

// WebAclAssociation is aws:wafv2/webAclAssociation:WebAclAssociation.
type WebAclAssociation struct {
	pulumi.CustomResourceState

	ResourceArn pulumi.StringOutput `pulumi:"resourceArn"`
	WebAclArn   pulumi.StringOutput `pulumi:"webAclArn"`
}

// NewWebAclAssociation associates a web ACL with a resource; props are wafv2.WebAclAssociationArgs' properties.
func NewWebAclAssociation(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*WebAclAssociation, error) {
	return newResource[WebAclAssociation](ctx, WebAclAssociationType, name, props, opts)
}

// WebAclLoggingConfiguration is aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration.
type WebAclLoggingConfiguration struct {
	pulumi.CustomResourceState

	ResourceArn pulumi.StringOutput `pulumi:"resourceArn"`
}

// NewWebAclLoggingConfiguration sends a web ACL's logs somewhere; props are wafv2.WebAclLoggingConfigurationArgs'
// properties.
func NewWebAclLoggingConfiguration(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*WebAclLoggingConfiguration, error) {
	return newResource[WebAclLoggingConfiguration](ctx, WebAclLoggingConfigurationType, name, props, opts)
}

// IpSet is aws:wafv2/ipSet:IpSet.
type IpSet struct {
	pulumi.CustomResourceState

	Arn  pulumi.StringOutput `pulumi:"arn"`
	Name pulumi.StringOutput `pulumi:"name"`
}

// NewIpSet registers an IP set; props are wafv2.IpSetArgs' properties.
func NewIpSet(ctx *pulumi.Context, name string, props pulumi.Map, opts ...pulumi.ResourceOption) (*IpSet, error) {
	return newResource[IpSet](ctx, IpSetType, name, props, opts)
}
