package usageplan

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// UsagePlans is one usage plan per tier on one stage, and one API key per consumer.
type UsagePlans struct {
	pulumi.ResourceState

	// Plans and Keys are exposed for composition, by tier and consumer name.
	Plans map[string]*apigateway.UsagePlan
	Keys  map[string]*apigateway.ApiKey

	// PlanIDs are the plans' ids by tier.
	PlanIDs pulumi.StringMapOutput `pulumi:"planIds"`
	// KeyIDs are the keys' ids by consumer; `aws apigateway get-api-key --include-value --api-key <id>` reads a
	// value. The values themselves are never exported.
	KeyIDs pulumi.StringMapOutput `pulumi:"keyIds"`
}

// New creates the plans and keys. Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*UsagePlans, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("usageplan %q: %w", name, err)
	}
	c := &UsagePlans{Plans: map[string]*apigateway.UsagePlan{}, Keys: map[string]*apigateway.ApiKey{}}
	if err := ctx.RegisterComponentResource("secure-apigw:apigateway:UsagePlans", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	planIDs, keyIDs := pulumi.StringMap{}, pulumi.StringMap{}
	for _, t := range args.Tiers {
		plan, err := newPlan(ctx, name, args, t, parent)
		if err != nil {
			return nil, fmt.Errorf("usageplan %q: create usage plan %q: %w", name, t.Name, err)
		}
		c.Plans[t.Name] = plan
		planIDs[t.Name] = plan.ID().ToStringOutput()
	}
	for _, consumer := range args.Consumers {
		key, err := newKey(ctx, name, args, consumer, c.Plans[consumer.Tier], parent)
		if err != nil {
			return nil, fmt.Errorf("usageplan %q: create API key for %q: %w", name, consumer.Name, err)
		}
		c.Keys[consumer.Name] = key
		keyIDs[consumer.Name] = key.ID().ToStringOutput()
	}
	c.PlanIDs = planIDs.ToStringMapOutput()
	c.KeyIDs = keyIDs.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"planIds": c.PlanIDs, "keyIds": c.KeyIDs}); err != nil {
		return nil, err
	}
	return c, nil
}

// newPlan is a tier's plan on the stage. The stage's own outputs name it, and the plan depends on the Stage
// resource itself: API Gateway refuses a plan for a stage not yet created.
func newPlan(ctx *pulumi.Context, name string, a *Args, t Tier, parent pulumi.ResourceOption) (*apigateway.UsagePlan, error) {
	var throttles apigateway.UsagePlanApiStageThrottleArray
	for _, m := range t.MethodThrottles {
		throttles = append(throttles, apigateway.UsagePlanApiStageThrottleArgs{
			Path:       pulumi.String(throttlePath(m)),
			RateLimit:  pulumi.Float64(m.Throttle.RateLimit),
			BurstLimit: pulumi.Int(m.Throttle.BurstLimit),
		})
	}
	quota := &apigateway.UsagePlanQuotaSettingsArgs{Limit: pulumi.Int(t.Quota.Limit), Period: pulumi.String(t.Quota.Period)}
	if t.Quota.Offset != 0 {
		quota.Offset = pulumi.Int(t.Quota.Offset)
	}
	return apigateway.NewUsagePlan(ctx, name+"-"+t.Name, &apigateway.UsagePlanArgs{
		Name:        pulumi.String(name + "-" + t.Name),
		Description: pulumi.String(t.description()),
		ApiStages: apigateway.UsagePlanApiStageArray{apigateway.UsagePlanApiStageArgs{
			ApiId:     a.Stage.RestApi,
			Stage:     a.Stage.StageName,
			Throttles: throttles,
		}},
		ThrottleSettings: &apigateway.UsagePlanThrottleSettingsArgs{
			RateLimit:  pulumi.Float64(t.Throttle.RateLimit),
			BurstLimit: pulumi.Int(t.Throttle.BurstLimit),
		},
		QuotaSettings: quota,
		Tags:          a.Tags,
	}, parent, pulumi.DependsOn([]pulumi.Resource{a.Stage}))
}

// throttlePath is a method throttle's key as usage plans take it: "{resourcePath}/{httpMethod}", "/*/*" for all.
func throttlePath(m MethodThrottle) string {
	path := m.Path
	if path == "*" {
		path = "/*"
	}
	return path + "/" + m.Method
}

// newKey is a consumer's key and its membership in the tier's plan. A given value is wrapped as a secret (the
// provider also returns every value as a secret output). A new value or Rotation replaces the key — the new one is
// created and joined to the plan before the old one is deleted — and nothing about the plan changes.
func newKey(ctx *pulumi.Context, name string, a *Args, c Consumer, plan *apigateway.UsagePlan,
	parent pulumi.ResourceOption,
) (*apigateway.ApiKey, error) {
	keyArgs := &apigateway.ApiKeyArgs{
		Name:        pulumi.String(name + "-" + c.Name),
		Description: pulumi.String(fmt.Sprintf("API key of %s, rotation %d", c.Name, c.Rotation)),
		Enabled:     pulumi.Bool(!c.Disabled),
		Tags:        a.Tags,
	}
	if c.KeyValue != nil {
		field := c.Name
		keyArgs.Value = pulumi.ToSecret(c.KeyValue.ToStringOutput().ApplyT(func(v string) (string, error) {
			if err := CheckKeyValue(v); err != nil {
				return "", fmt.Errorf("key value of consumer %q %w", field, err)
			}
			return v, nil
		})).(pulumi.StringOutput)
	}
	key, err := apigateway.NewApiKey(ctx, name+"-"+c.Name+"-key", keyArgs, parent,
		pulumi.AdditionalSecretOutputs([]string{"value"}),
		pulumi.ReplaceOnChanges([]string{"value", "description"}))
	if err != nil {
		return nil, err
	}
	_, err = apigateway.NewUsagePlanKey(ctx, name+"-"+c.Name, &apigateway.UsagePlanKeyArgs{
		KeyId:       key.ID(),
		KeyType:     pulumi.String(KeyType),
		UsagePlanId: plan.ID(),
	}, parent)
	return key, err
}
