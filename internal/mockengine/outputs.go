package mockengine

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// syntheticID returns an id shaped like the one AWS would hand out for this type, derived from the URN so that two
// evaluations agree.
func (e *Engine) syntheticID(r *Resource) string {
	switch r.Type {
	case "aws:apigateway/restApi:RestApi", "aws:apigateway/resource:Resource", "aws:apigateway/deployment:Deployment",
		"aws:apigateway/requestValidator:RequestValidator", "aws:apigateway/clientCertificate:ClientCertificate",
		"aws:apigateway/authorizer:Authorizer", "aws:apigateway/usagePlan:UsagePlan", "aws:apigateway/apiKey:ApiKey",
		"aws:apigateway/model:Model":
		return e.hash(10, r.URN)
	case "aws:kms/key:Key":
		h := e.hash(32, r.URN)
		return fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:32])
	case "aws:lambda/function:Function", "aws:iam/role:Role", "aws:cloudwatch/logGroup:LogGroup":
		return e.physicalName(r)
	case "aws:lambda/permission:Permission":
		if s := r.Str("statementId"); s != "" {
			return s
		}
	case "aws:cognito/userPool:UserPool":
		return e.Region + "_" + strings.ToUpper(e.hash(9, r.URN))
	case "aws:cognito/userPoolClient:UserPoolClient":
		return e.hash(26, r.URN)
	}
	return r.Name + "-" + e.hash(7, r.URN, "id")
}

// physicalName is the explicit `name` input, the name Terraform makes from `namePrefix`, or an auto-name like
// Pulumi's (logical name plus a 7-hex suffix).
func (e *Engine) physicalName(r *Resource) string {
	if n := r.Str("name"); n != "" {
		return n
	}
	if p := r.Str("namePrefix"); p != "" {
		// Terraform's id.PrefixedUniqueId: the prefix and 26 characters (a timestamp and a counter).
		return p + e.hash(26, r.URN)
	}
	return r.Name + "-" + e.hash(7, r.URN)
}

