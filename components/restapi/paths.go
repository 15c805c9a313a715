package restapi

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

var placeholderPattern = regexp.MustCompile(`\{([^{}]+)\}`)

// checkPath accepts "/" and "/seg/…" where each segment is a literal, {param} or a final {proxy+}.
func checkPath(p string) error {
	if p == "/" {
		return nil
	}
	if !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
		return fmt.Errorf("%q must start with '/' and not end with one", p)
	}
	segs := strings.Split(p[1:], "/")
	for i, s := range segs {
		switch {
		case s == "":
			return fmt.Errorf("%q has an empty segment", p)
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "+}"):
			if i != len(segs)-1 {
				return fmt.Errorf("%q: greedy segment %s must be the last one", p, s)
			}
			if !paramNamePattern.MatchString(s[1 : len(s)-2]) {
				return fmt.Errorf("%q: %s is not a valid parameter", p, s)
			}
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
			if !paramNamePattern.MatchString(s[1 : len(s)-1]) {
				return fmt.Errorf("%q: %s is not a valid parameter", p, s)
			}
		case !literalPattern.MatchString(s) || strings.ContainsAny(s, "{}"):
			return fmt.Errorf("%q: segment %q has characters a path does not allow", p, s)
		}
	}
	return nil
}

// checkTree refuses trees API Gateway would refuse at deploy time: two different parameters under one parent
// ("A sibling ({id}) of this resource already has a variable path part"), and resource slugs that would collide.
func checkTree(paths []string) error {
	var errs []error
	paramChild := map[string]string{}
	slugs := map[string]string{}
	for _, pre := range resourcePaths(paths) {
		parent, seg := splitLast(pre)
		if strings.HasPrefix(seg, "{") {
			if other, ok := paramChild[parent]; ok && other != seg {
				errs = append(errs, fmt.Errorf("%s and %s are sibling parameters under %q; API Gateway allows one",
					other, seg, parent))
			}
			paramChild[parent] = seg
		}
		s := slug(pre)
		if other, ok := slugs[s]; ok && other != pre {
			errs = append(errs, fmt.Errorf("paths %q and %q name the same resource %q; rename one", other, pre, s))
		}
		slugs[s] = pre
	}
	return errors.Join(errs...)
}

// resourcePaths returns every path prefix that needs an API Gateway Resource (all but the root), parents first.
func resourcePaths(paths []string) []string {
	set := map[string]bool{}
	for _, p := range paths {
		if p == "/" {
			continue
		}
		segs := strings.Split(p[1:], "/")
		for i := range segs {
			set["/"+strings.Join(segs[:i+1], "/")] = true
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		di, dj := strings.Count(out[i], "/"), strings.Count(out[j], "/")
		if di != dj {
			return di < dj
		}
		return out[i] < out[j]
	})
	return out
}

func splitLast(p string) (parent, seg string) {
	i := strings.LastIndex(p, "/")
	parent = p[:i]
	if parent == "" {
		parent = "/"
	}
	return parent, p[i+1:]
}

// slug turns a path into a resource-name fragment: "/items/{id}" → "items-id", "/{proxy+}" → "proxy-greedy",
// "/" → "root".
func slug(p string) string {
	if p == "/" {
		return "root"
	}
	var b strings.Builder
	for _, seg := range strings.Split(p[1:], "/") {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		greedy := strings.HasSuffix(seg, "+}")
		for _, r := range strings.Trim(seg, "{}+") {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(unicode.ToLower(r))
			default:
				b.WriteByte('_')
			}
		}
		if greedy {
			b.WriteString("-greedy")
		}
	}
	return b.String()
}

// modelName is a model name API Gateway accepts (alphanumeric): "POST /items/{id}" → "PostItemsIdRequest".
func modelName(method, path string) string {
	var b strings.Builder
	upNext := true
	for _, r := range strings.ToLower(method) + "/" + path {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upNext = true
			continue
		}
		if upNext {
			r = unicode.ToUpper(r)
			upNext = false
		}
		b.WriteRune(r)
	}
	b.WriteString("Request")
	return b.String()
}

// pathParams returns the parameter names in a path or URL template: "/a/{id}/{proxy+}" → [id proxy].
func pathParams(p string) []string {
	var out []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(p, -1) {
		out = append(out, strings.TrimSuffix(m[1], "+"))
	}
	return out
}

// arnPath is the path as it appears in an execute-api ARN: parameters become "*" (as CDK's arnForExecuteApi does),
// so "/items/{id}" → "/items/*".
func arnPath(p string) string { return placeholderPattern.ReplaceAllString(p, "*") }
