package baseline

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// res is a read-only view over an analyzed resource's properties. Values unknown during a preview count as "set":
// an id or ARN that is only known after deploy is still present, and a rule must not fail a preview for it.
type res struct{ policyx.AnalyzerResource }

// get walks a dotted path through maps and arrays ("settings.loggingLevel", "types.0"). It is strict: a path under a
// value known only after deploy is absent here (unknown and boolean look through such a parent), so a loop that walks
// a list until get fails ends on an unknown list.
func (r res) get(path string) (property.Value, bool) {
	cur := property.New(r.Properties)
	for _, part := range strings.Split(path, ".") {
		switch {
		case cur.IsMap():
			v, ok := cur.AsMap().GetOk(part)
			if !ok || v.IsNull() {
				return property.Value{}, false
			}
			cur = v
		case cur.IsArray():
			arr := cur.AsArray()
			i := 0
			for _, c := range part {
				if c < '0' || c > '9' {
					return property.Value{}, false
				}
				i = i*10 + int(c-'0')
			}
			if i >= arr.Len() {
				return property.Value{}, false
			}
			cur = arr.Get(i)
		default:
			return property.Value{}, false
		}
	}
	return cur, true
}

// unknown reports whether the value at path is only known after deploy: it, or a value it lies under (a whole
// passwordPolicy or userPoolAddOns taken from another resource's output holds unknown fields). get stays strict, so
// a loop that walks a list until get fails still ends on an unknown list.
func (r res) unknown(path string) bool {
	parts := strings.Split(path, ".")
	for i := range parts {
		if v, ok := r.get(strings.Join(parts[:i+1], ".")); ok && v.IsComputed() {
			return true
		}
	}
	return false
}

// str is the string at path ("" when absent, not a string, or unknown).
func (r res) str(path string) string {
	v, ok := r.get(path)
	if ok && v.IsString() {
		return v.AsString()
	}
	return ""
}

// strs is the string at path, or the strings of the list there.
func (r res) strs(path string) []string {
	v, ok := r.get(path)
	if !ok {
		return nil
	}
	if v.IsString() {
		return []string{v.AsString()}
	}
	var out []string
	if v.IsArray() {
		for _, x := range v.AsArray().All {
			if x.IsString() {
				out = append(out, x.AsString())
			}
		}
	}
	return out
}

// set reports whether path holds a non-empty string, or a value known only after deploy.
func (r res) set(path string) bool { return r.str(path) != "" || r.unknown(path) }

// boolean returns the bool at path; unknown counts as want (benefit of the doubt in a preview).
func (r res) boolean(path string, whenUnknown bool) (value, present bool) {
	if r.unknown(path) {
		return whenUnknown, true
	}
	v, ok := r.get(path)
	switch {
	case !ok:
		return false, false
	case v.IsBool():
		return v.AsBool(), true
	}
	return false, false
}

// number returns the number at path and whether it is present and known.
func (r res) number(path string) (float64, bool) {
	v, ok := r.get(path)
	if ok && v.IsNumber() {
		return v.AsNumber(), true
	}
	return 0, false
}
