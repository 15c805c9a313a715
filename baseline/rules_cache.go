package baseline

import (
	"fmt"
	"slices"
	"strings"
)

// checkCachePerCaller finds the methods each caching method setting covers: the methods of the setting's API (every
// method when the stack cannot tell which API that is) whose path and verb its methodPath names, by the method's
// resource path when the stack has its resources, else by verb alone.
func checkCachePerCaller(all []res) []violation {
	methods := ofType(all, typeMethod)
	flagged := map[string]bool{}
	var out []violation
	for _, s := range ofType(all, typeMethodSettings) {
		if on, _ := s.boolean("settings.cachingEnabled", false); !on || s.unknown("methodPath") {
			continue // not cached, or what it covers is known only after deploy
		}
		path := s.str("methodPath")
		candidates := slices.DeleteFunc(slices.Clone(methods), func(m res) bool { return !sameInput(m, "restApi", s, "restApi") })
		if len(candidates) == 0 {
			candidates = methods
		}
		var covered []res
		for _, m := range candidates {
			if coversMethod(all, path, m) {
				covered = append(covered, m)
			}
		}
		for _, m := range covered {
			if flagged[m.URN] || !callerAuthenticated(m) || cacheKeyHasCaller(all, m) {
				continue
			}
			flagged[m.URN] = true
			out = append(out, violation{m.URN, fmt.Sprintf("method %s (%s) is cached by %s (%s) with no caller in its cache key: one caller's answer is served to the next",
				m.Name, m.str("httpMethod"), s.Name, path)})
		}
		for _, api := range ofType(all, typeRestAPI) {
			if !s.inputFrom("restApi", api.URN) {
				continue
			}
			doc, _ := documentOf(api)
			for _, op := range doc.operations {
				key := api.URN + " " + op.label
				if !coversOperation(path, op) || flagged[key] || !op.callerAuthenticated() || op.cacheKeyHasCaller() {
					continue
				}
				flagged[key] = true
				out = append(out, violation{api.URN, fmt.Sprintf("operation %s of REST API %s is cached by %s (%s) with no caller in its cache key: one caller's answer is served to the next",
					op.label, api.Name, s.Name, path)})
			}
		}
	}
	return out
}

// coversMethod reports whether a method settings path applies to method m: "*/*" every method; "a/b/GET" GET (or
// ANY) on /a/b, or on any path when the stack does not hold m's resources.
func coversMethod(all []res, settingsPath string, m res) bool {
	if settingsPath == "*/*" {
		return true
	}
	i := strings.LastIndex(settingsPath, "/")
	if i < 0 {
		return false
	}
	verb, method := settingsPath[i+1:], m.str("httpMethod")
	if method == "ANY" {
		method = "*"
	}
	if verb != "*" && verb != method {
		return false
	}
	path, known := methodPath(all, m)
	return !known || path == "/"+settingsPath[:i]
}

// coversOperation reports whether a method settings path ("*/*", "items/GET", "items/{id}/*") applies to op.
func coversOperation(methodPath string, op docOperation) bool {
	if methodPath == "*/*" {
		return true
	}
	i := strings.LastIndex(methodPath, "/")
	if i < 0 { // not a method path (MethodSettings requires one): it covers nothing
		return false
	}
	path, verb := "/"+methodPath[:i], methodPath[i+1:]
	method := op.Method
	if method == "ANY" {
		method = "*"
	}
	return path == op.Path && (verb == "*" || verb == method)
}

func (op docOperation) callerAuthenticated() bool {
	return op.Authorization != "NONE" || op.APIKeyRequired
}

// cacheKeyHasCaller: the Authorization header, the API key, or an identity source of the operation's authorizers.
func (op docOperation) cacheKeyHasCaller() bool {
	callers := []string{"method.request.header.authorization", "method.request.header.x-api-key"}
	for _, src := range op.identitySources {
		callers = append(callers, strings.ToLower(src))
	}
	for _, k := range op.cacheKey {
		if slices.Contains(callers, strings.ToLower(k)) {
			return true
		}
	}
	return false
}

// callerAuthenticated reports whether a method's answer can depend on who calls it.
func callerAuthenticated(m res) bool {
	key, _ := m.boolean("apiKeyRequired", false)
	return m.str("authorization") != "NONE" || key || m.unknown("authorization")
}

// cacheKeyHasCaller reports whether the method's integration keys its cache on the caller: the Authorization header,
// the API key, or an identity source of an authorizer the method uses.
func cacheKeyHasCaller(all []res, m res) bool {
	callers := []string{"method.request.header.authorization", "method.request.header.x-api-key"}
	for _, a := range ofType(all, "aws:apigateway/authorizer:Authorizer") {
		if m.inputFrom("authorizerId", a.URN) {
			for _, src := range strings.Split(a.str("identitySource"), ",") {
				callers = append(callers, strings.ToLower(strings.TrimSpace(src)))
			}
		}
	}
	for _, in := range ofType(all, typeIntegration) {
		if !sameMethod(in, m) {
			continue
		}
		keys, ok := in.get("cacheKeyParameters")
		if !ok || !keys.IsArray() {
			return false
		}
		for _, k := range keys.AsArray().All {
			if k.IsString() && slices.Contains(callers, strings.ToLower(k.AsString())) {
				return true
			}
		}
	}
	return false
}
