package restapi_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := restapi.New(ctx, "api", &restapi.Args{Routes: []restapi.Route{
			{Path: "/health", Method: "GET", Integration: restapi.Integration{Kind: restapi.Mock}},
		}, LogKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs")})
		return err
	})
	// Output:
	// api (secure-apigw:apigateway:RestApi)
	// api-access-logs (aws:cloudwatch/logGroup:LogGroup)
	// api-api (aws:apigateway/restApi:RestApi)
	// api-client-certificate (aws:apigateway/clientCertificate:ClientCertificate)
	// api-deployment (aws:apigateway/deployment:Deployment)
	// api-execution-logs (aws:cloudwatch/logGroup:LogGroup)
	// api-method-settings (aws:apigateway/methodSettings:MethodSettings)
	// api-stage (aws:apigateway/stage:Stage)
}
