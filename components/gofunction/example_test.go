package gofunction_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		// SourceDir is a main package in a Go module; it is cross-built for linux/arm64 and zipped.
		_, err := gofunction.New(ctx, "hello", &gofunction.Args{SourceDir: "../../examples/minimal/hello",
			LogKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs")})
		return err
	})
	// Output:
	// hello (secure-apigw:lambda:GoFunction)
	// hello-function (aws:lambda/function:Function)
	// hello-logs (aws:cloudwatch/logGroup:LogGroup)
	// hello-role (aws:iam/role:Role)
	// hello-role-policy (aws:iam/rolePolicy:RolePolicy)
}
