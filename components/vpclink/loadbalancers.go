package vpclink

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// buildLoadBalancers creates ALB → Lambda and NLB → ALB, in the order AWS requires: the ALB needs its listener
// before the NLB's target group may register it. The ALB serves certificate when a.tls(). It returns the NLB.
func buildLoadBalancers(ctx *pulumi.Context, name string, a *Args, certificate pulumi.StringInput,
	parent pulumi.ResourceOrInvokeOption) (*lb.LoadBalancer, error) {
	port := a.port()
	v4, v6 := netcheck.SplitFamilies(a.VpcCIDRs)
	sg, err := awsres.NewSecurityGroup(ctx, name+"-alb-sg", pulumi.Map{
		"description": pulumi.String("Private backend ALB of " + name + ": listener port from the VPC only"),
		"vpcId":       a.VpcID,
		"ingress": pulumi.Array{pulumi.Map{
			"description": pulumi.String("Listener port from the NLB inside the VPC"),
			"protocol":    pulumi.String("tcp"), "fromPort": pulumi.Int(port), "toPort": pulumi.Int(port),
			"cidrBlocks": pulumi.ToStringArray(v4), "ipv6CidrBlocks": pulumi.ToStringArray(v6),
		}},
		"tags": a.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB security group: %w", err)
	}
	alb, err := lb.NewLoadBalancer(ctx, name+"-alb", &lb.LoadBalancerArgs{
		NamePrefix:               pulumi.String(albNamePrefix),
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(true),
		Subnets:                  pulumi.StringArray(a.SubnetIDs),
		SecurityGroups:           pulumi.StringArray{sg.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(a.Protect),
		Tags:                     nameTagged(a.Tags, name+"-alb"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB: %w", err)
	}
	fnGroup, err := lb.NewTargetGroup(ctx, name+"-lambda-tg", &lb.TargetGroupArgs{
		NamePrefix: pulumi.String(lambdaGroupPrefix),
		TargetType: pulumi.String("lambda"), Tags: nameTagged(a.Tags, name+"-lambda-tg"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create Lambda target group: %w", err)
	}
	permission, err := lambda.NewPermission(ctx, name+"-alb-invoke", &lambda.PermissionArgs{
		Action:    pulumi.String("lambda:InvokeFunction"),
		Function:  a.Backend.FunctionName,
		Principal: pulumi.String("elasticloadbalancing.amazonaws.com"),
		SourceArn: fnGroup.Arn,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("allow the ALB to invoke the backend: %w", err)
	}
	if _, err := lb.NewTargetGroupAttachment(ctx, name+"-lambda-target", &lb.TargetGroupAttachmentArgs{
		TargetGroupArn: fnGroup.Arn, TargetId: a.Backend.FunctionArn,
	}, parent, pulumi.DependsOn([]pulumi.Resource{permission})); err != nil {
		return nil, fmt.Errorf("register the backend: %w", err)
	}
	albListener := &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(port),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{
			Type: pulumi.String("forward"), TargetGroupArn: fnGroup.Arn}},
		Tags: a.Tags,
	}
	if a.tls() {
		albListener.Protocol = pulumi.String("HTTPS")
		albListener.SslPolicy = pulumi.String(TLSPolicy)
		albListener.CertificateArn = certificate
	}
	listener, err := lb.NewListener(ctx, name+"-alb-listener", albListener, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB listener: %w", err)
	}

	nlb, err := lb.NewLoadBalancer(ctx, name+"-nlb", &lb.LoadBalancerArgs{
		NamePrefix:                   pulumi.String(nlbNamePrefix),
		LoadBalancerType:             pulumi.String("network"),
		Internal:                     pulumi.Bool(true),
		Subnets:                      pulumi.StringArray(a.SubnetIDs),
		EnableCrossZoneLoadBalancing: pulumi.Bool(true),
		EnableDeletionProtection:     pulumi.Bool(a.Protect),
		Tags:                         nameTagged(a.Tags, name+"-nlb"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create NLB: %w", err)
	}
	healthProtocol := strings.ToUpper(a.Scheme())
	albGroup, err := lb.NewTargetGroup(ctx, name+"-alb-tg", &lb.TargetGroupArgs{
		NamePrefix: pulumi.String(albGroupNamePrefix),
		TargetType: pulumi.String("alb"), Protocol: pulumi.String("TCP"), Port: pulumi.Int(port), VpcId: a.VpcID,
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Protocol: pulumi.String(healthProtocol), Path: pulumi.String("/"), Matcher: pulumi.String(healthyCodes)},
		Tags: nameTagged(a.Tags, name+"-alb-tg"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB target group: %w", err)
	}
	if _, err := lb.NewTargetGroupAttachment(ctx, name+"-alb-target", &lb.TargetGroupAttachmentArgs{
		TargetGroupArn: albGroup.Arn, TargetId: alb.Arn, Port: pulumi.Int(port),
	}, parent, pulumi.DependsOn([]pulumi.Resource{listener})); err != nil {
		return nil, fmt.Errorf("register the ALB behind the NLB: %w", err)
	}
	if _, err := lb.NewListener(ctx, name+"-nlb-listener", &lb.ListenerArgs{
		LoadBalancerArn: nlb.Arn,
		Port:            pulumi.Int(port),
		Protocol:        pulumi.String("TCP"), // an "alb" target group takes TCP only: TLS passes through to the ALB
		DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{
			Type: pulumi.String("forward"), TargetGroupArn: albGroup.Arn}},
		Tags: a.Tags,
	}, parent); err != nil {
		return nil, fmt.Errorf("create NLB listener: %w", err)
	}
	return nlb, nil
}

// nameTagged is tags plus a Name tag: the console lists load balancers and target groups by it, since their AWS
// names are a prefix and a generated suffix. A Name the caller set is kept.
func nameTagged(tags pulumi.StringMap, name string) pulumi.StringMap {
	out := pulumi.StringMap{"Name": pulumi.String(name)}
	for k, v := range tags {
		out[k] = v
	}
	return out
}
