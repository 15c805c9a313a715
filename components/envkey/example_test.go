package envkey_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/envkey"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := envkey.New(ctx, "env", &envkey.Args{DeletionWindowDays: 30})
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range e.Inventory() {
		fmt.Println(line)
	}
	// Output:
	// env (secure-apigw:lambda:EnvKey)
	// env-key (aws:kms/key:Key)
}
