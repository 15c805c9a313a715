//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	wafclassic "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/waf"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafregional"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// trafficStack is what every row starts from: our API (one key-requiring route) with nothing protecting it yet, and
// another API fully protected (its own web ACL with logging, a usage plan), so a child that names the other one's
// stage or ACL while merely depending on ours is there to be caught.
type trafficStack struct {
	ours, other *restapi.RestAPI
	otherWAF    *waf.WebACL
}

// trafficRecording runs the row's program over trafficStack through the typed SDK on the mock engine.
func trafficRecording(t *testing.T, build func(ctx *pulumi.Context, s *trafficStack) error) []policyx.AnalyzerResource {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		route := func(key bool) []restapi.Route {
			return []restapi.Route{{Path: "/items", Method: "GET", Integration: restapi.Integration{Kind: restapi.Mock},
				ApiKeyRequired: key}}
		}
		ours, err := restapi.New(ctx, "ours", &restapi.Args{Routes: route(true)})
		if err != nil {
			return err
		}
		other, err := restapi.New(ctx, "other", &restapi.Args{Routes: route(false)})
		if err != nil {
			return err
		}
		otherWAF, err := waf.New(ctx, "other-waf", &waf.Args{Stage: other.Stage, LogKmsKeyArn: pulumi.String(kmsKey)})
		if err != nil {
			return err
		}
		return build(ctx, &trafficStack{ours: ours, other: other, otherWAF: otherWAF})
	})
	require.NoError(t, err)
	return e.AnalyzerResources()
}

// bareACL is a web ACL made without components/waf: no logging configuration, no association.
func bareACL(ctx *pulumi.Context, name string, rules wafv2.WebAclRuleArrayInput, ruleJSON pulumi.StringPtrInput) (*wafv2.WebAcl, error) {
	return wafv2.NewWebAcl(ctx, name, &wafv2.WebAclArgs{
		Scope:         pulumi.String("REGIONAL"),
		DefaultAction: &wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		VisibilityConfig: &wafv2.WebAclVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true),
			MetricName: pulumi.String(name), SampledRequestsEnabled: pulumi.Bool(true)},
		Rules: rules, RuleJson: ruleJSON,
	})
}

