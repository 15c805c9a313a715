package mockengine

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// AnalyzerResources returns the recording as the policy engine sees a stack: each resource's inputs as properties,
// with its options, parent, dependencies and property dependencies — what `pulumi preview --policy-pack` hands a
// policy pack. Secrets stay marked secret.
func (e *Engine) AnalyzerResources() []policyx.AnalyzerResource {
	rs := e.Resources()
	out := make([]policyx.AnalyzerResource, 0, len(rs))
	for _, r := range rs {
		out = append(out, policyx.AnalyzerResource{
			Type:       r.Type,
			Properties: resource.FromResourcePropertyMap(r.Inputs),
			URN:        r.URN,
			Name:       r.Name,
			Options: pulumi.ResourceOptions{
				Protect:                 r.Protect,
				RetainOnDelete:          r.RetainOnDelete,
				DeleteBeforeReplace:     r.DeleteBeforeReplace,
				AdditionalSecretOutputs: r.AdditionalSecretOutputs,
				IgnoreChanges:           r.IgnoreChanges,
				ReplaceOnChanges:        r.ReplaceOnChanges,
			},
			Parent:               r.Parent,
			Dependencies:         r.Dependencies,
			PropertyDependencies: r.PropertyDependencies,
		})
	}
	return out
}
