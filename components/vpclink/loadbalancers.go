package vpclink

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// buildLoadBalancers creates ALB → Lambda and NLB → ALB, in the order AWS requires: the ALB needs its listener
// before the NLB's target group may register it. The ALB serves certificate when a.tls(). It returns the NLB.
func buildLoadBalancers(ctx *pulumi.Context, name string, a *Args, certificate pulumi.StringInput,
	parent pulumi.ResourceOrInvokeOption) (*awsres.LoadBalancer, error) {
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
	alb, err := awsres.NewLoadBalancer(ctx, name+"-alb", pulumi.Map{
		"namePrefix":               pulumi.String(albNamePrefix),
		"loadBalancerType":         pulumi.String("application"),
		"internal":                 pulumi.Bool(true),
		"subnets":                  pulumi.StringArray(a.SubnetIDs),
		"securityGroups":           pulumi.StringArray{sg.ID()},
		"dropInvalidHeaderFields":  pulumi.Bool(true),
		"enableDeletionProtection": pulumi.Bool(a.Protect),
		"tags":                     nameTagged(a.Tags, name+"-alb"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB: %w", err)
	}
	fnGroup, err := awsres.NewTargetGroup(ctx, name+"-lambda-tg", pulumi.Map{
		"namePrefix": pulumi.String(lambdaGroupPrefix),
		"targetType": pulumi.String("lambda"), "tags": nameTagged(a.Tags, name+"-lambda-tg"),
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
	if _, err := awsres.NewTargetGroupAttachment(ctx, name+"-lambda-target", pulumi.Map{
		"targetGroupArn": fnGroup.Arn, "targetId": a.Backend.FunctionArn,
	}, parent, pulumi.DependsOn([]pulumi.Resource{permission})); err != nil {
		return nil, fmt.Errorf("register the backend: %w", err)
	}
	albListener := pulumi.Map{
		"loadBalancerArn": alb.Arn,
		"port":            pulumi.Int(port),
		"protocol":        pulumi.String("HTTP"),
		"defaultActions":  forwardTo(fnGroup),
		"tags":            a.Tags,
	}
	if a.tls() {
		albListener["protocol"] = pulumi.String("HTTPS")
		albListener["sslPolicy"] = pulumi.String(TLSPolicy)
		albListener["certificateArn"] = certificate
	}
	listener, err := awsres.NewListener(ctx, name+"-alb-listener", albListener, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB listener: %w", err)
	}

	nlb, err := awsres.NewLoadBalancer(ctx, name+"-nlb", pulumi.Map{
		"namePrefix":                   pulumi.String(nlbNamePrefix),
		"loadBalancerType":             pulumi.String("network"),
		"internal":                     pulumi.Bool(true),
		"subnets":                      pulumi.StringArray(a.SubnetIDs),
		"enableCrossZoneLoadBalancing": pulumi.Bool(true),
		"enableDeletionProtection":     pulumi.Bool(a.Protect),
		"tags":                         nameTagged(a.Tags, name+"-nlb"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create NLB: %w", err)
	}
	healthProtocol := strings.ToUpper(a.Scheme())
	albGroup, err := awsres.NewTargetGroup(ctx, name+"-alb-tg", pulumi.Map{
		"namePrefix": pulumi.String(albGroupNamePrefix),
		"targetType": pulumi.String("alb"), "protocol": pulumi.String("TCP"), "port": pulumi.Int(port),
		"vpcId": a.VpcID,
		"healthCheck": pulumi.Map{
			"protocol": pulumi.String(healthProtocol), "path": pulumi.String("/"), "matcher": pulumi.String(healthyCodes)},
		"tags": nameTagged(a.Tags, name+"-alb-tg"),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create ALB target group: %w", err)
	}
	if _, err := awsres.NewTargetGroupAttachment(ctx, name+"-alb-target", pulumi.Map{
		"targetGroupArn": albGroup.Arn, "targetId": alb.Arn, "port": pulumi.Int(port),
	}, parent, pulumi.DependsOn([]pulumi.Resource{listener})); err != nil {
		return nil, fmt.Errorf("register the ALB behind the NLB: %w", err)
	}
	if _, err := awsres.NewListener(ctx, name+"-nlb-listener", pulumi.Map{
		"loadBalancerArn": nlb.Arn,
		"port":            pulumi.Int(port),
		"protocol":        pulumi.String("TCP"), // an "alb" target group takes TCP only: TLS passes through to the ALB
		"defaultActions":  forwardTo(albGroup),
		"tags":            a.Tags,
	}, parent); err != nil {
		return nil, fmt.Errorf("create NLB listener: %w", err)
	}
	return nlb, nil
}

// forwardTo is a listener's one default action: forward to group.
func forwardTo(group *awsres.TargetGroup) pulumi.Array {
	return pulumi.Array{pulumi.Map{"type": pulumi.String("forward"), "targetGroupArn": group.Arn}}
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
