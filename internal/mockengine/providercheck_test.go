package mockengine_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// n is a logical name of exactly n characters.
func n(count int) string { return strings.Repeat("a", count) }

const role = `{"Version":"2012-10-17","Statement":[]}`

// The engine refuses, as the AWS provider's Check does before any AWS call, every name pulumi-aws cannot auto-name
// within the type's limit (pulumi-aws provider/resources.go) and every value a Terraform validator refuses
// (terraform-provider-aws internal/service/...). Each row is one kind; the limit rows pass at the limit and fail one
// past it.
func TestTheEngineRefusesWhatTheProviderRefuses(t *testing.T) {
	cases := []struct {
		name string
		fn   pulumi.RunFunc
		want []string // substrings of the error; none: accepted
	}{
		{"target group auto-name at 32 (24-character logical name)", func(ctx *pulumi.Context) error {
			_, err := awsres.NewTargetGroup(ctx, n(24), pulumi.Map{"targetType": pulumi.String("lambda")})
			return err
		}, nil},
		{"target group auto-name past 32", func(ctx *pulumi.Context) error {
			_, err := awsres.NewTargetGroup(ctx, n(25), pulumi.Map{"targetType": pulumi.String("lambda")})
			return err
		}, []string{`aws:lb/targetGroup:TargetGroup "` + n(25) + `"`, "plus 7 random chars is longer than maximum length 32"}},
		{"target group name prefix: Terraform names it, no auto-name", func(ctx *pulumi.Context) error {
			_, err := awsres.NewTargetGroup(ctx, n(40), pulumi.Map{"targetType": pulumi.String("lambda"),
				"namePrefix": pulumi.String("fn-")})
			return err
		}, nil},
		{"target group name prefix past 6", func(ctx *pulumi.Context) error {
			_, err := awsres.NewTargetGroup(ctx, "tg", pulumi.Map{"targetType": pulumi.String("lambda"),
				"namePrefix": pulumi.String("lambda-")})
			return err
		}, []string{`namePrefix "lambda-": 7 characters; 0 to 6 allowed`, "validTargetGroupNamePrefix"}},
		{"load balancer: pulumi-aws allows 255, Terraform's validName 32", func(ctx *pulumi.Context) error {
			_, err := awsres.NewLoadBalancer(ctx, n(25), nil)
			return err
		}, []string{`name "` + n(25) + `-<7 random chars>"`, "33 characters; 0 to 32 allowed", "elbv2/validate.go validName"}},
		{"load balancer at 32", func(ctx *pulumi.Context) error {
			_, err := awsres.NewLoadBalancer(ctx, n(24), nil)
			return err
		}, nil},
		{"load balancer name with an underscore", func(ctx *pulumi.Context) error {
			_, err := awsres.NewLoadBalancer(ctx, "alb", pulumi.Map{"name": pulumi.String("my_alb")})
			return err
		}, []string{`name "my_alb": only letters, digits and hyphens allowed`}},
		{"load balancer named internal-…", func(ctx *pulumi.Context) error {
			_, err := awsres.NewLoadBalancer(ctx, "alb", pulumi.Map{"name": pulumi.String("internal-api")})
			return err
		}, []string{`cannot begin with "internal-"`}},
		{"lambda function auto-name past 64", func(ctx *pulumi.Context) error {
			_, err := lambda.NewFunction(ctx, n(57), &lambda.FunctionArgs{Role: pulumi.String("arn:aws:iam::1:role/r")})
			return err
		}, []string{"plus 7 random chars is longer than maximum length 64"}},
		{"lambda function at 64", func(ctx *pulumi.Context) error {
			_, err := lambda.NewFunction(ctx, n(56), &lambda.FunctionArgs{Role: pulumi.String("arn:aws:iam::1:role/r")})
			return err
		}, nil},
		{"IAM role auto-name past 64", func(ctx *pulumi.Context) error {
			_, err := iam.NewRole(ctx, n(57), &iam.RoleArgs{AssumeRolePolicy: pulumi.String(role)})
			return err
		}, []string{"aws:iam/role:Role", "maximum length 64"}},
		{"IAM role name with a space", func(ctx *pulumi.Context) error {
			_, err := iam.NewRole(ctx, "r", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(role), Name: pulumi.String("my role")})
			return err
		}, []string{`name "my role": only letters, digits and +=,.@_- allowed`}},
		{"lambda permission statement id auto-name past 100", func(ctx *pulumi.Context) error {
			_, err := lambda.NewPermission(ctx, n(93), &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"),
				Function: pulumi.String("f"), Principal: pulumi.String("apigateway.amazonaws.com")})
			return err
		}, []string{"maximum length 100"}},
		{"SNS topic auto-name past 80", func(ctx *pulumi.Context) error {
			_, err := sns.NewTopic(ctx, n(73), &sns.TopicArgs{})
			return err
		}, []string{"aws:sns/topic:Topic", "maximum length 80"}},
		{"S3 bucket: the logical name is lower-cased, then suffixed", func(ctx *pulumi.Context) error {
			_, err := awsres.NewBucketV2(ctx, "TrustStore", nil)
			return err
		}, nil},
		{"S3 bucket auto-name past 63", func(ctx *pulumi.Context) error {
			_, err := awsres.NewBucketV2(ctx, n(56), nil)
			return err
		}, []string{"maximum length 63"}},
		{"security group whose auto-name begins with sg-", func(ctx *pulumi.Context) error {
			_, err := awsres.NewSecurityGroup(ctx, "sg", nil)
			return err
		}, []string{`name "sg-<7 random chars>"`, `cannot begin with "sg-"`}},
		{"log group name with a character Logs refuses", func(ctx *pulumi.Context) error {
			_, err := cloudwatch.NewLogGroup(ctx, "logs", &cloudwatch.LogGroupArgs{Name: pulumi.String("/api/{stage}")})
			return err
		}, []string{`name "/api/{stage}": only letters, digits and _./#- allowed`}},
		{"dashboard name with a space", func(ctx *pulumi.Context) error {
			_, err := cloudwatch.NewDashboard(ctx, "d", &cloudwatch.DashboardArgs{DashboardName: pulumi.String("my api"),
				DashboardBody: pulumi.String("{}")})
			return err
		}, []string{`dashboardName "my api"`}},
		{"a name set by the program is not auto-named, however long the logical name", func(ctx *pulumi.Context) error {
			_, err := lambda.NewFunction(ctx, n(90), &lambda.FunctionArgs{Role: pulumi.String("arn:aws:iam::1:role/r"),
				Name: pulumi.String("backend")})
			return err
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(c.fn)
			if len(c.want) == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Contains(t, err.Error(), "the AWS provider refuses it before calling AWS")
			for _, r := range e.Resources() {
				assert.False(t, r.Custom, "a refused resource is not recorded: %s", r.Name)
			}
		})
	}
}
