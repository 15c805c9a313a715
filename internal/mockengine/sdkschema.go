package mockengine

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// sdkSchema, when set, checks the inputs of a resource registered through package awsres (or an invoke's
// arguments) against the pulumi-aws SDK's own Args types, which awsres does not import. It is set only under the
// sdk build tag (sdkschema_sdk.go), so `go test -tags sdk ./...` (`make sdk-test`) runs every stack, component and
// example test with each such input checked, at every depth, while `make test` compiles none of those SDK
// packages.
var sdkSchema func(token string, props resource.PropertyMap) error

func checkSDKSchema(token string, props resource.PropertyMap) error {
	if sdkSchema == nil {
		return nil
	}
	return sdkSchema(token, props)
}
