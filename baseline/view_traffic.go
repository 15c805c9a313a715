package baseline

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// documentText is the JSON text of the document at path: the string there, or an object (or list) given in place
// of JSON text — IAM policy inputs accept both — written out as JSON. Values only known after deploy inside such an
// object are written as "(known after deploy)", a string with no wildcard: the benefit of the doubt every unknown
// gets in a preview. ok is false when path holds neither.
func (r res) documentText(path string) (text string, ok bool) {
	v, present := r.get(path)
	switch {
	case !present:
		return "", false
	case v.IsString():
		return v.AsString(), true
	case !v.IsMap() && !v.IsArray():
		return "", false
	}
	b, err := json.Marshal(plain(v))
	if err != nil {
		return "", false
	}
	return string(b), true
}

// plain turns a property value into the Go value encoding/json writes.
func plain(v property.Value) any {
	switch {
	case v.IsMap():
		out := map[string]any{}
		for k, x := range v.AsMap().All {
			out[k] = plain(x)
		}
		return out
	case v.IsArray():
		out := []any{}
		for _, x := range v.AsArray().All {
			out = append(out, plain(x))
		}
		return out
	case v.IsString():
		return v.AsString()
	case v.IsNumber():
		return v.AsNumber()
	case v.IsBool():
		return v.AsBool()
	case v.IsComputed():
		return "(known after deploy)"
	}
	return nil
}
