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

// The shared parts come from the platform stack's outputs; the mock engine answers a StackReference with made-up
// ARNs it shows as ${<stack>.<output>}, so each one can be followed to where it is wired.
func TestSecondTeamReusesThePlatformsSharedParts(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: ".", Stack: "prod", Program: program})
	require.NoError(t, err)
	for _, r := range p.Results {
		if r.Policy == "alarm-topics-in-stack" {
			// The platform's topic is not this stack's: visible as a waiver with the stack's reason, never a PASS.
			assert.Equal(t, baseline.Waived, r.Status, "%v", r.Violations)
			assert.Contains(t, r.Waiver, "platform stack's topic")
			continue
		}
		if r.Waiver == baseline.ByDesignReason {
			continue // the rule's own exceptions (IAM5's justified wildcards), shown WAIVED, not a stack waiver
		}
		assert.Contains(t, []baseline.Status{baseline.Pass, baseline.NA}, r.Status, "%s: %v", r.Policy, r.Violations)
	}
	e := p.Engine
	shared := func(output string) string { return "${acme/secure-apigw/prod." + output + "}" }

	for _, kind := range []string{"aws:cognito/userPool:UserPool", "aws:cognito/userPoolClient:UserPoolClient",
		"aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
		"aws:kms/key:Key", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:sns/topic:Topic"} {
		assert.Empty(t, e.ByType(kind), "%s: the platform's, not created again", kind)
	}
	roles := e.ByType("aws:iam/role:Role")
	require.Len(t, roles, 1, "the backend's execution role only, no second CloudWatch role")
	assert.Equal(t, "orders-backend-role", roles[0].Name)

	assoc := e.ByType("aws:wafv2/webAclAssociation:WebAclAssociation")
	require.Len(t, assoc, 1)
	assert.Equal(t, shared("webAclArn"), e.Symbolic(assoc[0].Str("webAclArn")))
	assert.Equal(t, "${orders-api-stage.arn}", e.Symbolic(assoc[0].Str("resourceArn")))

	alarms := e.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")
	require.NotEmpty(t, alarms, "this API's own alarms")
	for _, a := range alarms {
		assert.Equal(t, shared("alarmTopicArn"), e.Symbolic(a.Str("alarmActions.0")), a.Name)
	}

	account := e.ByType("aws:apigateway/account:Account")
	require.Len(t, account, 1)
	assert.Equal(t, shared("cloudWatchRoleArn"), e.Symbolic(account[0].Str("cloudwatchRoleArn")))

	logGroups := e.ByType("aws:cloudwatch/logGroup:LogGroup")
	require.NotEmpty(t, logGroups)
	for _, lg := range logGroups {
		assert.Equal(t, shared("logKeyArn"), e.Symbolic(lg.Str("kmsKeyId")), lg.Name)
	}

	apis := e.ByType("aws:apigateway/restApi:RestApi")
	require.Len(t, apis, 1)
	var doc struct {
		Components struct {
			SecuritySchemes map[string]struct {
				Authorizer struct {
					Type         string   `json:"type"`
					ProviderARNs []string `json:"providerARNs"`
				} `json:"x-amazon-apigateway-authorizer"`
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal([]byte(apis[0].Str("body")), &doc))
	users := doc.Components.SecuritySchemes["users"].Authorizer
	assert.Equal(t, "cognito_user_pools", users.Type)
	require.Len(t, users.ProviderARNs, 1)
	assert.Equal(t, shared("userPoolArn"), e.Symbolic(users.ProviderARNs[0]))
}
