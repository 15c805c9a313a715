package usageplan_test

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		stage, err := apigateway.NewStage(ctx, "api-stage", &apigateway.StageArgs{
			RestApi: pulumi.String("a1b2c3"), Deployment: pulumi.String("d1"), StageName: pulumi.String("v1"),
		})
		if err != nil {
			return err
		}
		_, err = usageplan.New(ctx, "plans", &usageplan.Args{
			Stage: stage,
			Tiers: []usageplan.Tier{{Name: "basic", Throttle: usageplan.Throttle{RateLimit: 5, BurstLimit: 10},
				Quota: usageplan.Quota{Limit: 10000, Period: "MONTH"}}},
			Consumers: []usageplan.Consumer{{Name: "acme", Tier: "basic"}},
		})
		return err
	})
	// Output:
	// api-stage (aws:apigateway/stage:Stage)
	// plans (secure-apigw:apigateway:UsagePlans)
	// plans-acme (aws:apigateway/usagePlanKey:UsagePlanKey)
	// plans-acme-key (aws:apigateway/apiKey:ApiKey)
	// plans-basic (aws:apigateway/usagePlan:UsagePlan)
}
