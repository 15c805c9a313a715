package usageplan_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	component    = "secure-apigw:apigateway:UsagePlans"
	planType     = "aws:apigateway/usagePlan:UsagePlan"
	keyType      = "aws:apigateway/apiKey:ApiKey"
	planKeyType  = "aws:apigateway/usagePlanKey:UsagePlanKey"
	stageType    = "aws:apigateway/stage:Stage"
	partnerValue = "partner-key-value-0123456789"
)

func tiers() []usageplan.Tier {
	return []usageplan.Tier{
		{Name: "basic", Throttle: usageplan.Throttle{RateLimit: 5, BurstLimit: 10},
			Quota: usageplan.Quota{Limit: 10000, Period: "MONTH"}},
		{Name: "premium", Description: "Paying partners", Throttle: usageplan.Throttle{RateLimit: 50, BurstLimit: 100},
			Quota: usageplan.Quota{Limit: 5000, Period: "DAY"},
			MethodThrottles: []usageplan.MethodThrottle{
				{Method: "POST", Path: "/items", Throttle: usageplan.Throttle{RateLimit: 10, BurstLimit: 20}},
				{Method: "*", Path: "*", Throttle: usageplan.Throttle{RateLimit: 40, BurstLimit: 80}},
			}},
	}
}

func args(stage *apigateway.Stage) *usageplan.Args {
	return &usageplan.Args{
		Stage: stage,
		Tiers: tiers(),
		Consumers: []usageplan.Consumer{
			{Name: "acme", Tier: "basic"},
			{Name: "globex", Tier: "premium", KeyValue: pulumi.String(partnerValue)},
		},
	}
}

// run creates a stage, then the plans from mutate(args(stage)).
func run(t *testing.T, mutate func(a *usageplan.Args)) (*mockengine.Engine, error) {
	t.Helper()
	return mockengine.Evaluate(func(ctx *pulumi.Context) error {
		stage, err := apigateway.NewStage(ctx, "api-stage", &apigateway.StageArgs{
			RestApi: pulumi.String("a1b2c3"), Deployment: pulumi.String("d1"), StageName: pulumi.String("v1"),
		})
		if err != nil {
			return err
		}
		a := args(stage)
		if mutate != nil {
			mutate(a)
		}
		_, err = usageplan.New(ctx, "meter", a)
		return err
	})
}

func TestTiersBecomePlansOnTheStageAndConsumersKeysInThem(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	stage := e.Named(stageType, "api-stage")
	comp := e.ByType(component)[0]
	for _, r := range e.Resources() {
		if r.Type != stageType && r != comp {
			assert.Equal(t, comp.URN, r.Parent, "%s is the component's child", r.Name)
			assert.True(t, strings.HasPrefix(r.Name, "meter-"), "%s is named from the instance", r.Name)
		}
	}
	require.Len(t, e.ByType(planType), 2)

	basic := e.Named(planType, "meter-basic")
	assert.True(t, basic.DependsOn(stage), "a plan for a stage not yet created fails (Invalid API Stage)")
	assert.Equal(t, "a1b2c3", basic.Str("apiStages.0.apiId"))
	assert.Equal(t, "v1", basic.Str("apiStages.0.stage"))
	rate, _ := basic.Num("throttleSettings.rateLimit")
	burst, _ := basic.Num("throttleSettings.burstLimit")
	limit, _ := basic.Num("quotaSettings.limit")
	assert.Equal(t, []float64{5, 10, 10000}, []float64{rate, burst, limit})
	assert.Equal(t, "MONTH", basic.Str("quotaSettings.period"))
	assert.Equal(t, "Usage plan basic", basic.Str("description"))

	premium := e.Named(planType, "meter-premium")
	assert.Equal(t, "/items/POST", premium.Str("apiStages.0.throttles.0.path"))
	assert.Equal(t, "/*/*", premium.Str("apiStages.0.throttles.1.path"))
	methodRate, _ := premium.Num("apiStages.0.throttles.0.rateLimit")
	assert.Equal(t, 10.0, methodRate)

	for consumer, plan := range map[string]*mockengine.Resource{"acme": basic, "globex": premium} {
		key := e.Named(keyType, "meter-"+consumer+"-key")
		require.NotNil(t, key, consumer)
		assert.Equal(t, "meter-"+consumer, key.Str("name"))
		member := e.Named(planKeyType, "meter-"+consumer)
		require.NotNil(t, member, consumer)
		assert.True(t, member.DependsOn(key) && member.DependsOn(plan), "%s's key joins its tier's plan", consumer)
		assert.Equal(t, "API_KEY", member.Str("keyType"))
	}
	assert.NotContains(t, e.Named(keyType, "meter-acme-key").Inputs, resource.PropertyKey("value"),
		"without a value, API Gateway generates one")
}

func TestKeyValuesAreSecretAndOnlyIdsAreExported(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	for _, r := range e.ByType(keyType) {
		assert.Contains(t, r.AdditionalSecretOutputs, "value", r.Name)
	}
	given := e.Named(keyType, "meter-globex-key")
	require.Contains(t, given.Inputs, resource.PropertyKey("value"))
	assert.True(t, given.Inputs["value"].IsSecret(), "a given key value is a secret input")
	for _, r := range e.Resources() {
		for k, v := range r.Inputs {
			if !v.ContainsSecrets() {
				assert.NotContains(t, v.String(), partnerValue, "%s.%s shows a key value in plain", r.Name, k)
			}
		}
		for k, v := range r.Outputs {
			if !v.ContainsSecrets() {
				assert.NotContains(t, v.String(), partnerValue, "%s.%s exports a key value in plain", r.Name, k)
			}
		}
	}
}

