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

func TestPrivateIsReachedOnlyThroughItsEndpointAndServedThroughTheLink(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: ".", Stack: "dev", Program: program})
	require.NoError(t, err)
	for _, r := range p.Results {
		want := []baseline.Status{baseline.Pass, baseline.NA}
		if r.Waiver == baseline.ByDesignReason {
			continue // the rule's own exceptions (IAM5's justified wildcards), shown WAIVED, not a stack waiver
		}
		if r.Policy == "lb-deletion-protection--CKV_AWS_150" {
			want = []baseline.Status{baseline.Waived} // policy/config.dev.json, with its reason
		}
		assert.Contains(t, want, r.Status, "%s: %v", r.Policy, r.Violations)
	}
	e := p.Engine

	endpoints := e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")
	require.Len(t, endpoints, 1)
	endpoint := endpoints[0]
	assert.Equal(t, "com.amazonaws.eu-west-1.execute-api", endpoint.Str("serviceName"))
	assert.Equal(t, "vpc-0a1b2c3d4e5f60718", endpoint.Str("vpcId"))

	apis := e.ByType("aws:apigateway/restApi:RestApi")
	require.Len(t, apis, 1)
	api := apis[0]
	assert.Equal(t, "PRIVATE", api.Str("endpointConfiguration.types"))
	assert.Equal(t, endpoint.ID, api.Str("endpointConfiguration.vpcEndpointIds.0"))
	var doc struct {
		Policy struct {
			Statement []struct {
				Sid       string         `json:"Sid"`
				Effect    string         `json:"Effect"`
				Condition map[string]any `json:"Condition"`
			}
		} `json:"x-amazon-apigateway-policy"`
		Paths map[string]map[string]struct {
			Integration struct {
				Type           string `json:"type"`
				ConnectionType string `json:"connectionType"`
				ConnectionID   string `json:"connectionId"`
				URI            string `json:"uri"`
			} `json:"x-amazon-apigateway-integration"`
		} `json:"paths"`
	}
	require.NoError(t, json.Unmarshal([]byte(api.Str("body")), &doc))
	allowed := map[string]any{}
	for _, s := range doc.Policy.Statement {
		if s.Effect == "Allow" {
			allowed = s.Condition
		}
	}
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:SourceVpce": []any{endpoint.ID}}}, allowed,
		"the created endpoint is the only way in")

	links := e.ByType("aws:apigateway/vpcLink:VpcLink")
	require.Len(t, links, 1)
	hello := doc.Paths["/hello"]["get"].Integration
	assert.Equal(t, "http_proxy", hello.Type)
	assert.Equal(t, "VPC_LINK", hello.ConnectionType)
	assert.Equal(t, links[0].ID, hello.ConnectionID)
	assert.Equal(t, "https://backend.internal.example.com/hello", hello.URI)

	albs := e.Named("aws:lb/loadBalancer:LoadBalancer", "internal-private-backend-alb")
	require.NotNil(t, albs)
	internal, _ := albs.Bool("internal")
	assert.True(t, internal)
	listener := e.Named("aws:lb/listener:Listener", "internal-private-backend-alb-listener")
	require.NotNil(t, listener)
	assert.Equal(t, "HTTPS", listener.Str("protocol"))
	assert.Empty(t, e.ByType("aws:apigateway/domainName:DomainName"))
	assert.Empty(t, e.ByType("aws:cognito/userPool:UserPool"))
}
