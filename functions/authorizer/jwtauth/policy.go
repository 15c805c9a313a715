package jwtauth

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// MethodARN is a parsed execute-api method ARN:
// arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path…}.
type MethodARN struct {
	Prefix string // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}
	Method string
	Path   string // "/items/42"
}

// ParseMethodARN splits a method ARN, refusing anything else.
func ParseMethodARN(arn string) (MethodARN, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "execute-api" {
		return MethodARN{}, fmt.Errorf("not an execute-api method ARN: %q", arn)
	}
	segs := strings.SplitN(parts[5], "/", 4)
	if len(segs) < 3 || segs[0] == "" || segs[1] == "" || segs[2] == "" {
		return MethodARN{}, fmt.Errorf("not an execute-api method ARN: %q", arn)
	}
	m := MethodARN{Prefix: strings.Join(parts[:5], ":") + ":" + segs[0] + "/" + segs[1], Method: segs[2], Path: "/"}
	if len(segs) == 4 {
		m.Path = "/" + segs[3]
	}
	return m, nil
}

// Route is one entitlement: a method (or ANY) and a path pattern.
type Route struct {
	method string
	path   string // with {param} already turned into *
}

var paramSegment = regexp.MustCompile(`\{[^}/]+\}`)

func parseRoute(s string) Route {
	method, path, _ := strings.Cut(s, " ")
	if method == "ANY" {
		method = "*"
	}
	return Route{method: method, path: paramSegment.ReplaceAllString(path, "*")}
}

// resource is the route as an execute-api resource for a policy statement.
func (r Route) resource(prefix string) string {
	return prefix + "/" + r.method + r.path
}

// matches reports whether the route covers method and path, with IAM's meaning of *: any run of characters.
func (r Route) matches(method, path string) bool {
	return (r.method == "*" || r.method == method) && glob(r.path, path)
}

// glob matches s against a pattern whose only wildcard is *, matching any run (slashes included).
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// Entitlements resolves scopes to routes.
type Entitlements map[string][]Route

// NewEntitlements compiles scope → ["METHOD /path", …].
func NewEntitlements(in map[string][]string) Entitlements {
	out := Entitlements{}
	for scope, routes := range in {
		for _, r := range routes {
			out[scope] = append(out[scope], parseRoute(r))
		}
	}
	return out
}

// For returns the distinct routes the scopes entitle, sorted so equal scope sets give equal policies.
func (e Entitlements) For(scopes []string) []Route {
	seen := map[Route]bool{}
	var out []Route
	for _, s := range scopes {
		for _, r := range e[s] {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].method < out[j].method
	})
	return out
}
