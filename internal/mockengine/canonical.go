package mockengine

import (
	"encoding/json"
	"path/filepath"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Redacted stands in for every secret value: recordings are printed and diffed, secrets must never be.
const Redacted = "[secret]"

// Unknown stands in for a value only known after deployment.
const Unknown = "(known after deploy)"

// Plain converts a property value to plain Go data for printing or comparing: secrets become Redacted, unknowns
// Unknown, archives and assets their path or text digest.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Redacted
	case v.IsComputed():
		return Unknown
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret {
			return Redacted
		}
		if !o.Known {
			return Unknown
		}
		return Plain(o.Element)
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			out = append(out, Plain(e))
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsArchive():
		// The file name only: the directory is machine-specific (a build cache); content identity is carried by the
		// resource's own hash input (e.g. a Lambda's sourceCodeHash).
		return map[string]any{"archive": filepath.Base(v.ArchiveValue().Path)}
	case v.IsAsset():
		return map[string]any{"asset": filepath.Base(v.AssetValue().Path)}
	case v.IsResourceReference():
		return map[string]any{"resource": string(v.ResourceReferenceValue().URN)}
	}
	return v.String()
}

// PlainMap converts a property map with Plain.
func PlainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = Plain(v)
	}
	return out
}

// CanonicalJSON serializes the recording in URN order — type, name, parent, inputs, dependencies and options — so two
// evaluations of the same program can be compared byte for byte.
func (e *Engine) CanonicalJSON() ([]byte, error) {
	type entry struct {
		URN                  string              `json:"urn"`
		Type                 string              `json:"type"`
		Name                 string              `json:"name"`
		Parent               string              `json:"parent,omitempty"`
		Inputs               map[string]any      `json:"inputs"`
		Dependencies         []string            `json:"dependencies,omitempty"`
		PropertyDependencies map[string][]string `json:"propertyDependencies,omitempty"`
		Protect              bool                `json:"protect,omitempty"`
		RetainOnDelete       bool                `json:"retainOnDelete,omitempty"`
		DeleteBeforeReplace  bool                `json:"deleteBeforeReplace,omitempty"`
		AdditionalSecrets    []string            `json:"additionalSecretOutputs,omitempty"`
	}
	rs := e.Resources()
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
	out := make([]entry, 0, len(rs))
	for _, r := range rs {
		out = append(out, entry{
			URN: r.URN, Type: r.Type, Name: r.Name, Parent: r.Parent, Inputs: PlainMap(r.Inputs),
			Dependencies: r.Dependencies, PropertyDependencies: r.PropertyDependencies, Protect: r.Protect,
			RetainOnDelete: r.RetainOnDelete, DeleteBeforeReplace: r.DeleteBeforeReplace,
			AdditionalSecrets: r.AdditionalSecretOutputs,
		})
	}
	return json.MarshalIndent(out, "", "  ")
}
