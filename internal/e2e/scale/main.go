// Command scale is make e2e's route-count probe (`make e2e E2E_ARGS='-routes 10,160'`): the minimal example's
// SecuredAPI with e2e-scale:routes routes in the shape of a CRUD API, to measure that the API Gateway write calls of
// `pulumi up` do not grow with the routes (the REST API is one OpenAPI document).
package main

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
)

func main() { pulumi.Run(program) }

func program(ctx *pulumi.Context) error {
	n := config.RequireInt(ctx, "routes")
	templates := []struct{ method, path string }{
		{"GET", "/c%d"}, {"POST", "/c%d"}, {"GET", "/c%d/{id}"}, {"PUT", "/c%d/{id}"}, {"PATCH", "/c%d/{id}"},
		{"DELETE", "/c%d/{id}"}, {"GET", "/c%d/{id}/notes"}, {"GET", "/c%d/{id}/notes/{noteId}"},
	}
	routes := make([]restapi.Route, 0, n)
	for i := 0; len(routes) < n; i++ {
		t := templates[i%len(templates)]
		routes = append(routes, restapi.Route{Method: t.method, Path: fmt.Sprintf(t.path, i/len(templates)),
			Integration: restapi.Integration{Kind: restapi.LambdaProxy}})
	}
	concurrency := 10
	api, err := securedapi.New(ctx, "scale", &securedapi.Args{
		API:     restapi.Args{Routes: routes},
		Backend: &gofunction.Args{SourceDir: "../../../examples/minimal/hello", ReservedConcurrency: &concurrency},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", api.URL)
	return nil
}