// outputsFor returns the resource's state: its inputs (as providers echo them) plus the computed attributes the
// program reads, shaped as AWS returns them.
func (e *Engine) outputsFor(r *Resource) resource.PropertyMap {
	out := r.Inputs.Copy()
	// set answers a value derived from the inputs (a resource's path); invent one the engine made up (an id, an
	// ARN, a URL), which a plan shows as known only after deploy.
	set := func(k, v string) { out[resource.PropertyKey(k)] = resource.NewProperty(v) }
	invented := map[string]bool{}
	invent := func(k, v string) { set(k, v); invented[k] = true }
	region, acct := e.Region, e.AccountID
	switch r.Type {
	case "aws:apigateway/restApi:RestApi":
		root := e.hash(10, r.URN, "root")
		invent("rootResourceId", root)
		invent("executionArn", fmt.Sprintf("arn:aws:execute-api:%s:%s:%s", region, acct, r.ID))
		invent("arn", fmt.Sprintf("arn:aws:apigateway:%s::/restapis/%s", region, r.ID))
		invent("createdDate", "2026-01-01T00:00:00Z")
		// Pulumi auto-names a RestApi without a name input; the name is what CloudWatch's ApiName dimension carries.
		invent("name", e.physicalName(r))
		e.resourcePaths[root] = "/"
	case "aws:apigateway/resource:Resource":
		parent := e.resourcePaths[r.Str("parentId")]
		path := strings.TrimSuffix(parent, "/") + "/" + r.Str("pathPart")
		e.resourcePaths[r.ID] = path
		set("path", path)
	case "aws:apigateway/stage:Stage":
		api, stage := r.Str("restApi"), r.Str("stageName")
		invent("arn", fmt.Sprintf("arn:aws:apigateway:%s::/restapis/%s/stages/%s", region, api, stage))
		invent("executionArn", fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/%s", region, acct, api, stage))
		invent("invokeUrl", fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/%s", api, region, stage))
	case "aws:apigateway/deployment:Deployment":
		invent("createdDate", "2026-01-01T00:00:00Z")
	case "aws:apigateway/clientCertificate:ClientCertificate":
		invent("arn", fmt.Sprintf("arn:aws:apigateway:%s::/clientcertificates/%s", region, r.ID))
		invent("pemEncodedCertificate", "-----BEGIN CERTIFICATE-----\nPLAN\n-----END CERTIFICATE-----\n")
	case "aws:lambda/function:Function":
		arn := fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, acct, r.ID)
		invent("name", r.ID)
		invent("arn", arn)
		invent("qualifiedArn", arn+":$LATEST")
		invent("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", region, arn))
		set("version", "$LATEST")
	case "aws:iam/role:Role":
		invent("name", r.ID)
		invent("arn", fmt.Sprintf("arn:aws:iam::%s:role/%s", acct, r.ID))
		invent("uniqueId", "AROA"+strings.ToUpper(e.hash(16, r.URN)))
	case "aws:cloudwatch/logGroup:LogGroup":
		invent("name", r.ID)
		invent("arn", fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", region, acct, r.ID))
	case "aws:kms/key:Key":
		invent("keyId", r.ID)
		invent("arn", fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", region, acct, r.ID))
	case "aws:cognito/userPool:UserPool":
		invent("arn", fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s", region, acct, r.ID))
		invent("endpoint", fmt.Sprintf("cognito-idp.%s.amazonaws.com/%s", region, r.ID))
	case "aws:cognito/userPoolClient:UserPoolClient":
		if generate, _ := r.Bool("generateSecret"); generate {
			invent("clientSecret", e.hash(51, r.URN, "secret"))
		}
	case "aws:cognito/resourceServer:ResourceServer":
		var ids []resource.PropertyValue
		if scopes, ok := Lookup(r.Inputs, "scopes"); ok && scopes.IsArray() {
			for _, sc := range scopes.ArrayValue() {
				name := sc.ObjectValue()["scopeName"]
				ids = append(ids, resource.NewProperty(r.Str("identifier")+"/"+name.StringValue()))
			}
		}
		out["scopeIdentifiers"] = resource.NewProperty(ids)
	case "aws:kms/alias:Alias":
		set("arn", fmt.Sprintf("arn:aws:kms:%s:%s:%s", region, acct, r.Str("name")))
	}
	e.networkOutputs(r, out, set, invent)
	if _, ok := out["arn"]; !ok {
		// Anything else still gets a plausible ARN so code that reads one does not see an empty string.
		service := strings.SplitN(strings.TrimPrefix(r.Type, "aws:"), "/", 2)[0]
		invent("arn", fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, acct, r.ID))
	}
	// Remember what was made up, and only that, so a plan can show it as known only after deploy. An id that is the
	// resource's own name input is the user's literal; a derived value (a path, scope identifiers) is not made up.
	if r.ID != "" && r.ID != r.Str("name") {
		e.synthetic[r.ID] = fmt.Sprintf("${%s.id}", r.Name)
	}
	for k := range invented {
		if v := out[resource.PropertyKey(k)].StringValue(); v != r.Str(k) {
			e.synthetic[v] = fmt.Sprintf("${%s.%s}", r.Name, k)
		}
	}
	return out
}

const stackReferenceType = "pulumi:pulumi:StackReference"

// SharedOutputs are the outputs a platform stack exports for other teams' stacks (see securedapi's docs), with the
// ARN shape each has. A StackReference on the engine answers each one, made up and so shown as known only after
// deploy (${<stack>.userPoolArn}); any other output is absent, as it would be from a real stack that lacks it.
var SharedOutputs = map[string]string{
	"userPoolArn":       "arn:aws:cognito-idp:%s:%s:userpool/%s_%s",
	"webAclArn":         "arn:aws:wafv2:%s:%s:regional/webacl/shared/%s-%s",
	"logKeyArn":         "arn:aws:kms:%s:%s:key/%s-%s",
	"cloudWatchRoleArn": "arn:aws:iam::%[2]s:role/%[3]s-%[4]s",
	"alarmTopicArn":     "arn:aws:sns:%s:%s:alarms-%s-%s",
}

func (e *Engine) stackReferenceOutputs(r *Resource) resource.PropertyMap {
	stack := r.ID
	if stack == "" {
		stack = r.Str("name")
	}
	outputs := resource.PropertyMap{}
	for name, shape := range SharedOutputs {
		v := fmt.Sprintf(shape, e.Region, e.AccountID, e.Region, e.hash(8, stack, name))
		outputs[resource.PropertyKey(name)] = resource.NewProperty(v)
		e.synthetic[v] = fmt.Sprintf("${%s.%s}", stack, name)
	}
	return resource.PropertyMap{
		"name":              resource.NewProperty(stack),
		"outputs":           resource.NewObjectProperty(outputs),
		"secretOutputNames": resource.NewArrayProperty(nil),
	}
}
