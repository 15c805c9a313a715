// Command secure-apigw is the Pulumi program. Under `pulumi up` it is a normal Pulumi program and hands over to
// package stacks; `go run . plan <stack>` is the offline plan (package plan), which needs no AWS account or CLI, and
// `go run . openapi <stack>` writes the stack's REST API as an OpenAPI document, and `go run . e2e` (make e2e)
// deploys every program into moto with the real Pulumi CLI.
package main

import (
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/internal/e2e"
	"github.com/secure-apigw/secure-apigw/plan"
	"github.com/secure-apigw/secure-apigw/stacks"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "plan" {
		os.Exit(plan.Main(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "openapi" {
		os.Exit(plan.OpenAPIMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "e2e" {
		os.Exit(e2e.Main(os.Args[2:], os.Stdout, os.Stderr))
	}
	pulumi.Run(stacks.Program)
}
