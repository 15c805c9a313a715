// Command private is a PRIVATE secured API: reachable only from inside one VPC through the execute-api interface
// endpoint it creates (the API's resource policy admits that endpoint alone), its one route served by a Go Lambda
// behind NLB → ALB through a VPC link. `pulumi up` deploys it; `go run . plan dev` plans it offline with the
// security baseline.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/plan"
)

func main() { plan.Serve(program) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	var subnetNames []string
	cfg.RequireObject("subnetIds", &subnetNames)
	vpc, cidr := pulumi.String(cfg.Require("vpcId")), cfg.Require("vpcCidr")
	subnets := make([]pulumi.StringInput, len(subnetNames))
	for i, s := range subnetNames {
		subnets[i] = pulumi.String(s)
	}
	concurrency := 10
	api, err := securedapi.New(ctx, "internal", &securedapi.Args{
		API: restapi.Args{
			EndpointType: restapi.Private,
			Routes:       []restapi.Route{{Path: "/hello", Method: "GET"}},
		},
		Backend: &gofunction.Args{SourceDir: "../minimal/hello", ReservedConcurrency: &concurrency},
		ExecuteAPIEndpoint: &vpcendpoint.Args{Region: config.Require(ctx, "aws:region"), VpcID: vpc,
			SubnetIDs: subnets, AllowedCIDRs: []string{cidr}},
		VpcLink: &securedapi.VpcLink{Routes: []string{"GET /hello"},
			Args: vpclink.Args{VpcID: vpc, SubnetIDs: subnets, VpcCIDRs: []string{cidr},
				Hostname: cfg.Require("backendHostname"), ZoneName: cfg.Require("zoneName")}},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", api.URL)
	return nil
}
