// Command secure-apigw is the Pulumi program: `pulumi up` runs it, and it hands over to package stacks.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/stacks"
)

func main() {
	pulumi.Run(stacks.Program)
}
