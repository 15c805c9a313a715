package mockengine_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// The engine must compute the same URNs the SDK hands the program, or recorded parents and dependencies would
// point at nothing.
func TestRecordedURNsMatchTheSDKs(t *testing.T) {
	var urns mockengine.Captured
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		comp := &pulumi.ResourceState{}
		if err := ctx.RegisterComponentResource("test:index:Comp", "comp", comp); err != nil {
			return err
		}
		lg, err := cloudwatch.NewLogGroup(ctx, "comp-logs", &cloudwatch.LogGroupArgs{
			RetentionInDays: pulumi.Int(7),
		}, pulumi.Parent(comp), pulumi.Protect(true), pulumi.AdditionalSecretOutputs([]string{"arn"}))
		if err != nil {
			return err
		}
		urns.Capture("comp", comp.URN())
		urns.Capture("logs", lg.URN())
		urns.Capture("logsName", lg.Name)
		return nil
	})
	require.NoError(t, err)
	got := urns.Values()
	comp := e.Named("test:index:Comp", "comp")
	logs := e.Named("aws:cloudwatch/logGroup:LogGroup", "comp-logs")
	assert.Equal(t, got["comp"], pulumi.URN(comp.URN))
	assert.Equal(t, got["logs"], pulumi.URN(logs.URN))
	assert.Equal(t, comp.URN, logs.Parent)
	assert.True(t, logs.Protect)
	assert.Equal(t, []string{"arn"}, logs.AdditionalSecretOutputs)
	assert.Equal(t, logs.Outputs["name"].StringValue(), got["logsName"], "auto-name is handed back to the program")
	assert.Regexp(t, `^comp-logs-[0-9a-f]{7}$`, got["logsName"])
}

func TestUnknownInvokeIsAClearError(t *testing.T) {
	_, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		var out map[string]any
		return ctx.Invoke("aws:index/getAmi:getAmi", nil, &out)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no synthetic answer for invoke")
}
