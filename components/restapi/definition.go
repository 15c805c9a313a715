package restapi

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// validatorSpec is one request validator; every operation uses one of them.
type validatorSpec struct {
	Key    string
	Body   bool
	Params bool
}

// extension is the validator as x-amazon-apigateway-request-validators declares it.
func (v validatorSpec) extension() map[string]bool {
	return map[string]bool{"validateRequestBody": v.Body, "validateRequestParameters": v.Params}
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
	var setters []func(v *deployValues, s string)
	resolve := func(in pulumi.StringInput, set func(v *deployValues, s string)) {
		dynamic = append(dynamic, in)
		setters = append(setters, set)
	}
	for i, r := range a.Routes {
		if r.Integration.Kind == LambdaProxy {
			resolve(r.Integration.Lambda.InvokeArn, func(v *deployValues, s string) { v.routeURIs[i] = s })
		}
		if r.Integration.VpcLinkID != nil {
			resolve(r.Integration.VpcLinkID, func(v *deployValues, s string) { v.connectionIDs[i] = s })
		}
	}
	for _, au := range a.Authorizers {
		for _, arn := range au.UserPoolArns {
			resolve(arn, func(v *deployValues, s string) { v.userPools[au.Name] = append(v.userPools[au.Name], s) })
		}
		if au.Lambda != nil {
			resolve(au.Lambda.InvokeArn, func(v *deployValues, s string) { v.authorizerURIs[au.Name] = s })
		}
	}
	if policy != nil {
		resolve(policy, func(v *deployValues, s string) { v.policy = s })
	}
	return pulumi.All(dynamic...).ApplyT(func(vals []any) (string, error) {
		v := deployValues{routeURIs: map[int]string{}, connectionIDs: map[int]string{}, authorizerURIs: map[string]string{}, userPools: map[string][]string{}}
		for k, set := range setters {
			set(&v, vals[k].(string))
		}
		doc, err := a.document(title, v)
		if err != nil {
			return "", err
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
