package baseline_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func recording(t *testing.T, program pulumi.RunFunc) []policyx.AnalyzerResource {
	t.Helper()
	e, err := mockengine.Evaluate(program)
	require.NoError(t, err)
	return e.AnalyzerResources()
}

// A user pool built through the typed SDK with what each catalog fails; components/userpool passes them all.
func TestUserPoolRulesThroughTheSDK(t *testing.T) {
	strong := &cognito.UserPoolPasswordPolicyArgs{MinimumLength: pulumi.Int(14), RequireLowercase: pulumi.Bool(true),
		RequireUppercase: pulumi.Bool(true), RequireNumbers: pulumi.Bool(true), RequireSymbols: pulumi.Bool(true)}
	// secure is a pool each row weakens in one way.
	secure := func() *cognito.UserPoolArgs {
		return &cognito.UserPoolArgs{PasswordPolicy: strong, MfaConfiguration: pulumi.String("ON"),
			SoftwareTokenMfaConfiguration: &cognito.UserPoolSoftwareTokenMfaConfigurationArgs{Enabled: pulumi.Bool(true)},
			UserPoolAddOns:                &cognito.UserPoolUserPoolAddOnsArgs{AdvancedSecurityMode: pulumi.String("ENFORCED")},
			UserPoolTier:                  pulumi.String("PLUS"), DeletionProtection: pulumi.String("ACTIVE")}
	}
	all := []string{"user-pool-password-policy", "user-pool-mfa", "user-pool-threat-protection", "user-pool-plus-tier",
		"user-pool-deletion-protection"}
	for _, tc := range []struct {
		name, slug string
		weaken     func(a *cognito.UserPoolArgs)
	}{
		{"COG1: no password policy", "user-pool-password-policy", func(a *cognito.UserPoolArgs) { a.PasswordPolicy = nil }},
		{"COG1: symbols not required", "user-pool-password-policy", func(a *cognito.UserPoolArgs) {
			a.PasswordPolicy = &cognito.UserPoolPasswordPolicyArgs{MinimumLength: pulumi.Int(14), RequireLowercase: pulumi.Bool(true),
				RequireUppercase: pulumi.Bool(true), RequireNumbers: pulumi.Bool(true)}
		}},
		{"COG2: MFA OPTIONAL", "user-pool-mfa", func(a *cognito.UserPoolArgs) { a.MfaConfiguration = pulumi.String("OPTIONAL") }},
		{"COG2: MFA unset", "user-pool-mfa", func(a *cognito.UserPoolArgs) { a.MfaConfiguration = nil }},
		{"Cognito.1: threat protection AUDIT", "user-pool-threat-protection", func(a *cognito.UserPoolArgs) {
			a.UserPoolAddOns = &cognito.UserPoolUserPoolAddOnsArgs{AdvancedSecurityMode: pulumi.String("AUDIT")}
		}},
		{"Cognito.1: no add-ons", "user-pool-threat-protection", func(a *cognito.UserPoolArgs) { a.UserPoolAddOns = nil }},
		{"COG8: ESSENTIALS tier", "user-pool-plus-tier", func(a *cognito.UserPoolArgs) { a.UserPoolTier = pulumi.String("ESSENTIALS") }},
		{"COG8: tier unset", "user-pool-plus-tier", func(a *cognito.UserPoolArgs) { a.UserPoolTier = nil }},
		{"Cognito.6: deletion protection unset", "user-pool-deletion-protection", func(a *cognito.UserPoolArgs) { a.DeletionProtection = nil }},
		{"Cognito.6: deletion protection INACTIVE", "user-pool-deletion-protection", func(a *cognito.UserPoolArgs) {
			a.DeletionProtection = pulumi.String("INACTIVE")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := recording(t, func(ctx *pulumi.Context) error {
				args := secure()
				tc.weaken(args)
				_, err := cognito.NewUserPool(ctx, "pool", args)
				return err
			})
			results := evaluate(t, rs, nil)
			for _, slug := range all {
				got := results[ruleName(t, slug)]
				if slug != tc.slug {
					assert.Equal(t, baseline.Pass, got.Status, "%s: %v", slug, got.Violations)
					continue
				}
				require.Equal(t, baseline.Fail, got.Status, "%v", got.Violations)
				assert.Equal(t, urnOf(rs, pool), got.Violations[0].URN)
			}
		})
	}
	rs := recording(t, func(ctx *pulumi.Context) error {
		_, err := userpool.New(ctx, "users", &userpool.Args{Tier: "PLUS", Protect: true})
		return err
	})
	results := evaluate(t, rs, nil)
	for _, slug := range all {
		assert.Equal(t, baseline.Pass, results[ruleName(t, slug)].Status, "components/userpool: %s", slug)
	}
}

// checkov CKV_AWS_173 (Terraform) fails a kms_key_arn with no environment even when it is "": the attribute is set.
func TestEnvironmentKeyWithoutVariablesFailsEvenWhenEmpty(t *testing.T) {
	rs := recording(t, func(ctx *pulumi.Context) error {
		role, err := lambdaRole(ctx, "fn-role", nil)
		if err != nil {
			return err
		}
		_, err = lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: role.Arn, Runtime: pulumi.String("provided.al2023"),
			Handler: pulumi.String("bootstrap"), ReservedConcurrentExecutions: pulumi.Int(5), KmsKeyArn: pulumi.String("")})
		return err
	})
	got := evaluate(t, rs, nil)[ruleName(t, "lambda-environment-kms")]
	require.Equal(t, baseline.Fail, got.Status, "%v", got.Violations)
	assert.Equal(t, urnOf(rs, function, "fn"), got.Violations[0].URN)
}

// lambdaRole is a role Lambda may assume, with the given inline policies.
func lambdaRole(ctx *pulumi.Context, name string, inline iam.RoleInlinePolicyArrayInput) (*iam.Role, error) {
	return iam.NewRole(ctx, name, &iam.RoleArgs{AssumeRolePolicy: pulumi.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		InlinePolicies: inline})
}
