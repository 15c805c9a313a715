package restapi

import (
	"slices"
	"strings"
)

// apiKeyParameter is the method request parameter API Gateway reads an API key from.
const apiKeyParameter = "method.request.header.x-api-key"

// callerKey is what identifies a route's caller, as method request parameters: the authorizer's identity sources,
// the SigV4 Authorization header, or the API key. A cached route's cache key always includes it. The stage cache is
// keyed by path, not caller: without it, the first caller's answer to GET /whoami is served to every later one.
func (a *Args) callerKey(r Route) []string {
	var key []string
	switch r.Authorization {
	case AuthCognito, AuthCustom:
		for _, au := range a.Authorizers {
			if au.Name != r.Authorizer {
				continue
			}
			for _, src := range strings.Split(au.IdentitySource, ",") {
				if src = strings.TrimSpace(src); strings.HasPrefix(src, "method.request.") {
					key = append(key, src)
				}
			}
		}
	case AuthIAM:
		key = append(key, "method.request.header.Authorization")
	}
	if r.ApiKeyRequired {
		key = append(key, apiKeyParameter)
	}
	slices.Sort(key)
	return slices.Compact(key)
}