func TestRotatingAKeyReplacesTheKeyAndLeavesThePlan(t *testing.T) {
	before, err := run(t, nil)
	require.NoError(t, err)
	after, err := run(t, func(a *usageplan.Args) {
		a.Consumers[0].Rotation = 1
		a.Consumers[1].KeyValue = pulumi.String(partnerValue + "-rotated")
	})
	require.NoError(t, err)
	for _, name := range []string{"meter-basic", "meter-premium"} {
		assert.Equal(t, before.Named(planType, name).Inputs, after.Named(planType, name).Inputs, name)
	}
	for _, consumer := range []string{"acme", "globex"} {
		b, a := before.Named(keyType, "meter-"+consumer+"-key"), after.Named(keyType, "meter-"+consumer+"-key")
		assert.NotEqual(t, b.Inputs, a.Inputs, "%s's key changes", consumer)
		assert.Subset(t, a.ReplaceOnChanges, []string{"value", "description"}, "a changed key is replaced, not updated")
		assert.False(t, a.DeleteBeforeReplace, "the new key exists before the old one goes")
	}
}

func TestInvalidTiersAndConsumersAreRefusedNamingTheField(t *testing.T) {
	tests := []struct {
		name string
		mut  func(a *usageplan.Args)
		want []string
	}{
		{"no stage", func(a *usageplan.Args) { a.Stage = nil }, []string{"Stage: required"}},
		{"no tiers", func(a *usageplan.Args) { a.Tiers = nil; a.Consumers = nil }, []string{"Tiers: at least one"}},
		{"negative rate", func(a *usageplan.Args) { a.Tiers[0].Throttle.RateLimit = -1 }, []string{"Tiers[0].Throttle.RateLimit", "more than 0"}},
		{"burst below rate", func(a *usageplan.Args) { a.Tiers[0].Throttle.BurstLimit = 2 }, []string{"Tiers[0].Throttle.BurstLimit", "below RateLimit"}},
		{"burst above the account", func(a *usageplan.Args) { a.Tiers[0].Throttle.BurstLimit = 6000 }, []string{"Tiers[0].Throttle.BurstLimit", "1 to 5000"}},
		{"unknown period", func(a *usageplan.Args) { a.Tiers[0].Quota.Period = "YEAR" }, []string{"Tiers[0].Quota.Period", "DAY, WEEK, MONTH"}},
		{"no quota", func(a *usageplan.Args) { a.Tiers[0].Quota = usageplan.Quota{} }, []string{"Tiers[0].Quota.Limit", "Tiers[0].Quota.Period"}},
		{"offset past limit", func(a *usageplan.Args) { a.Tiers[0].Quota.Offset = 10000 }, []string{"Tiers[0].Quota.Offset"}},
		{"offset on a day", func(a *usageplan.Args) { a.Tiers[1].Quota.Offset = 1 }, []string{"Tiers[1].Quota.Offset", "DAY"}},
		{"duplicate tier", func(a *usageplan.Args) { a.Tiers[1].Name = "basic" }, []string{"Tiers[1].Name", "already Tiers[0]"}},
		{"tier name", func(a *usageplan.Args) { a.Tiers[0].Name = "gold tier" }, []string{"Tiers[0].Name"}},
		{"method throttle above the tier", func(a *usageplan.Args) { a.Tiers[1].MethodThrottles[0].Throttle.RateLimit = 60 },
			[]string{"Tiers[1].MethodThrottles[0].Throttle", "only lower"}},
		{"method throttle method", func(a *usageplan.Args) { a.Tiers[1].MethodThrottles[0].Method = "FETCH" }, []string{"Tiers[1].MethodThrottles[0].Method"}},
		{"method throttle path", func(a *usageplan.Args) { a.Tiers[1].MethodThrottles[0].Path = "items" }, []string{"Tiers[1].MethodThrottles[0].Path"}},
		{"unknown tier", func(a *usageplan.Args) { a.Consumers[0].Tier = "gold" }, []string{"Consumers[0].Tier", `"gold" is not a tier`, "basic, premium"}},
		{"duplicate consumer", func(a *usageplan.Args) { a.Consumers[1].Name = "acme" }, []string{"Consumers[1].Name"}},
		{"short key", func(a *usageplan.Args) { a.Consumers[1].KeyValue = pulumi.String("short-secret") },
			[]string{"Consumers[1].KeyValue", "is 12 characters", "at least 20"}},
		{"key with a space", func(a *usageplan.Args) { a.Consumers[1].KeyValue = pulumi.String("has a space in it 0123456789") },
			[]string{"Consumers[1].KeyValue", "space"}},
		{"rotation of a given key", func(a *usageplan.Args) { a.Consumers[1].Rotation = 1 }, []string{"Consumers[1].Rotation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := run(t, tt.mut)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "short-secret", "an error never repeats a key value")
			for _, r := range e.Resources() {
				assert.Equal(t, stageType, r.Type, "a refused Args registers nothing (%s)", r.Name)
			}
		})
	}
}

func TestAKeyValueKnownOnlyAtDeployIsCheckedThen(t *testing.T) {
	_, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		stage, err := apigateway.NewStage(ctx, "api-stage", &apigateway.StageArgs{
			RestApi: pulumi.String("a1b2c3"), Deployment: pulumi.String("d1"), StageName: pulumi.String("v1")})
		if err != nil {
			return err
		}
		a := args(stage)
		a.Consumers[1].KeyValue = pulumi.String("tiny").ToStringOutput()
		_, err = usageplan.New(ctx, "meter", a)
		return err
	})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), `consumer "globex" is 4 characters`), err.Error())
}
