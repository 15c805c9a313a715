package apiaccount

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PushToCloudWatchLogsPolicyArn is the AWS managed policy API Gateway's logging role needs.
const PushToCloudWatchLogsPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"

// Args configures the account settings. Everything is optional.
type Args struct {
	// RoleArn is an existing role API Gateway may assume to write logs (another stack's, e.g. through a
	// pulumi.StackReference); no role is created. It needs the AmazonAPIGatewayPushToCloudWatchLogs policy and a
	// trust policy for apigateway.amazonaws.com. Optional; defaults to creating that role.
	RoleArn pulumi.StringInput
	// Tags are applied to the role. Optional.
	Tags pulumi.StringMap
}

// Validate exists for symmetry with the other components; every Args value is valid.
func (a *Args) Validate() error { return nil }

// Account is the account-level API Gateway CloudWatch role and setting.
type Account struct {
	pulumi.ResourceState

	// RoleArn is the role API Gateway writes execution logs with.
	RoleArn pulumi.StringOutput `pulumi:"roleArn"`
}

// New creates the role (unless Args.RoleArn names one) and points the region's API Gateway account setting at it.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Account, error) {
	if args == nil {
		args = &Args{}
	}
	c := &Account{}
	if err := ctx.RegisterComponentResource("secure-apigw:apigateway:Account", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	roleArn, after := args.RoleArn, []pulumi.Resource(nil)
	if roleArn == nil {
		role, attach, err := newRole(ctx, name, args.Tags, parent)
		if err != nil {
			return nil, err
		}
		roleArn, after = role.Arn, []pulumi.Resource{attach}
	}
	if _, err := apigateway.NewAccount(ctx, name+"-settings", &apigateway.AccountArgs{
		CloudwatchRoleArn: roleArn,
		// Deprecated upstream, but v6 still acts on it: false leaves the region's setting for other APIs.
		ResetOnDelete: pulumi.Bool(false), //nolint:staticcheck // SA1019, see above
	}, parent, pulumi.DependsOn(after), pulumi.RetainOnDelete(true)); err != nil {
		return nil, fmt.Errorf("set account cloudwatch role: %w", err)
	}
	c.RoleArn = roleArn.ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"roleArn": c.RoleArn}); err != nil {
		return nil, err
	}
	return c, nil
}

// newRole is the logging role with the AWS managed policy; both are retained on delete, as every API in the region
// logs through them.
func newRole(ctx *pulumi.Context, name string, tags pulumi.StringMap, parent pulumi.ResourceOption,
) (*iam.Role, *iam.RolePolicyAttachment, error) {
	trust, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "apigateway.amazonaws.com"},
			"Action":    "sts:AssumeRole",
		}},
	})
	role, err := iam.NewRole(ctx, name+"-cloudwatch-role", &iam.RoleArgs{
		Description:      pulumi.String("Lets API Gateway write execution logs for every API in this region"),
		AssumeRolePolicy: pulumi.String(string(trust)),
		Tags:             tags,
	}, parent, pulumi.RetainOnDelete(true))
	if err != nil {
		return nil, nil, fmt.Errorf("create account cloudwatch role: %w", err)
	}
	attach, err := iam.NewRolePolicyAttachment(ctx, name+"-cloudwatch-policy", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: pulumi.String(PushToCloudWatchLogsPolicyArn),
	}, parent, pulumi.RetainOnDelete(true))
	if err != nil {
		return nil, nil, fmt.Errorf("attach account cloudwatch policy: %w", err)
	}
	return role, attach, nil
}
