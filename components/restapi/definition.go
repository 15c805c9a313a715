package restapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// validatorSpec is one request validator; every operation uses one of them.
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

// documentOutput renders the API's OpenAPI document once the values only known at deploy time (Lambda invoke ARNs,
// user pool ARNs, the resource policy) resolve. The document is the RestApi's body, so it is the whole definition
// API Gateway imports in one call.
func documentOutput(a Args, title string, policy pulumi.StringInput) pulumi.StringOutput {
	var dynamic []any
	var setters []func(v *deployValues, policy *string, s string)
	resolve := func(in pulumi.StringInput, set func(v *deployValues, policy *string, s string)) {
		dynamic = append(dynamic, in)
		setters = append(setters, set)
	}
	for i, r := range a.Routes {
		if r.Integration.Kind == LambdaProxy {
			resolve(r.Integration.Lambda.InvokeArn, func(v *deployValues, _ *string, s string) { v.routeURIs[i] = s })
		}
	}
	for _, au := range a.Authorizers {
		for _, arn := range au.UserPoolArns {
			resolve(arn, func(v *deployValues, _ *string, s string) { v.userPools[au.Name] = append(v.userPools[au.Name], s) })
		}
		if au.Lambda != nil {
			resolve(au.Lambda.InvokeArn, func(v *deployValues, _ *string, s string) { v.authorizerURIs[au.Name] = s })
		}
	}
	if policy != nil {
		resolve(policy, func(_ *deployValues, p *string, s string) { *p = s })
	}
	return pulumi.All(dynamic...).ApplyT(func(vals []any) (string, error) {
		v := deployValues{routeURIs: map[int]string{}, authorizerURIs: map[string]string{}, userPools: map[string][]string{}}
		var policy string
		for k, set := range setters {
			set(&v, &policy, vals[k].(string))
		}
		doc := a.document(title, v)
		if policy != "" {
			var obj any
			if err := json.Unmarshal([]byte(policy), &obj); err != nil {
				return "", fmt.Errorf("ResourcePolicy: not JSON: %w", err)
			}
			doc.Extensions[extPolicy] = obj
		}
		return renderDocument(doc)
	}).(pulumi.StringOutput)
}

// documentHash is the Deployment's trigger: the document holds routes, authorizers, validators, models, gateway
// responses and the resource policy, so the API is redeployed exactly when one of them changes. Stage settings apply
// without a redeploy. Declaration order is not part of it: the document's JSON has sorted keys.
func documentHash(doc string) string {
	sum := sha256.Sum256([]byte(doc))
	return hex.EncodeToString(sum[:])
}