const (
	wildcardPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	namedPolicy    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem",` +
		`"Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/items"}]}`
	// Every inline policy of every IAM type cdk-nag IAM5 judges is read; a Deny with * is no grant (IAM5: Allow only).
	denyWildcard = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",` +
		`"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
)

// Each row builds one catalog case through the typed SDK: fail rows name the resource that must be reported (and,
// for joins, a protected resource that must not be); pass rows are the catalog's own pass cases.
func TestTrafficAndIAMRulesThroughTheSDK(t *testing.T) {
	ourStage, otherStage := named(stage, "ours-stage"), named(stage, "other-stage")
	for _, tc := range []struct {
		name, slug string
		build      func(ctx *pulumi.Context, s *trafficStack) error
		want       baseline.Status
		reported   urns   // the violation's resource (fail rows)
		spared     urns   // a resource that must not be reported (optional)
		message    string // a fail row's violation says this (optional)
	}{
		{name: "APIG3: an association naming the other stage, depending on ours", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				acl, err := bareACL(ctx, "stray-acl", nil, nil)
				if err != nil {
					return err
				}
				_, err = wafv2.NewWebAclAssociation(ctx, "stray-association", &wafv2.WebAclAssociationArgs{
					ResourceArn: s.other.Stage.Arn, WebAclArn: acl.Arn}, pulumi.DependsOn([]pulumi.Resource{s.ours.Stage}))
				return err
			}, want: baseline.Fail, reported: ourStage, spared: otherStage},
		{name: "APIGateway.4 counts a WAF Classic regional ACL; APIG3 and ours do not, and say so", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				acl, err := wafregional.NewWebAcl(ctx, "classic-acl", &wafregional.WebAclArgs{MetricName: pulumi.String("classic"),
					DefaultAction: &wafregional.WebAclDefaultActionArgs{Type: pulumi.String("ALLOW")}})
				if err != nil {
					return err
				}
				_, err = wafregional.NewWebAclAssociation(ctx, "classic-association", &wafregional.WebAclAssociationArgs{
					ResourceArn: s.ours.Stage.Arn, WebAclId: acl.ID()})
				return err
			}, want: baseline.Fail, reported: ourStage,
			message: "only a WAF Classic regional web ACL (stricter than Security Hub APIGateway.4"},
		{name: "APIG3: components/waf on our stage", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := waf.New(ctx, "ours-waf", &waf.Args{Stage: s.ours.Stage, LogKmsKeyArn: pulumi.String(kmsKey)})
				return err
			}, want: baseline.Pass},
		{name: "APIG3: an association whose ARN is written from our stage's API id and name", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := wafv2.NewWebAclAssociation(ctx, "written-association", &wafv2.WebAclAssociationArgs{
					ResourceArn: pulumi.Sprintf("arn:aws:apigateway:us-east-1::/restapis/%s/stages/%s", s.ours.RestAPIID, s.ours.StageName),
					WebAclArn:   s.otherWAF.WebACLArn})
				return err
			}, want: baseline.Pass},
		{name: "APIGateway.4: a Deployment's stageName makes a stage no web ACL protects", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: s.other.API.ID(),
					StageName: pulumi.String("old")})
				return err
			}, want: baseline.Fail, reported: named("aws:apigateway/deployment:Deployment", "implicit"), spared: otherStage},
		{name: "APIGateway.4: a Deployment's stage with an association written from its API id and name", slug: "stage-waf-associated",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				if _, err := waf.New(ctx, "ours-waf", &waf.Args{Stage: s.ours.Stage, LogKmsKeyArn: pulumi.String(kmsKey)}); err != nil {
					return err
				}
				d, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: s.other.API.ID(),
					StageName: pulumi.String("old")})
				if err != nil {
					return err
				}
				_, err = wafv2.NewWebAclAssociation(ctx, "implicit-association", &wafv2.WebAclAssociationArgs{
					ResourceArn: pulumi.Sprintf("arn:aws:apigateway:us-east-1::/restapis/%s/stages/%s", d.RestApi, d.StageName.Elem()),
					WebAclArn:   s.otherWAF.WebACLArn})
				return err
			}, want: baseline.Pass},
		{name: "CKV2_AWS_31: a logging configuration for the other ACL, depending on ours", slug: "waf-logging",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				acl, err := bareACL(ctx, "ours-acl", nil, nil)
				if err != nil {
					return err
				}
				lg, err := cloudwatchGroup(ctx, "aws-waf-logs-stray")
				if err != nil {
					return err
				}
				_, err = wafv2.NewWebAclLoggingConfiguration(ctx, "stray-logging", &wafv2.WebAclLoggingConfigurationArgs{
					ResourceArn: s.otherWAF.ACL.Arn, LogDestinationConfigs: pulumi.StringArray{lg.Arn}},
					pulumi.DependsOn([]pulumi.Resource{acl}))
				return err
			}, want: baseline.Fail, reported: named(webACL, "ours-acl"), spared: named(webACL, "other-waf-acl")},
		{name: "CKV2_AWS_31: a logging configuration naming our ACL", slug: "waf-logging",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				acl, err := bareACL(ctx, "ours-acl", nil, nil)
				if err != nil {
					return err
				}
				lg, err := cloudwatchGroup(ctx, "aws-waf-logs-ours")
				if err != nil {
					return err
				}
				_, err = wafv2.NewWebAclLoggingConfiguration(ctx, "ours-logging", &wafv2.WebAclLoggingConfigurationArgs{
					ResourceArn: acl.Arn, LogDestinationConfigs: pulumi.StringArray{lg.Arn}})
				return err
			}, want: baseline.Pass},
		{name: "CKV_AWS_175: rules only as ruleJson are not counted (checkov reads rule)", slug: "waf-has-rules",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := bareACL(ctx, "json-acl", nil, pulumi.String(jsonRules(true)))
				return err
			}, want: baseline.Fail, reported: named(webACL, "json-acl")},
		{name: "CKV_AWS_175: a WAF Classic web ACL (aws_waf_web_acl) without rules", slug: "waf-has-rules",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := wafclassic.NewWebAcl(ctx, "classic-acl", &wafclassic.WebAclArgs{MetricName: pulumi.String("classic"),
					DefaultAction: &wafclassic.WebAclDefaultActionArgs{Type: pulumi.String("ALLOW")}})
				return err
			}, want: baseline.Fail, reported: named("aws:waf/webAcl:WebAcl", "classic-acl")},
		{name: "CKV_AWS_175: a WAF Classic web ACL with a rule", slug: "waf-has-rules",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := wafclassic.NewWebAcl(ctx, "classic-acl", &wafclassic.WebAclArgs{MetricName: pulumi.String("classic"),
					DefaultAction: &wafclassic.WebAclDefaultActionArgs{Type: pulumi.String("ALLOW")},
					Rules: wafclassic.WebAclRuleArray{wafclassic.WebAclRuleArgs{Priority: pulumi.Int(1), RuleId: pulumi.String("r-1"),
						Action: &wafclassic.WebAclRuleActionArgs{Type: pulumi.String("BLOCK")}}}})
				return err
			}, want: baseline.Pass},
		{name: "waf-metrics: a ruleJson rule without CloudWatch metrics", slug: "waf-metrics",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := bareACL(ctx, "json-acl", nil, pulumi.String(jsonRules(false)))
				return err
			}, want: baseline.Fail, reported: named(webACL, "json-acl")},
		{name: "waf-metrics: a ruleJson rule with CloudWatch metrics", slug: "waf-metrics",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := bareACL(ctx, "json-acl", nil, pulumi.String(jsonRules(true)))
				return err
			}, want: baseline.Pass},
		{name: "usage plan for the other API's stage, depending on ours", slug: "api-key-methods-metered",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := apigateway.NewUsagePlan(ctx, "stray-plan", &apigateway.UsagePlanArgs{
					ApiStages: apigateway.UsagePlanApiStageArray{apigateway.UsagePlanApiStageArgs{
						ApiId: s.other.Stage.RestApi, Stage: s.other.Stage.StageName}},
					ThrottleSettings: &apigateway.UsagePlanThrottleSettingsArgs{RateLimit: pulumi.Float64(5), BurstLimit: pulumi.Int(10)},
					QuotaSettings:    &apigateway.UsagePlanQuotaSettingsArgs{Limit: pulumi.Int(1000), Period: pulumi.String("DAY")},
				}, pulumi.DependsOn([]pulumi.Resource{s.ours.Stage, s.ours.API}))
				return err
			}, want: baseline.Fail, reported: named(restAPI, "ours-api")},
		{name: "components/usageplan on our stage", slug: "api-key-methods-metered",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := usageplan.New(ctx, "plans", &usageplan.Args{Stage: s.ours.Stage,
					Tiers: []usageplan.Tier{{Name: "basic", Throttle: usageplan.Throttle{RateLimit: 5, BurstLimit: 10},
						Quota: usageplan.Quota{Limit: 1000, Period: "DAY"}}}})
				return err
			}, want: baseline.Pass},
		{name: "IAM5: a role's inline policy with Action *", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := lambdaRole(ctx, "inline-role", iam.RoleInlinePolicyArray{
					iam.RoleInlinePolicyArgs{Name: pulumi.String("named"), Policy: pulumi.String(namedPolicy)},
					iam.RoleInlinePolicyArgs{Name: pulumi.String("open"), Policy: pulumi.String(wildcardPolicy)}})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/role:Role", "inline-role")},
		{name: "IAM5: a user policy with wildcards", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewUserPolicy(ctx, "user-policy", &iam.UserPolicyArgs{User: pulumi.String("ci"),
					Policy: pulumi.String(wildcardPolicy)})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/userPolicy:UserPolicy", "user-policy")},
		{name: "IAM5: a group policy with wildcards", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewGroupPolicy(ctx, "group-policy", &iam.GroupPolicyArgs{Group: pulumi.String("ops"),
					Policy: pulumi.String(wildcardPolicy)})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/groupPolicy:GroupPolicy", "group-policy")},
		{name: "IAM5: a managed policy with wildcards", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewPolicy(ctx, "managed-policy", &iam.PolicyArgs{Policy: pulumi.String(wildcardPolicy)})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/policy:Policy", "managed-policy")},
		{name: "IAM5: a role policy with wildcards", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				role, err := lambdaRole(ctx, "role", nil)
				if err != nil {
					return err
				}
				_, err = iam.NewRolePolicy(ctx, "role-policy", &iam.RolePolicyArgs{Role: role.Name, Policy: pulumi.String(wildcardPolicy)})
				return err
			}, want: baseline.Fail, reported: named(rolePolicy, "role-policy")},
		{name: "IAM5: named grants inline, a Deny with *, a user and group policy without wildcards", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				if _, err := lambdaRole(ctx, "inline-role", iam.RoleInlinePolicyArray{
					iam.RoleInlinePolicyArgs{Name: pulumi.String("named"), Policy: pulumi.String(namedPolicy)},
					iam.RoleInlinePolicyArgs{Name: pulumi.String("deny"), Policy: pulumi.String(denyWildcard)}}); err != nil {
					return err
				}
				if _, err := iam.NewUserPolicy(ctx, "user-policy", &iam.UserPolicyArgs{User: pulumi.String("ci"),
					Policy: pulumi.String(namedPolicy)}); err != nil {
					return err
				}
				_, err := iam.NewGroupPolicy(ctx, "group-policy", &iam.GroupPolicyArgs{Group: pulumi.String("ops"),
					Policy: pulumi.String(namedPolicy)})
				return err
			}, want: baseline.Pass},
		{name: "IAM5: a single-statement document (Statement an object) is read like a list", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewUserPolicy(ctx, "user-policy", &iam.UserPolicyArgs{User: pulumi.String("ci"),
					Policy: pulumi.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem",` +
						`"Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/items"}}`)})
				return err
			}, want: baseline.Pass},
		{name: "IAM5: a single wildcard statement as an object", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewUserPolicy(ctx, "user-policy", &iam.UserPolicyArgs{User: pulumi.String("ci"),
					Policy: pulumi.String(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/userPolicy:UserPolicy", "user-policy")},
		{name: "IAM5: a policy given as an object, not JSON text, naming its grants", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewGroupPolicy(ctx, "group-policy", &iam.GroupPolicyArgs{Group: pulumi.String("ops"),
					Policy: objectPolicy("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/items")})
				return err
			}, want: baseline.Pass},
		{name: "IAM5: a policy given as an object with Action *", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewGroupPolicy(ctx, "group-policy", &iam.GroupPolicyArgs{Group: pulumi.String("ops"),
					Policy: objectPolicy("*", "arn:aws:dynamodb:us-east-1:123456789012:table/items")})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/groupPolicy:GroupPolicy", "group-policy"), message: `wildcard action "*"`},
		{name: "IAM5: NotAction with Resource * is no justified X-Ray grant", slug: "iam-no-wildcards",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := iam.NewUserPolicy(ctx, "user-policy", &iam.UserPolicyArgs{User: pulumi.String("ci"),
					Policy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:PassRole","Resource":"*"}]}`)})
				return err
			}, want: baseline.Fail, reported: named("aws:iam/userPolicy:UserPolicy", "user-policy")},
		{name: "CKV_AWS_301: a permission for principal *", slug: "lambda-permission-scoped",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := lambda.NewPermission(ctx, "public-invoke", &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"),
					Function: pulumi.String("fn"), Principal: pulumi.String("*")})
				return err
			}, want: baseline.Fail, reported: named(permission, "public-invoke")},
		{name: "CKV_AWS_364: a China-partition service principal without a source", slug: "lambda-permission-scoped",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := lambda.NewPermission(ctx, "s3-invoke", &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"),
					Function: pulumi.String("fn"), Principal: pulumi.String("s3.amazonaws.com.cn")})
				return err
			}, want: baseline.Fail, reported: named(permission, "s3-invoke")},
		{name: "CKV_AWS_364: a service principal with sourceAccount", slug: "lambda-permission-scoped",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := lambda.NewPermission(ctx, "s3-invoke", &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"),
					Function: pulumi.String("fn"), Principal: pulumi.String("s3.amazonaws.com"), SourceAccount: pulumi.String("123456789012")})
				return err
			}, want: baseline.Pass},
		{name: "lambda-permission-scoped: API Gateway in the China partition, from the whole API", slug: "lambda-permission-scoped",
			build: func(ctx *pulumi.Context, s *trafficStack) error {
				_, err := lambda.NewPermission(ctx, "cn-invoke", &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"),
					Function: pulumi.String("fn"), Principal: pulumi.String("apigateway.amazonaws.com.cn"),
					SourceArn: pulumi.String("arn:aws-cn:execute-api:cn-north-1:123456789012:abc/*")})
				return err
			}, want: baseline.Fail, reported: named(permission, "cn-invoke")},
		{name: "CKV_AWS_115 and CKV_AWS_173: a function with neither limit nor key", slug: "lambda-concurrency-limit",
			build: func(ctx *pulumi.Context, s *trafficStack) error { return bareFunction(ctx, "bare-fn") },
			want:  baseline.Fail, reported: named(function, "bare-fn")},
		{name: "CKV_AWS_173: environment variables without a customer key", slug: "lambda-environment-kms",
			build: func(ctx *pulumi.Context, s *trafficStack) error { return bareFunction(ctx, "bare-fn") },
			want:  baseline.Fail, reported: named(function, "bare-fn")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sdkRow{want: tc.want, reported: tc.reported, spared: tc.spared, message: tc.message}.check(t, trafficRecording(t, tc.build), tc.slug)
		})
	}
}

