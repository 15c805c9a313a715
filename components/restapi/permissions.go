package restapi

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PermissionsPerFunction is how many invoke permissions one API gives one function at most. Each is a statement of
// about 350 bytes in the function's resource policy, which AWS caps at 20 KB (about 58 statements): 40 leave room
// for the function's other grants.
const PermissionsPerFunction = 40

// invokeGrant is one Lambda permission: the function, and the part of the execute-api ARN after the API's
// execution ARN that API Gateway may invoke it from ("/*/GET/items/*").
type invokeGrant struct {
	target *LambdaTarget
	// source is "/*/{METHOD}/{path}" for one route, or a path prefix with any method for a group.
	source string
	// slug names the permission resource.
	slug string
}

// functionKey identifies a function across routes: the same FunctionName input, or else the same LambdaTarget.
func functionKey(t *LambdaTarget) any {
	if t.FunctionName != nil && reflect.TypeOf(t.FunctionName).Comparable() {
		return t.FunctionName
	}
	return t
}

// invokeGrants returns the permissions the routes need: one per method and path while a function has at most
// PermissionsPerFunction of them; past that, the function's routes are grouped by path prefix — the deepest prefix
// that fits — and each group is granted any method on the prefix and below it. A function whose routes do not fit
// even by top-level segment is an error: split its routes over more functions.
func invokeGrants(routes []Route) ([]invokeGrant, error) {
	byFunction := map[any][]Route{}
	var order []any
	targets := map[any]*LambdaTarget{}
	for _, r := range routes {
		if r.Integration.Kind != LambdaProxy {
			continue
		}
		k := functionKey(r.Integration.Lambda)
		if _, seen := byFunction[k]; !seen {
			order = append(order, k)
			targets[k] = r.Integration.Lambda
		}
		byFunction[k] = append(byFunction[k], r)
	}
	// A function's index names its grouped permissions; order functions by their first route so that declaring
	// routes in another order renames nothing.
	sort.SliceStable(order, func(i, j int) bool { return firstRoute(byFunction[order[i]]) < firstRoute(byFunction[order[j]]) })
	var out []invokeGrant
	for i, k := range order {
		grants, err := functionGrants(byFunction[k], targets[k], i)
		if err != nil {
			return nil, err
		}
		out = append(out, grants...)
	}
	return out, nil
}

func firstRoute(rs []Route) string {
	first := ""
	for _, r := range rs {
		if key := r.Path + " " + r.Method; first == "" || key < first {
			first = key
		}
	}
	return first
}

func functionGrants(routes []Route, target *LambdaTarget, index int) ([]invokeGrant, error) {
	exact := make([]invokeGrant, 0, len(routes))
	for _, r := range routes {
		method := r.Method
		if method == "ANY" {
			method = "*"
		}
		exact = append(exact, invokeGrant{target: target, source: "/*/" + method + arnPath(r.Path),
			slug: strings.ToLower(r.Method) + "-" + slug(r.Path)})
	}
	if len(exact) <= PermissionsPerFunction {
		return exact, nil
	}
	depth := 0
	for _, r := range routes {
		depth = max(depth, segments(r.Path))
	}
	for d := depth - 1; d >= 1; d-- {
		grants := groupedGrants(routes, target, index, d)
		if len(grants) <= PermissionsPerFunction {
			return grants, nil
		}
	}
	if grants, ok := topLevelGrants(routes, target, index); ok && len(grants) <= PermissionsPerFunction {
		return grants, nil
	}
	return nil, fmt.Errorf("one function serves %d routes under %d top-level paths, and a function's 20 KB resource "+
		"policy holds at most %d of this API's grants: split its routes over more functions",
		len(routes), topLevelCount(routes), PermissionsPerFunction)
}

func topLevelCount(routes []Route) int {
	set := map[string]bool{}
	for _, r := range routes {
		prefix, _ := pathPrefix(r.Path, 1)
		set[prefix] = true
	}
	return len(set)
}

