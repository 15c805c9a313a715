package waf_test

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		stage, err := apigateway.NewStage(ctx, "api-stage", &apigateway.StageArgs{
			RestApi: pulumi.String("a1b2c3"), Deployment: pulumi.String("d1"), StageName: pulumi.String("v1"),
		})
		if err != nil {
			return err
		}
		_, err = waf.New(ctx, "edge", &waf.Args{Stage: stage,
			LogKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs")})
		return err
	})
	// Output:
	// api-stage (aws:apigateway/stage:Stage)
	// edge (secure-apigw:waf:WebAcl)
	// edge-acl (aws:wafv2/webAcl:WebAcl)
	// edge-association (aws:wafv2/webAclAssociation:WebAclAssociation)
	// edge-logging (aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration)
	// edge-logs (aws:cloudwatch/logGroup:LogGroup)
}
