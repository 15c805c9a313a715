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

// Record is a recorded resource in serializable form: the plan's JSON resources (schema version 1) and the canonical
// form two evaluations are compared in.
type Record struct {
	URN                  string              `json:"urn"`
	Type                 string              `json:"type"`
	Name                 string              `json:"name"`
	Parent               string              `json:"parent,omitempty"`
	Custom               bool                `json:"custom"`
	Inputs               map[string]any      `json:"inputs"`
	Dependencies         []string            `json:"dependencies"`
	PropertyDependencies map[string][]string `json:"propertyDependencies,omitempty"`
	Options              RecordOptions       `json:"options"`
}

// RecordOptions are the resource options that change a resource's lifecycle.
type RecordOptions struct {
	Protect                 bool     `json:"protect"`
	RetainOnDelete          bool     `json:"retainOnDelete"`
	DeleteBeforeReplace     bool     `json:"deleteBeforeReplace"`
	AdditionalSecretOutputs []string `json:"additionalSecretOutputs,omitempty"`
}

// Records returns the recording in URN order, each resource's inputs rendered by inputs (PlainMap, or DescribeMap
// for values shown symbolically).
func (e *Engine) Records(inputs func(resource.PropertyMap) map[string]any) []Record {
	rs := e.Resources()
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
	out := make([]Record, 0, len(rs))
	for _, r := range rs {
		deps := r.Dependencies
		if deps == nil {
			deps = []string{}
		}
		out = append(out, Record{
			URN: r.URN, Type: r.Type, Name: r.Name, Parent: r.Parent, Custom: r.Custom, Inputs: inputs(r.Inputs),
			Dependencies: deps, PropertyDependencies: r.PropertyDependencies,
			Options: RecordOptions{Protect: r.Protect, RetainOnDelete: r.RetainOnDelete,
				DeleteBeforeReplace: r.DeleteBeforeReplace, AdditionalSecretOutputs: r.AdditionalSecretOutputs},
		})
	}
	return out
}

// CanonicalJSON serializes Records with plain inputs, so two evaluations of the same program can be compared byte
// for byte.
func (e *Engine) CanonicalJSON() ([]byte, error) {
	return json.MarshalIndent(e.Records(PlainMap), "", "  ")
}
