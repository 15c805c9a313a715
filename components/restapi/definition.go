package restapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// definition is everything a Deployment snapshots. Its hash is the Deployment's trigger: any change to a resource,
// method, integration, validator, model, gateway response, CORS setting or the resource policy replaces the
// Deployment, and nothing else does (stage settings apply without a redeploy).
type definition struct {
	EndpointType     string            `json:"endpointType"`
	VpcEndpointIDs   []string          `json:"vpcEndpointIds,omitempty"`
	Resources        []string          `json:"resources"`
	Routes           []routeDefinition `json:"routes"`
	Validators       []validatorSpec   `json:"validators"`
	GatewayResponses []gatewayResponse `json:"gatewayResponses"`
	ResponseHeaders  map[string]string `json:"responseHeaders"`
	Cors             *Cors             `json:"cors,omitempty"`
	ApiKeySource     string            `json:"apiKeySource"`
	Authorizers      []authorizerSpec  `json:"authorizers,omitempty"`
	Policy           string            `json:"policy,omitempty"`
}

// authorizerSpec is an authorizer as the deployment snapshots it; the ARNs are resolved at deploy time.
type authorizerSpec struct {
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	IdentitySource string   `json:"identitySource"`
	TTL            int      `json:"ttl"`
	Providers      []string `json:"providers,omitempty"`
	URI            string   `json:"uri,omitempty"`
}

type routeDefinition struct {
	Path               string   `json:"path"`
	Method             string   `json:"method"`
	Authorization      string   `json:"authorization"`
	Authorizer         string   `json:"authorizer,omitempty"`
	Scopes             []string `json:"scopes,omitempty"`
	ApiKeyRequired     bool     `json:"apiKeyRequired"`
	Validator          string   `json:"validator"`
	Model              string   `json:"model,omitempty"`
	Schema             string   `json:"schema,omitempty"`
	RequiredParameters []string `json:"requiredParameters,omitempty"`
	CacheKey           []string `json:"cacheKey,omitempty"`
	Integration        struct {
		Kind           string `json:"kind"`
		URI            string `json:"uri,omitempty"`
		TimeoutMs      int    `json:"timeoutMs,omitempty"`
		MockStatusCode int    `json:"mockStatusCode,omitempty"`
		MockBody       string `json:"mockBody,omitempty"`
	} `json:"integration"`
}

// validatorSpec is one request validator; every method uses one of them.
type validatorSpec struct {
	Key    string `json:"key"`
	Body   bool   `json:"body"`
	Params bool   `json:"params"`
}

var (
	validateBodyAndParams = validatorSpec{Key: "body-and-params", Body: true, Params: true}
	validateParamsOnly    = validatorSpec{Key: "params-only", Params: true}
)

func validatorFor(r Route) validatorSpec {
	if r.RequestSchema != "" {
		return validateBodyAndParams
	}
	return validateParamsOnly
}

// triggerHash returns the sha256 of the definition, resolving the parts only known at deploy time (Lambda invoke
// ARNs and the resource policy) first.
func triggerHash(a Args, policy pulumi.StringInput) pulumi.StringOutput {
	def := definition{
		EndpointType:     string(a.EndpointType),
		VpcEndpointIDs:   a.VpcEndpointIDs,
		Resources:        resourcePaths(uniquePaths(a.Routes)),
		Validators:       []validatorSpec{validateBodyAndParams, validateParamsOnly},
		GatewayResponses: gatewayResponses,
		ResponseHeaders:  responseHeaders(a.Cors),
		Cors:             a.Cors,
		ApiKeySource:     a.ApiKeySource,
	}
	// Values known only at deploy time (Lambda and user pool ARNs, the policy) are resolved together; each comes with
	// the setter that puts it in its place in the definition.
	var dynamic []any
	var setters []func(d *definition, v string)
	resolve := func(in pulumi.StringInput, set func(d *definition, v string)) {
		dynamic = append(dynamic, in)
		setters = append(setters, set)
	}
	for i, r := range a.Routes {
		rd := routeDefinition{
			Path: r.Path, Method: r.Method, Authorization: string(r.Authorization), ApiKeyRequired: r.ApiKeyRequired,
			Authorizer: r.Authorizer, Scopes: slices.Sorted(slices.Values(r.AuthorizationScopes)),
			Validator: validatorFor(r).Key, RequiredParameters: slices.Sorted(slices.Values(r.RequiredParameters)),
		}
		if r.Cache {
			rd.CacheKey = a.callerKey(r)
		}
		if r.RequestSchema != "" {
			rd.Model = modelName(r.Method, r.Path)
			rd.Schema = compactJSON(r.RequestSchema)
		}
		rd.Integration.Kind = string(r.Integration.Kind)
		rd.Integration.URI = r.Integration.URL
		rd.Integration.TimeoutMs = r.Integration.TimeoutMs
		rd.Integration.MockStatusCode = r.Integration.MockStatusCode
		rd.Integration.MockBody = r.Integration.MockBody
		if r.Integration.Kind == LambdaProxy {
			resolve(r.Integration.Lambda.InvokeArn, func(d *definition, v string) { d.Routes[i].Integration.URI = v })
		}
		def.Routes = append(def.Routes, rd)
	}
	for i, au := range a.Authorizers {
		def.Authorizers = append(def.Authorizers, authorizerSpec{Name: au.Name, Kind: string(au.Kind),
			IdentitySource: au.IdentitySource, TTL: *au.ResultTTLSeconds})
		for _, arn := range au.UserPoolArns {
			resolve(arn, func(d *definition, v string) { d.Authorizers[i].Providers = append(d.Authorizers[i].Providers, v) })
		}
		if au.Lambda != nil {
			resolve(au.Lambda.InvokeArn, func(d *definition, v string) { d.Authorizers[i].URI = v })
		}
	}
	if policy != nil {
		resolve(policy, func(d *definition, v string) { d.Policy = compactJSON(v) })
	}
	return pulumi.All(dynamic...).ApplyT(func(vals []any) (string, error) {
		// Each apply works on its own copy: def's slices are shared by every resolution.
		d := def
		d.Routes = slices.Clone(def.Routes)
		d.Authorizers = slices.Clone(def.Authorizers)
		for k, set := range setters {
			set(&d, vals[k].(string))
		}
		// Declaration order is not part of the API: reordering routes must not redeploy.
		sort.Slice(d.Routes, func(i, j int) bool {
			return d.Routes[i].Path+" "+d.Routes[i].Method < d.Routes[j].Path+" "+d.Routes[j].Method
		})
		b, err := json.Marshal(d)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:]), nil
	}).(pulumi.StringOutput)
}

// compactJSON removes insignificant whitespace so reformatting a schema or policy does not redeploy.
func compactJSON(s string) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		return s
	}
	return buf.String()
}