// jsonRules is a ruleJson (the WAFv2 API's own shape) holding one managed rule group, metrics on or off.
func jsonRules(metrics bool) string {
	on := "false"
	if metrics {
		on = "true"
	}
	return `[{"Name":"KnownBadInputs","Priority":1,"OverrideAction":{"None":{}},` +
		`"Statement":{"ManagedRuleGroupStatement":{"VendorName":"AWS","Name":"AWSManagedRulesKnownBadInputsRuleSet"}},` +
		`"VisibilityConfig":{"CloudWatchMetricsEnabled":` + on + `,"MetricName":"kbi","SampledRequestsEnabled":true}}]`
}

func bareFunction(ctx *pulumi.Context, name string) error {
	role, err := lambdaRole(ctx, name+"-role", nil)
	if err != nil {
		return err
	}
	_, err = lambda.NewFunction(ctx, name, &lambda.FunctionArgs{Role: role.Arn, Runtime: pulumi.String("provided.al2023"),
		Handler:     pulumi.String("bootstrap"),
		Environment: &lambda.FunctionEnvironmentArgs{Variables: pulumi.StringMap{"MODE": pulumi.String("x")}}})
	return err
}

// cloudwatchGroup is a WAF log destination (its name must start aws-waf-logs-).
func cloudwatchGroup(ctx *pulumi.Context, name string) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{Name: pulumi.String(name),
		RetentionInDays: pulumi.Int(365), KmsKeyId: pulumi.String(kmsKey)})
}

// objectPolicy is a one-statement policy document given as an object (pulumi.Map), which every IAM policy input
// accepts besides JSON text.
func objectPolicy(action, resource string) pulumi.Map {
	return pulumi.Map{"Version": pulumi.String("2012-10-17"), "Statement": pulumi.Array{pulumi.Map{
		"Effect": pulumi.String("Allow"), "Action": pulumi.String(action), "Resource": pulumi.StringArray{pulumi.String(resource)}}}}
}
