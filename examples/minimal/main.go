// Command minimal is a secured REST API with one Go Lambda route, in a few lines: IAM-authorized, behind a WAF,
// logs encrypted with a key of its own, traced, throttled. `pulumi up` deploys it; `go run . plan dev` plans it
// offline with the security baseline.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/plan"
)

func main() { plan.Serve(program) }

func program(ctx *pulumi.Context) error {
	concurrency := 10
	api, err := securedapi.New(ctx, "hello", &securedapi.Args{
		API: restapi.Args{Routes: []restapi.Route{
			{Path: "/hello", Method: "GET", Integration: restapi.Integration{Kind: restapi.LambdaProxy}},
		}},
		Backend: &gofunction.Args{SourceDir: "hello", ReservedConcurrency: &concurrency},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", api.URL)
	return nil
}