// topLevelGrants is the last resort: one grant per literal top-level segment, any method on every path that starts
// with it ("/*/*/items*": /items, /items/…, and also /itemsx). It is not the whole API; a top-level parameter
// ("/{tenant}/…") would be, so there is none then.
func topLevelGrants(routes []Route, target *LambdaTarget, index int) ([]invokeGrant, bool) {
	set := map[string]invokeGrant{}
	for _, r := range routes {
		prefix, _ := pathPrefix(r.Path, 1)
		if prefix == "/" || strings.HasPrefix(prefix, "/{") {
			return nil, false
		}
		set[prefix] = invokeGrant{target: target, source: "/*/*" + prefix + "*",
			slug: fmt.Sprintf("fn%d-%s-prefix", index, slug(prefix))}
	}
	return sortedGrants(set), true
}

// sortedGrants are the set's grants in key order, so that names and plans are stable.
func sortedGrants(set map[string]invokeGrant) []invokeGrant {
	out := make([]invokeGrant, 0, len(set))
	for _, k := range slices.Sorted(maps.Keys(set)) {
		out = append(out, set[k])
	}
	return out
}

// groupedGrants grants any method on each route's first d segments: the prefix itself when a route ends there, and
// everything below it when a route goes deeper.
func groupedGrants(routes []Route, target *LambdaTarget, index, d int) []invokeGrant {
	set := map[string]invokeGrant{}
	for _, r := range routes {
		prefix, deeper := pathPrefix(r.Path, d)
		g := invokeGrant{target: target, source: "/*/*" + arnPath(prefix),
			slug: fmt.Sprintf("fn%d-%s", index, slug(prefix))}
		if deeper {
			g.source += "/*"
			g.slug += "-below"
		}
		if prefix == "/" {
			g.source = "/*/*/"
			if deeper {
				g.source = "/*/*/*"
			}
		}
		set[g.source] = g
	}
	return sortedGrants(set)
}

func segments(p string) int {
	if p == "/" {
		return 0
	}
	return strings.Count(p, "/")
}

// pathPrefix is the path's first d segments, and whether the path goes deeper.
func pathPrefix(p string, d int) (string, bool) {
	if segments(p) <= d {
		return p, false
	}
	segs := strings.Split(p[1:], "/")
	return "/" + strings.Join(segs[:d], "/"), true
}

// invokePermissions creates the grants: this API, and only the methods and paths each grant names, may invoke.
func (b *builder) invokePermissions() error {
	grants, err := invokeGrants(b.args.Routes)
	if err != nil {
		return err
	}
	for _, g := range grants {
		if _, err := lambda.NewPermission(b.ctx, b.name+"-"+g.slug+"-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  g.target.FunctionName,
			Principal: pulumi.String("apigateway.amazonaws.com"),
			SourceArn: pulumi.Sprintf("%s%s", b.api.ExecutionArn, g.source),
		}, b.parent); err != nil {
			return fmt.Errorf("create invoke permission %s: %w", g.slug, err)
		}
	}
	return nil
}

// authorizerPermissions let API Gateway invoke each Lambda authorizer, for authorizers of this API only. The
// document defines the authorizers, so their ids exist only after the import: the grant names
// {executionArn}/authorizers/*, which lambda-permission-scoped accepts for exactly this case.
func (b *builder) authorizerPermissions() error {
	for _, au := range b.args.Authorizers {
		if au.Kind == CognitoUserPools {
			continue
		}
		if _, err := lambda.NewPermission(b.ctx, b.name+"-authorizer-"+au.Name+"-invoke", &lambda.PermissionArgs{
			Action:    pulumi.String("lambda:InvokeFunction"),
			Function:  au.Lambda.FunctionName,
			Principal: pulumi.String("apigateway.amazonaws.com"),
			SourceArn: pulumi.Sprintf("%s/authorizers/*", b.api.ExecutionArn),
		}, b.parent); err != nil {
			return fmt.Errorf("create invoke permission for authorizer %s: %w", au.Name, err)
		}
	}
	return nil
}
