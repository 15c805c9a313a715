package logkey_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/logkey"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := logkey.New(ctx, "logs", &logkey.Args{})
		return err
	})
	// Output:
	// logs (secure-apigw:logs:LogKey)
	// logs-key (aws:kms/key:Key)
}
