package baseline

import "slices"

// inputNames reports whether r's input names the resource parentURN. When the input's value is known and match can
// decide on it, the value decides; otherwise the input's own property dependencies do. Neither an explicit
// dependsOn nor a dependency through another input ties a child to a parent: an association whose resourceArn
// names another stage, with dependsOn on ours, protects the other stage, not ours.
func (r res) inputNames(input, parentURN string, match func(value string) (matched, decided bool)) bool {
	if v := r.str(input); v != "" && match != nil {
		if matched, decided := match(v); decided {
			return matched
		}
	}
	return r.inputDependsOn(input, parentURN)
}

// inputDependsOn reports whether the value of r's input is computed from the resource urn.
func (r res) inputDependsOn(input, urn string) bool {
	return slices.Contains(r.PropertyDependencies[input], urn)
}
