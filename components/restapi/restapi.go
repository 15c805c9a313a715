package restapi

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/sourcevpce"
)

// RestAPI is a secured API Gateway REST API with its deployment and stage.
type RestAPI struct {
	pulumi.ResourceState

	// API, Deployment and Stage are exposed for composition (authorizers, WAF association, usage plans, domains).
	API        *apigateway.RestApi
	Deployment *apigateway.Deployment
	Stage      *apigateway.Stage

	RestAPIID             pulumi.StringOutput `pulumi:"restApiId"`
	ExecutionArn          pulumi.StringOutput `pulumi:"executionArn"`
	StageName             pulumi.StringOutput `pulumi:"stageName"`
	StageArn              pulumi.StringOutput `pulumi:"stageArn"`
	InvokeURL             pulumi.StringOutput `pulumi:"invokeUrl"`
	AccessLogGroupName    pulumi.StringOutput `pulumi:"accessLogGroupName"`
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`
	DeploymentTrigger     pulumi.StringOutput `pulumi:"deploymentTrigger"`
	// Document is the API's OpenAPI 3.0 definition with API Gateway's extensions: the RestApi's body.
	Document pulumi.StringOutput `pulumi:"document"`
}

// builder carries what New's steps share.
type builder struct {
	ctx    *pulumi.Context
	name   string
	args   Args
	api    *apigateway.RestApi
	parent pulumi.ResourceOption
}

// New creates the API. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*RestAPI, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("restapi %q: %w", name, err)
	}
	a := args.withDefaults()
	if a.Description == "" {
		a.Description = fmt.Sprintf(defaultDescriptionTemplate, name)
	}
	c := &RestAPI{}
	if err := ctx.RegisterComponentResource("secure-apigw:apigateway:RestApi", name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, args: a, parent: pulumi.Parent(c)}
	if err := b.build(c); err != nil {
		return nil, fmt.Errorf("restapi %q: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"restApiId":             c.RestAPIID,
		"executionArn":          c.ExecutionArn,
		"stageName":             c.StageName,
		"stageArn":              c.StageArn,
		"invokeUrl":             c.InvokeURL,
		"accessLogGroupName":    c.AccessLogGroupName,
		"executionLogGroupName": c.ExecutionLogGroupName,
		"deploymentTrigger":     c.DeploymentTrigger,
		"document":              c.Document,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (b *builder) build(c *RestAPI) error {
	a := b.args
	endpoint := &apigateway.RestApiEndpointConfigurationArgs{Types: pulumi.String(string(a.EndpointType))}
	if len(a.VpcEndpointIDs) > 0 {
		endpoint.VpcEndpointIds = pulumi.StringArray(a.VpcEndpointIDs)
	}
	// The resource policy travels in the document (x-amazon-apigateway-policy), so an overwrite can never leave the
	// API without it, and it is part of the deployment trigger.
	document := documentOutput(a, b.name, b.policy())
	api, err := apigateway.NewRestApi(b.ctx, b.name+"-api", &apigateway.RestApiArgs{
		Description:           pulumi.String(a.Description),
		EndpointConfiguration: endpoint,
		Body:                  document,
		PutRestApiMode:        pulumi.String("overwrite"),
		// Always sent, so that turning it back off is a change and not an omission the provider ignores.
		DisableExecuteApiEndpoint: pulumi.Bool(a.DisableExecuteApiEndpoint),
		Tags:                      a.Tags,
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create rest api: %w", err)
	}
	b.api = api
	if err := b.invokePermissions(); err != nil {
		return err
	}
	if err := b.authorizerPermissions(); err != nil {
		return err
	}

	trigger := document.ApplyT(documentHash).(pulumi.StringOutput)
	deployment, err := apigateway.NewDeployment(b.ctx, b.name+"-deployment", &apigateway.DeploymentArgs{
		RestApi:     api.ID(),
		Description: pulumi.String("Managed by secure-apigw; replaced when the API's document changes"),
		Triggers:    pulumi.StringMap{"document": trigger},
	}, b.parent, pulumi.DeleteBeforeReplace(false))
	if err != nil {
		return fmt.Errorf("create deployment: %w", err)
	}

	stage, logs, err := b.stage(deployment)
	if err != nil {
		return err
	}
	if err := b.methodSettings(stage); err != nil {
		return err
	}

	c.API, c.Deployment, c.Stage = api, deployment, stage
	c.RestAPIID = api.ID().ToStringOutput()
	c.ExecutionArn = api.ExecutionArn
	c.StageName = stage.StageName
	c.StageArn = stage.Arn
	c.InvokeURL = stage.InvokeUrl
	c.AccessLogGroupName = logs.access.Name
	c.ExecutionLogGroupName = logs.execution.Name
	c.DeploymentTrigger = trigger
	c.Document = document
	return nil
}

// policy returns the resource policy to attach: the caller's, or for a PRIVATE API one that denies every source but
// its VPC endpoints.
func (b *builder) policy() pulumi.StringInput {
	a := b.args
	var base pulumi.StringInput
	switch {
	case a.ResourcePolicy != nil:
		base = a.ResourcePolicy
	case a.EndpointType == Private:
		base = sourcevpce.PolicyOutput(sourcevpce.APIResource, a.VpcEndpointIDs)
	}
	extra := a.sourceIPStatements()
	if len(extra) == 0 {
		return base
	}
	if base == nil {
		// A policy of denials alone leaves authorized routes to their authorizer or IAM (API Gateway's two-phase
		// evaluation), but a route without authorization then needs an explicit allow.
		return pulumi.String(policyJSON(append(a.unauthenticatedAllows(), extra...)))
	}
	return base.ToStringOutput().ApplyT(func(doc string) (string, error) {
		return withStatements(doc, extra)
	}).(pulumi.StringOutput)
}

// sourceIPStatements are the explicit denials of the source-IP controls.
func (a *Args) sourceIPStatements() []any {
	key := "aws:SourceIp"
	if a.EndpointType == Private {
		key = "aws:VpcSourceIp" // a private API sees the caller's address inside the VPC
	}
	deny := func(sid, operator string, cidrs []string) map[string]any {
		return map[string]any{
			"Sid": sid, "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
			"Condition": map[string]any{operator: map[string]any{key: cidrs}},
		}
	}
	var out []any
	if len(a.AllowSourceCIDRs) > 0 {
		out = append(out, deny("DenySourcesOutsideAllowList", "NotIpAddress", a.AllowSourceCIDRs))
	}
	if len(a.DenySourceCIDRs) > 0 {
		out = append(out, deny("DenyListedSources", "IpAddress", a.DenySourceCIDRs))
	}
	return out
}

// unauthenticatedAllows explicitly allows the routes with authorization NONE (API-key-only), each by its method and
// path: with a resource policy in place, API Gateway denies such a route unless the policy allows it.
func (a *Args) unauthenticatedAllows() []any {
	var resources []string
	for _, r := range a.Routes {
		if r.Authorization == AuthNone {
			method := r.Method
			if method == "ANY" {
				method = "*"
			}
			resources = append(resources, "execute-api:/*/"+method+arnPath(r.Path))
		}
	}
	if len(resources) == 0 {
		return nil
	}
	return []any{map[string]any{"Sid": "AllowApiKeyOnlyRoutes", "Effect": "Allow", "Principal": "*",
		"Action": "execute-api:Invoke", "Resource": resources}}
}

// withStatements appends statements to a policy document.
func withStatements(doc string, extra []any) (string, error) {
	var policy map[string]any
	if err := json.Unmarshal([]byte(doc), &policy); err != nil {
		return "", fmt.Errorf("ResourcePolicy: not a JSON policy document: %w", err)
	}
	var statements []any
	switch s := policy["Statement"].(type) {
	case []any:
		statements = s
	case map[string]any:
		statements = []any{s}
	}
	policy["Statement"] = append(statements, extra...)
	b, err := json.Marshal(policy)
	return string(b), err
}

func policyJSON(statements []any) string {
	out, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	return string(out)
}
