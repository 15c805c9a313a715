package apiaccount_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		// One stack per region owns the setting; the role is created unless RoleArn names one.
		_, err := apiaccount.New(ctx, "apigw", &apiaccount.Args{})
		return err
	})
	// Output:
	// apigw (secure-apigw:apigateway:Account)
	// apigw-cloudwatch-policy (aws:iam/rolePolicyAttachment:RolePolicyAttachment)
	// apigw-cloudwatch-role (aws:iam/role:Role)
	// apigw-settings (aws:apigateway/account:Account)
}
