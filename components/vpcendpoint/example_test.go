package vpcendpoint_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := vpcendpoint.New(ctx, "callers", &vpcendpoint.Args{
			Region:       "us-east-1",
			VpcID:        pulumi.String("vpc-0a1b2c3d"),
			SubnetIDs:    []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
			AllowedCIDRs: []string{"10.0.0.0/16"},
		})
		return err
	})
	// Output:
	// callers (secure-apigw:network:ExecuteApiEndpoint)
	// callers-endpoint (aws:ec2/vpcEndpoint:VpcEndpoint)
	// callers-sg (aws:ec2/securityGroup:SecurityGroup)
}
