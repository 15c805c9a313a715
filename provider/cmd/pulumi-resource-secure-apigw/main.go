// Command pulumi-resource-secure-apigw is the component provider the Pulumi engine starts for programs in any
// language that use package secure-apigw (`pulumi package add` builds it from this repository).
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/secure-apigw/secure-apigw/provider"
)

func main() {
	prov, err := provider.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := p.RunProvider(context.Background(), provider.Name, provider.Version, prov); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
