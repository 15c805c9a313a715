package envkey_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/envkey"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := envkey.New(ctx, "env", &envkey.Args{DeletionWindowDays: 30})
		return err
	})
	// Output:
	// env (secure-apigw:lambda:EnvKey)
	// env-key (aws:kms/key:Key)
}
