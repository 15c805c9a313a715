package awsres

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Version is the pulumi-aws release whose provider these resources ask for, as the SDK's constructors do; a test
// holds it equal to the version go.mod requires.
const Version = "6.83.4"

// newResource registers a custom resource of type token as pulumi-aws's constructor would: the package version
// first, so the caller's options (a pinned provider, a Version of its own) still win. Unset (nil) properties are
// dropped by the SDK's marshalling, at every depth, exactly as an Args struct's nil fields are.
func newResource[T any, PT interface {
	*T
	pulumi.CustomResource
}](ctx *pulumi.Context, token, name string, props pulumi.Map, opts []pulumi.ResourceOption) (PT, error) {
	if props == nil {
		props = pulumi.Map{}
	}
	r := PT(new(T))
	all := append([]pulumi.ResourceOption{pulumi.Version(Version)}, opts...)
	if err := ctx.RegisterResource(token, name, props, r, all...); err != nil {
		return nil, err
	}
	return r, nil
}

// renamed is the option pulumi-aws's constructor adds to a type it renamed, so state written under the old type
// still matches.
func renamed(oldToken string) pulumi.ResourceOption {
	return pulumi.Aliases([]pulumi.Alias{{Type: pulumi.String(oldToken)}})
}

// invokeOptions are an invoke's options as pulumi-aws's functions set them: the package version first.
func invokeOptions(opts []pulumi.InvokeOption) pulumi.InvokeOutputOptions {
	return pulumi.InvokeOutputOptions{InvokeOptions: append([]pulumi.InvokeOption{pulumi.Version(Version)}, opts...)}
}
