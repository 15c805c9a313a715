package vpclink_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := vpclink.New(ctx, "private", &vpclink.Args{
			VpcID:     pulumi.String("vpc-0a1b2c3d"),
			SubnetIDs: []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
			VpcCIDRs:  []string{"10.0.0.0/16"},
			Backend: &vpclink.LambdaBackend{
				FunctionArn:  pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:backend"),
				FunctionName: pulumi.String("backend"),
			},
			Hostname: "backend.example.com", ZoneName: "example.com",
		})
		return err
	})
	// Output:
	// private (secure-apigw:network:VpcLink)
	// private-alb (aws:lb/loadBalancer:LoadBalancer)
	// private-alb-invoke (aws:lambda/permission:Permission)
	// private-alb-listener (aws:lb/listener:Listener)
	// private-alb-sg (aws:ec2/securityGroup:SecurityGroup)
	// private-alb-target (aws:lb/targetGroupAttachment:TargetGroupAttachment)
	// private-alb-tg (aws:lb/targetGroup:TargetGroup)
	// private-certificate (aws:acm/certificate:Certificate)
	// private-certificate-validated (aws:acm/certificateValidation:CertificateValidation)
	// private-certificate-validation (aws:route53/record:Record)
	// private-lambda-target (aws:lb/targetGroupAttachment:TargetGroupAttachment)
	// private-lambda-tg (aws:lb/targetGroup:TargetGroup)
	// private-link (aws:apigateway/vpcLink:VpcLink)
	// private-nlb (aws:lb/loadBalancer:LoadBalancer)
	// private-nlb-listener (aws:lb/listener:Listener)
}
