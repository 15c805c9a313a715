package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/plan"
)

// The example as a user runs it (`go run . plan dev`): its own Pulumi.dev.yaml, no policy config, on the mock engine.
func TestMinimalIsSecureByDefault(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: ".", Stack: "dev", Program: program})
	require.NoError(t, err)
	for _, r := range p.Results {
		if r.Waiver == baseline.ByDesignReason {
			continue // the rule's own exceptions (IAM5's justified wildcards), shown WAIVED, not a stack waiver
		}
		assert.Contains(t, []baseline.Status{baseline.Pass, baseline.NA}, r.Status,
			"%s: every rule at its default, nothing waived: %v", r.Policy, r.Violations)
	}
	e := p.Engine

	apis := e.ByType("aws:apigateway/restApi:RestApi")
	require.Len(t, apis, 1)
	assert.Equal(t, "REGIONAL", apis[0].Str("endpointConfiguration.types"))
	var doc struct {
		Paths map[string]map[string]struct {
			Security    []map[string][]string `json:"security"`
			Integration struct {
				Type string `json:"type"`
				URI  string `json:"uri"`
			} `json:"x-amazon-apigateway-integration"`
		} `json:"paths"`
	}
	require.NoError(t, json.Unmarshal([]byte(apis[0].Str("body")), &doc))
	get := doc.Paths["/hello"]["get"]
	assert.Equal(t, []map[string][]string{{"sigv4": {}}}, get.Security, "IAM auth unless the route says otherwise")
	assert.Equal(t, "aws_proxy", get.Integration.Type)

	fns := e.ByType("aws:lambda/function:Function")
	require.Len(t, fns, 1, "the backend only: no authorizer function without a JWT authorizer")
	assert.Equal(t, "hello-backend-function", fns[0].Name)
	assert.Contains(t, get.Integration.URI, fns[0].Outputs["invokeArn"].StringValue())
	assert.EqualValues(t, 10, fns[0].Inputs["reservedConcurrentExecutions"].NumberValue())

	stage := e.Named("aws:apigateway/stage:Stage", "hello-api-stage")
	require.NotNil(t, stage)
	xray, _ := stage.Bool("xrayTracingEnabled")
	assert.True(t, xray)
	assert.NotEmpty(t, stage.Str("accessLogSettings.destinationArn"))

	assert.Len(t, e.ByType("aws:wafv2/webAcl:WebAcl"), 1, "a web ACL of its own")
	assert.Len(t, e.ByType("aws:wafv2/webAclAssociation:WebAclAssociation"), 1)
	keys := e.ByType("aws:kms/key:Key")
	require.Len(t, keys, 2, "the log key and the alarm topic's; no environment key for a function without environment variables")
	assert.NotNil(t, e.Named("aws:sns/topic:Topic", "hello-monitoring-alarms"), "secure by default: the stage is watched")
	for _, lg := range e.ByType("aws:cloudwatch/logGroup:LogGroup") {
		assert.NotEmpty(t, lg.Str("kmsKeyId"), "%s is encrypted with the log key", lg.Name)
	}
	for _, kind := range []string{"aws:cognito/userPool:UserPool", "aws:apigateway/account:Account",
		"aws:ec2/vpcEndpoint:VpcEndpoint", "aws:apigateway/vpcLink:VpcLink", "aws:apigateway/domainName:DomainName"} {
		assert.Empty(t, e.ByType(kind), "%s: a part the example does not switch on", kind)
	}
}
