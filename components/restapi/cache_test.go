package restapi_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/restapi"
)

// The stage cache is keyed by path, not caller. Nothing is cached unless a route asks, and a cached route's key
// always carries the caller, so one caller's answer (GET /whoami's, say) is never served to another.
func TestOnlyRoutesThatAskAreCachedAndTheirKeyCarriesTheCaller(t *testing.T) {
	args := fullArgs()
	args.Authorizers = []restapi.Authorizer{{Name: "users", Kind: restapi.CognitoUserPools,
		UserPoolArns: []pulumi.StringInput{pulumi.String("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x")}}}
	args.Routes = append(args.Routes,
		restapi.Route{Path: "/whoami", Method: "GET", Integration: args.Routes[1].Integration,
			Authorization: restapi.AuthCognito, Authorizer: "users", Cache: true},
		restapi.Route{Path: "/catalog", Method: "GET", Integration: args.Routes[1].Integration,
			Authorization: restapi.AuthNone, ApiKeyRequired: true, Cache: true})
	args.Routes[1].Cache = true // GET /items, IAM
	args.AllowUnauthenticatedRoutes = true
	e := evaluate(t, args)

	all := e.Named(settingsType, "shop-method-settings")
	caching, _ := all.Bool("settings.cachingEnabled")
	assert.False(t, caching, "*/* never caches")

	doc := document(t, e)
	for route, want := range map[string][]any{
		"GET /items":   {"method.request.header.Authorization"},
		"GET /whoami":  {"method.request.header.Authorization"},
		"GET /catalog": {"method.request.header.x-api-key"},
	} {
		method, path, _ := strings.Cut(route, " ")
		settings := e.Named(settingsType, "shop-method-settings-get-"+strings.TrimPrefix(path, "/"))
		require.NotNil(t, settings, route)
		on, _ := settings.Bool("settings.cachingEnabled")
		assert.True(t, on, route)
		encrypted, _ := settings.Bool("settings.cacheDataEncrypted")
		assert.True(t, encrypted, route)
		assert.Equal(t, strings.TrimPrefix(path, "/")+"/"+method, settings.Str("methodPath"))

		op := operation(t, doc, method, path)
		assert.Equal(t, want, integrationOf(t, op)["cacheKeyParameters"], "%s: the cache key is the caller", route)
		_, name, _ := strings.Cut(strings.TrimPrefix(want[0].(string), "method.request."), ".")
		assert.Contains(t, parameters(op), "header."+name, "%s: a cache key is a declared request parameter", route)
	}
	assert.NotContains(t, integrationOf(t, operation(t, doc, "DELETE", "/items/{id}")), "cacheKeyParameters",
		"an uncached route has no cache key")
	assert.Nil(t, e.Named(settingsType, "shop-method-settings-delete-items-id"), "nor settings of its own")

	uncached := fullArgs()
	withCache := fullArgs()
	withCache.Routes[1].Cache = true
	assert.NotEqual(t, trigger(t, uncached), trigger(t, withCache), "caching a route redeploys")
}

func TestCachedRouteNeedsTheStageCache(t *testing.T) {
	args := fullArgs()
	args.Cache = nil
	args.Routes[1].Cache = true
	require.ErrorContains(t, args.Validate(), "Routes[1].Cache: needs Args.Cache")
}
