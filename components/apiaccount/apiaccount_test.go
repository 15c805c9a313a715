package apiaccount_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func TestAccountRoleIsSetAndSurvivesDestroy(t *testing.T) {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := apiaccount.New(ctx, "apigw", nil)
		return err
	})
	require.NoError(t, err)
	assert.Empty(t, e.OwnershipProblems("secure-apigw:apigateway:Account", "apigw"))
	role := e.Named("aws:iam/role:Role", "apigw-cloudwatch-role")
	assert.Contains(t, role.Str("assumeRolePolicy"), "apigateway.amazonaws.com")
	attach := e.Named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "apigw-cloudwatch-policy")
	assert.Equal(t, apiaccount.PushToCloudWatchLogsPolicyArn, attach.Str("policyArn"))
	settings := e.Named("aws:apigateway/account:Account", "apigw-settings")
	assert.Equal(t, role.Outputs["arn"].StringValue(), settings.Str("cloudwatchRoleArn"))
	assert.True(t, settings.DependsOn(attach), "the role must be able to write before API Gateway checks it")
	reset, _ := settings.Bool("resetOnDelete")
	assert.False(t, reset, "other APIs in the region keep logging after this stack is destroyed")
	for _, r := range []*mockengine.Resource{role, attach, settings} {
		assert.True(t, r.RetainOnDelete, r.Name)
	}
}

// A second stack reuses the role the first made (its ARN may be a StackReference output): no role of its own.
func TestExistingRoleIsUsedAndNoRoleIsCreated(t *testing.T) {
	const shared = "arn:aws:iam::123456789012:role/shared-apigateway-logs"
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := apiaccount.New(ctx, "apigw", &apiaccount.Args{RoleArn: pulumi.String(shared).ToStringOutput()})
		return err
	})
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:iam/role:Role"))
	assert.Empty(t, e.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
	settings := e.Named("aws:apigateway/account:Account", "apigw-settings")
	require.NotNil(t, settings)
	assert.Equal(t, shared, settings.Str("cloudwatchRoleArn"))
}
