package baseline

import "slices"

// refersTo reports whether r names parent in its input key: the input's value came from parent (its property
// dependencies for that input include parent's URN), or, given as a plain value, equals one of parent's names (a
// bucket's explicit name, a domain's name). Any other dependency — an explicit dependsOn, another input — does not
// make r parent's child: a bucket policy that waits for bucket A but names bucket B configures B.
func (r res) refersTo(key string, parent res, names ...string) bool {
	if slices.Contains(r.PropertyDependencies[key], parent.URN) {
		return true
	}
	v := r.str(key)
	return v != "" && slices.Contains(names, v)
}
