package baseline

import (
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// stageNamed reports whether a child's restApi and stageName inputs name stage (a Stage, or a Deployment whose
// stageName makes one).
func stageNamed(child, stage res) bool {
	if !sameInput(child, "restApi", stage, "restApi") {
		return false
	}
	return sameInput(child, "stageName", stage, "stageName") || child.inputFrom("stageName", stage.URN)
}

// restStages are the REST stages of the stack: the Stage resources, and each Deployment whose stageName makes a stage.
func restStages(all []res) []res {
	out := ofType(all, typeStage)
	for _, d := range ofType(all, typeDeployment) {
		if deploymentMakesStage(all, d) {
			out = append(out, d)
		}
	}
	return out
}

// deploymentMakesStage reports whether Deployment d creates (or repoints) a stage through its stageName that no Stage
// resource manages: one not taken from the output of a Stage of d's own API. (A stageName taken from a Stage of
// another API names a stage on d's API that nothing configures. A literal name that a Stage also manages counts as a
// stage of its own too: two resources configuring one stage is itself the problem.)
//
// all nil is a resource policy's view, which cannot see the Stage: a stageName read from any Stage's output counts as
// managed by it.
func deploymentMakesStage(all []res, d res) bool {
	if d.Type != typeDeployment || !d.set("stageName") {
		return false
	}
	if all == nil {
		return !slices.ContainsFunc(d.PropertyDependencies["stageName"], func(urn string) bool {
			return resource.URN(urn).Type() == typeStage
		})
	}
	return !slices.ContainsFunc(ofType(all, typeStage), func(stage res) bool {
		return d.inputFrom("stageName", stage.URN) && sameInput(d, "restApi", stage, "restApi")
	})
}

// implicitStage reports whether stage is a Deployment's stageName, which has no stage settings of its own.
func implicitStage(stage res) bool { return stage.Type == typeDeployment }

// settingsFor returns the method settings that configure stage.
func settingsFor(all []res, stage res) []res {
	var out []res
	for _, s := range ofType(all, typeMethodSettings) {
		if stageNamed(s, stage) {
			out = append(out, s)
		}
	}
	return out
}

// v2APIOf is the v2 API a v2 stage or route belongs to (by its apiId input), if the stack has it.
func v2APIOf(all []res, child res) (res, bool) {
	for _, api := range ofType(all, typeV2API) {
		if child.inputFrom("apiId", api.URN) {
			return api, true
		}
	}
	return res{}, false
}

// v2Protocol is the protocol (HTTP, WEBSOCKET) of a v2 stage's API, or "" when the stack does not say.
func v2Protocol(all []res, stage res) string {
	api, ok := v2APIOf(all, stage)
	if !ok {
		return ""
	}
	return strings.ToUpper(api.str("protocolType"))
}

// sameMethod reports whether child (an Integration, a MethodResponse) belongs to method m: the same API, resource
// and HTTP method, or an httpMethod taken from m itself.
func sameMethod(child, m res) bool {
	if !sameInput(child, "restApi", m, "restApi") || !sameInput(child, "resourceId", m, "resourceId") {
		return false
	}
	return sameInput(child, "httpMethod", m, "httpMethod") || child.inputFrom("httpMethod", m.URN)
}

// methodPath is the resource path of method m ("/", "/a/b") from the Resource resources of the stack, or ok false
// when a resource on the way is not in the stack or not known.
func methodPath(all []res, m res) (path string, ok bool) {
	resources, apis := ofType(all, typeResource), ofType(all, typeRestAPI)
	cur, key := m, "resourceId"
	var parts []string
	for range len(resources) + 1 {
		if slices.ContainsFunc(apis, func(api res) bool { return cur.inputFrom(key, api.URN) }) {
			// An output of the API itself: its rootResourceId.
			slices.Reverse(parts)
			return "/" + strings.Join(parts, "/"), true
		}
		i := slices.IndexFunc(resources, func(r res) bool { return cur.inputFrom(key, r.URN) })
		if i < 0 || resources[i].str("pathPart") == "" {
			return "", false
		}
		parts = append(parts, resources[i].str("pathPart"))
		cur, key = resources[i], "parentId"
	}
	return "", false
}
