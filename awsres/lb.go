package awsres

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Tokens of the lb resources this package registers, and the elasticloadbalancingv2 ones the SDK aliases.
const (
	LoadBalancerType          = "aws:lb/loadBalancer:LoadBalancer"
	TargetGroupType           = "aws:lb/targetGroup:TargetGroup"
	ListenerType              = "aws:lb/listener:Listener"
	TargetGroupAttachmentType = "aws:lb/targetGroupAttachment:TargetGroupAttachment"

	elbv2LoadBalancerType          = "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer"
	elbv2TargetGroupType           = "aws:elasticloadbalancingv2/targetGroup:TargetGroup"
	elbv2ListenerType              = "aws:elasticloadbalancingv2/listener:Listener"
	elbv2TargetGroupAttachmentType = "aws:elasticloadbalancingv2/targetGroupAttachment:TargetGroupAttachment"
)

// LoadBalancer is aws:lb/loadBalancer:LoadBalancer.
type LoadBalancer struct {
	pulumi.CustomResourceState

	Arn     pulumi.StringOutput `pulumi:"arn"`
	DnsName pulumi.StringOutput `pulumi:"dnsName"`
	ZoneId  pulumi.StringOutput `pulumi:"zoneId"`
}

// NewLoadBalancer registers a load balancer, aliased as the SDK does; props are lb.LoadBalancerArgs' properties.
func NewLoadBalancer(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	return newResource[LoadBalancer](ctx, LoadBalancerType, name, props, append(opts, renamed(elbv2LoadBalancerType)))
}

// TargetGroup is aws:lb/targetGroup:TargetGroup.
type TargetGroup struct {
	pulumi.CustomResourceState

	Arn pulumi.StringOutput `pulumi:"arn"`
}

// NewTargetGroup registers a target group, aliased as the SDK does; props are lb.TargetGroupArgs' properties.
func NewTargetGroup(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*TargetGroup, error) {
	return newResource[TargetGroup](ctx, TargetGroupType, name, props, append(opts, renamed(elbv2TargetGroupType)))
}

// Listener is aws:lb/listener:Listener.
type Listener struct {
	pulumi.CustomResourceState

	Arn pulumi.StringOutput `pulumi:"arn"`
}

// NewListener registers a listener, aliased as the SDK does; props are lb.ListenerArgs' properties.
func NewListener(ctx *pulumi.Context, name string, props pulumi.Map, opts ...pulumi.ResourceOption) (*Listener, error) {
	return newResource[Listener](ctx, ListenerType, name, props, append(opts, renamed(elbv2ListenerType)))
}

// TargetGroupAttachment is aws:lb/targetGroupAttachment:TargetGroupAttachment.
type TargetGroupAttachment struct {
	pulumi.CustomResourceState

	TargetGroupArn pulumi.StringOutput `pulumi:"targetGroupArn"`
}

// NewTargetGroupAttachment registers a target, aliased as the SDK does; props are lb.TargetGroupAttachmentArgs'
// properties.
func NewTargetGroupAttachment(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*TargetGroupAttachment, error) {
	return newResource[TargetGroupAttachment](ctx, TargetGroupAttachmentType, name, props,
		append(opts, renamed(elbv2TargetGroupAttachmentType)))
}
