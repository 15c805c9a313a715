package userpool_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := userpool.New(ctx, "users", &userpool.Args{
			Tier: "PLUS",
			ResourceServer: &userpool.ResourceServer{Identifier: "api",
				Scopes: []userpool.Scope{{Name: "items.read", Description: "Read items"}}},
			Clients: []userpool.Client{{Name: "web", OAuthFlows: []string{"code"},
				Scopes: []string{"openid", "items.read"}, CallbackURLs: []string{"https://app.example.com/cb"}}},
		})
		return err
	})
	// Output:
	// users (secure-apigw:cognito:UserPool)
	// users-client-web (aws:cognito/userPoolClient:UserPoolClient)
	// users-pool (aws:cognito/userPool:UserPool)
	// users-resource-server (aws:cognito/resourceServer:ResourceServer)
}
