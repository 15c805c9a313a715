package mockengine

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Program is one evaluation's inputs.
type Program struct {
	Project    string
	Stack      string
	Config     map[string]string
	SecretKeys []string
	// RootDirectory is what ctx.RootDirectory() answers (where Pulumi.yaml is).
	RootDirectory string
}

// Run evaluates fn on the engine as `pulumi up` would (not a preview: every value is known), with p's config.
func (e *Engine) Run(p Program, fn pulumi.RunFunc) error {
	return pulumi.RunErr(fn, pulumi.WithMocks(p.Project, p.Stack, e), func(info *pulumi.RunInfo) {
		info.Config = p.Config
		info.ConfigSecretKeys = p.SecretKeys
		info.RootDirectory = p.RootDirectory
	})
}
