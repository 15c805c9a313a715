package baseline

import "slices"

// How a child is tied to its parent, for every rule that joins resources. A child names its parent through an input
// (a bucket policy's bucket, a MethodSettings' restApi and stageName, a WAF association's resourceArn), never through
// "any dependency": a resource that merely DependsOn a stage, or takes some other output of it, configures nothing of
// that stage. So an input matches when both values are known and equal (the resolved values `pulumi up` analyzes),
// or, when one is known only after deploy, when it is an output of the parent (or both inputs are outputs of the same
// resource).

// inputFrom reports whether r's input key is (built from) an output of the resource urn.
func (r res) inputFrom(key, urn string) bool {
	return slices.Contains(r.PropertyDependencies[key], urn)
}

// sameInput reports whether input a of x and input b of y name the same thing.
func sameInput(x res, a string, y res, b string) bool {
	xv, yv := x.str(a), y.str(b)
	if xv != "" && yv != "" {
		return xv == yv
	}
	if !x.set(a) || !y.set(b) {
		return false
	}
	return x.inputFrom(a, y.URN) || y.inputFrom(b, x.URN) || fromSameOutputs(x, a, y, b)
}

// fromSameOutputs reports whether x's input a and y's input b are both built from one resource's outputs.
func fromSameOutputs(x res, a string, y res, b string) bool {
	return slices.ContainsFunc(x.PropertyDependencies[a], func(d string) bool { return y.inputFrom(b, d) })
}

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
	return r.inputFrom(input, parentURN)
}

// refersTo reports whether r names parent in its input key: the input's value came from parent (its property
// dependencies for that input include parent's URN), or, given as a plain value, equals one of parent's names (a
// bucket's explicit name, a domain's name). Any other dependency — an explicit dependsOn, another input — does not
// make r parent's child: a bucket policy that waits for bucket A but names bucket B configures B.
func (r res) refersTo(key string, parent res, names ...string) bool {
	if r.inputFrom(key, parent.URN) {
		return true
	}
	v := r.str(key)
	return v != "" && slices.Contains(names, v)
}
