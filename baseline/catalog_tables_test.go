//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/waf"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafregional"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// Tables built from the catalogs' own source files, one per rule: every value the check's list accepts passes,
// and the values next to them (a name the list does not hold, an old policy, absent, empty) fail, as the check
// decides them.

// checkov checkov/terraform/checks/resource/aws/APIGatewayDomainNameTLS.py at bridgecrewio/checkov f890acf
// (2026-03-18, #7466; in every release from 3.2.510): supported_resources ["aws_api_gateway_domain_name"],
// inspected key security_policy, get_expected_values below; BaseResourceValueCheck's missing_block_result FAILED
// for an absent or empty value.
var checkovDomainTLSPolicies = []string{
	"TLS_1_2",
	"SecurityPolicy_TLS12_2018_EDGE",
	"SecurityPolicy_TLS12_PFS_2025_EDGE",
	"SecurityPolicy_TLS13_1_2_2021_06",
	"SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
	"SecurityPolicy_TLS13_1_2_PQ_2025_09",
	"SecurityPolicy_TLS13_1_3_2025_09",
	"SecurityPolicy_TLS13_1_3_FIPS_2025_09",
	"SecurityPolicy_TLS13_2025_EDGE",
}

func TestDomainTLSPolicyIsCheckovsList(t *testing.T) {
	domain := func(policy *string) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &apigateway.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
				RegionalCertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
				EndpointConfiguration:  &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String("REGIONAL")}}
			if policy != nil {
				args.SecurityPolicy = pulumi.String(*policy)
			}
			return ok(apigateway.NewDomainName(ctx, "domain", args))
		}
	}
	var cases []sdkCase
	for _, p := range checkovDomainTLSPolicies {
		cases = append(cases, sdkCase{"accepted: " + p, "domain-tls-policy", domain(&p), baseline.Pass, ""})
	}
	for _, p := range []string{
		"TLS_1_0",
		"SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09", // AWS names it; checkov's list does not
		"SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
		"tls_1_2", // the list is compared exactly
		"",
	} {
		cases = append(cases, sdkCase{"refused: " + p, "domain-tls-policy", domain(&p), baseline.Fail, "domain"})
	}
	cases = append(cases, sdkCase{"absent", "domain-tls-policy", domain(nil), baseline.Fail, "domain"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// checkov checkov/terraform/checks/resource/aws/WAFHasAnyRules.py at bridgecrewio/checkov 14fda90 (unchanged at
// 3.3.13): supported_resources aws_waf_web_acl, aws_wafregional_web_acl, aws_wafv2_web_acl; PASSED when `rules`
// or `rule` is present and not [{}], FAILED otherwise. Each type, with a rule and without.
func TestWAFHasRulesJudgesEveryTypeCheckovLists(t *testing.T) {
	wafv2ACL := func(withRule bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &wafv2.WebAclArgs{Scope: pulumi.String("REGIONAL"),
				DefaultAction: &wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
				VisibilityConfig: &wafv2.WebAclVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true),
					MetricName: pulumi.String("acl"), SampledRequestsEnabled: pulumi.Bool(true)}}
			if withRule {
				args.Rules = wafv2.WebAclRuleArray{wafv2.WebAclRuleArgs{Name: pulumi.String("geo"), Priority: pulumi.Int(0),
					Action: &wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{}},
					Statement: &wafv2.WebAclRuleStatementArgs{GeoMatchStatement: &wafv2.WebAclRuleStatementGeoMatchStatementArgs{
						CountryCodes: pulumi.StringArray{pulumi.String("KP")}}},
					VisibilityConfig: &wafv2.WebAclRuleVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true),
						MetricName: pulumi.String("geo"), SampledRequestsEnabled: pulumi.Bool(true)}}}
			}
			return ok(wafv2.NewWebAcl(ctx, "acl", args))
		}
	}
	globalACL := func(withRule bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &waf.WebAclArgs{MetricName: pulumi.String("acl"), DefaultAction: &waf.WebAclDefaultActionArgs{Type: pulumi.String("ALLOW")}}
			if withRule {
				args.Rules = waf.WebAclRuleArray{waf.WebAclRuleArgs{Priority: pulumi.Int(1), RuleId: pulumi.String("rule-1"),
					Action: &waf.WebAclRuleActionArgs{Type: pulumi.String("BLOCK")}}}
			}
			return ok(waf.NewWebAcl(ctx, "acl", args))
		}
	}
	regionalACL := func(withRule bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &wafregional.WebAclArgs{MetricName: pulumi.String("acl"),
				DefaultAction: &wafregional.WebAclDefaultActionArgs{Type: pulumi.String("ALLOW")}}
			if withRule {
				args.Rules = wafregional.WebAclRuleArray{wafregional.WebAclRuleArgs{Priority: pulumi.Int(1),
					RuleId: pulumi.String("rule-1"), Action: &wafregional.WebAclRuleActionArgs{Type: pulumi.String("BLOCK")}}}
			}
			return ok(wafregional.NewWebAcl(ctx, "acl", args))
		}
	}
	for _, c := range []sdkCase{
		{"aws_wafv2_web_acl with a rule", "waf-has-rules", wafv2ACL(true), baseline.Pass, ""},
		{"aws_wafv2_web_acl without rules", "waf-has-rules", wafv2ACL(false), baseline.Fail, "acl"},
		{"aws_waf_web_acl with a rule", "waf-has-rules", globalACL(true), baseline.Pass, ""},
		{"aws_waf_web_acl without rules", "waf-has-rules", globalACL(false), baseline.Fail, "acl"},
		{"aws_wafregional_web_acl with a rule", "waf-has-rules", regionalACL(true), baseline.Pass, ""},
		{"aws_wafregional_web_acl without rules", "waf-has-rules", regionalACL(false), baseline.Fail, "acl"},
	} {
		t.Run(c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// cdk-nag src/rules/cognito/CognitoUserPoolStrongPasswordPolicy.ts (cdklabs/cdk-nag ca6d1b5, unchanged since
// v2.38.2): on CfnUserPool, passwordPolicy must exist, minimumLength ≥ 8, and requireUppercase, requireNumbers and
// requireSymbols each true. requireLowercase is not read. Ours also asks lowercase and a length of 12 by default
// (minimumLength): each of those failures says it is stricter than COG1.
func TestPasswordPolicyAgainstCOG1(t *testing.T) {
	policy := func(length int, mut func(*cognito.UserPoolPasswordPolicyArgs)) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			p := &cognito.UserPoolPasswordPolicyArgs{MinimumLength: pulumi.Int(length), RequireLowercase: pulumi.Bool(true),
				RequireUppercase: pulumi.Bool(true), RequireNumbers: pulumi.Bool(true), RequireSymbols: pulumi.Bool(true)}
			if mut != nil {
				mut(p)
			}
			return ok(cognito.NewUserPool(ctx, "pool", &cognito.UserPoolArgs{PasswordPolicy: p}))
		}
	}
	cog1Floor := baseline.Config{}
	for _, r := range baseline.Rules() {
		if r.Slug == "user-pool-password-policy" {
			cog1Floor[r.Name()] = baseline.Setting{Reason: "COG1's own floor", Properties: map[string]any{"minimumLength": 8.0}}
		}
	}
	for _, tc := range []struct {
		name     string
		program  func(ctx *pulumi.Context) error
		cfg      baseline.Config
		want     baseline.Status
		message  string
		stricter bool
	}{
		{"COG1's floor: 8 and upper, numbers, symbols (minimumLength 8, waived)", policy(8, nil), cog1Floor, baseline.Waived, "", false},
		{"7 characters (COG1 fails it too; a waiver cannot lower a mandatory rule's findings)", policy(7, nil), cog1Floor, baseline.Fail, "shorter than 8", false},
		{"8 characters at our default 12", policy(8, nil), nil, baseline.Fail, "shorter than 12", true},
		{"12 characters, every class", policy(12, nil), nil, baseline.Pass, "", false},
		{"no uppercase (COG1 fails it)", policy(12, func(p *cognito.UserPoolPasswordPolicyArgs) { p.RequireUppercase = pulumi.Bool(false) }),
			nil, baseline.Fail, "does not set requireUppercase", false},
		{"numbers absent (COG1: !== true fails)", policy(12, func(p *cognito.UserPoolPasswordPolicyArgs) { p.RequireNumbers = nil }),
			nil, baseline.Fail, "does not set requireNumbers", false},
		{"no symbols", policy(12, func(p *cognito.UserPoolPasswordPolicyArgs) { p.RequireSymbols = pulumi.Bool(false) }),
			nil, baseline.Fail, "does not set requireSymbols", false},
		{"no lowercase (COG1 does not read it)", policy(12, func(p *cognito.UserPoolPasswordPolicyArgs) { p.RequireLowercase = pulumi.Bool(false) }),
			nil, baseline.Fail, "does not set requireLowercase", true},
		{"no password policy", func(ctx *pulumi.Context) error { return ok(cognito.NewUserPool(ctx, "pool", &cognito.UserPoolArgs{})) },
			nil, baseline.Fail, "shorter than 12", true}, // the requireLowercase line says it is ours alone
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(tc.program)
			require.NoError(t, err)
			got := evaluate(t, e.AnalyzerResources(), tc.cfg)[ruleName(t, "user-pool-password-policy")]
			require.Equal(t, tc.want, got.Status, "%v", got.Violations)
			if tc.message == "" {
				assert.Empty(t, got.Violations)
				return
			}
			var texts []string
			for _, v := range got.Violations {
				texts = append(texts, v.Message)
			}
			joined := strings.Join(texts, "\n")
			assert.Contains(t, joined, tc.message)
			if tc.stricter {
				assert.Contains(t, joined, "(stricter than cdk-nag COG1", "the output says where we ask more than COG1")
			} else {
				assert.NotContains(t, joined, "stricter than", "COG1 fails this too")
			}
		})
	}
}

// checkov CloudWatchLogGroupRetention.py (CKV_AWS_66: retention_in_days any value; absent fails) and
// CloudWatchLogGroupRetentionYear.py (CKV_AWS_338: 0 or ≥ 365 passes), bridgecrewio/checkov 03d5fda.
func TestLogGroupRetentionAgainstCKV66And338(t *testing.T) {
	group := func(days *int) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &cloudwatch.LogGroupArgs{KmsKeyId: pulumi.String(kmsKey)}
			if days != nil {
				args.RetentionInDays = pulumi.Int(*days)
			}
			return ok(cloudwatch.NewLogGroup(ctx, "logs", args))
		}
	}
	days := func(n int) *int { return &n }
	longer := baseline.Config{}
	for _, r := range baseline.Rules() {
		if r.Slug == "log-group-retention" {
			longer[r.Name()] = baseline.Setting{Properties: map[string]any{"minimumDays": 731.0}}
		}
	}
	for _, tc := range []struct {
		name     string
		program  func(ctx *pulumi.Context) error
		cfg      baseline.Config
		want     baseline.Status
		stricter bool
	}{
		{"absent (both fail it)", group(nil), nil, baseline.Fail, false},
		{"0, never expire (both pass it)", group(days(0)), nil, baseline.Fail, true},
		{"30 days (CKV_AWS_338 fails it)", group(days(30)), nil, baseline.Fail, false},
		{"365 days", group(days(365)), nil, baseline.Pass, false},
		{"365 days under a stack asking 731", group(days(365)), longer, baseline.Fail, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(tc.program)
			require.NoError(t, err)
			got := evaluate(t, e.AnalyzerResources(), tc.cfg)[ruleName(t, "log-group-retention")]
			require.Equal(t, tc.want, got.Status, "%v", got.Violations)
			for _, v := range got.Violations {
				assert.Equal(t, tc.stricter, strings.Contains(v.Message, "(stricter than CKV_AWS_"), v.Message)
			}
		})
	}
}

// checkov LambdaFunctionIsNotPublic.py (CKV_AWS_301: principal "*" fails) and LambdaServicePermission.py
// (CKV_AWS_364: a service principal needs source_arn or source_account written), bridgecrewio/checkov 03d5fda.
// Ours asks API Gateway's grant to name a path, and a non-empty source: those failures say they are stricter.
func TestLambdaPermissionAgainstCKV301And364(t *testing.T) {
	permission := func(principal string, mut func(*lambda.PermissionArgs)) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &lambda.PermissionArgs{Action: pulumi.String("lambda:InvokeFunction"), Function: pulumi.String("fn"),
				Principal: pulumi.String(principal)}
			if mut != nil {
				mut(args)
			}
			return ok(lambda.NewPermission(ctx, "invoke", args))
		}
	}
	for _, tc := range []struct {
		name     string
		program  func(ctx *pulumi.Context) error
		want     baseline.Status
		stricter bool
	}{
		{"principal * (CKV_AWS_301 fails it)", permission("*", nil), baseline.Fail, false},
		{"a service without a source (CKV_AWS_364 fails it)", permission("s3.amazonaws.com", nil), baseline.Fail, false},
		{"a service with an empty sourceArn (CKV_AWS_364 passes it)", permission("s3.amazonaws.com", func(a *lambda.PermissionArgs) {
			a.SourceArn = pulumi.String("")
		}), baseline.Fail, true},
		{"a service with a sourceAccount", permission("s3.amazonaws.com", func(a *lambda.PermissionArgs) {
			a.SourceAccount = pulumi.String("123456789012")
		}), baseline.Pass, false},
		{"API Gateway from the whole API (both pass it)", permission("apigateway.amazonaws.com", func(a *lambda.PermissionArgs) {
			a.SourceArn = pulumi.String("arn:aws:execute-api:us-east-1:123456789012:abc/*/*/*")
		}), baseline.Fail, true},
		{"API Gateway from one route", permission("apigateway.amazonaws.com", func(a *lambda.PermissionArgs) {
			a.SourceArn = pulumi.String("arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/items")
		}), baseline.Pass, false},
		{"an account principal (not a service)", permission("123456789012", nil), baseline.Pass, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(tc.program)
			require.NoError(t, err)
			got := evaluate(t, e.AnalyzerResources(), nil)[ruleName(t, "lambda-permission-scoped")]
			require.Equal(t, tc.want, got.Status, "%v", got.Violations)
			for _, v := range got.Violations {
				assert.Equal(t, tc.stricter, strings.Contains(v.Message, "(stricter than CKV_AWS_"), v.Message)
			}
		})
	}
}

// messageRow is one stack and what a rule's result must say: its status, a text its violations hold, and whether
// they say the failure is ours alone ("stricter than").
type messageRow struct {
	name, slug string
	program    func(ctx *pulumi.Context) error
	want       baseline.Status
	says       string
	stricter   bool
}

func (m messageRow) check(t *testing.T, rs []policyx.AnalyzerResource) {
	t.Helper()
	got := evaluate(t, rs, nil)[ruleName(t, m.slug)]
	require.Equal(t, m.want, got.Status, "%v", got.Violations)
	var texts []string
	for _, v := range got.Violations {
		texts = append(texts, v.Message)
	}
	joined := strings.Join(texts, "\n")
	assert.Contains(t, joined, m.says)
	if m.want == baseline.Fail {
		assert.Equal(t, m.stricter, strings.Contains(joined, "(stricter than"), joined)
	}
}

// The network rules against checkov 03d5fda's ALBDropHttpHeaders.py, AppLoadBalancerTLS12.yaml, ALBListenerHTTPS.py,
// SecurityGroupRuleDescription.py and S3 public-access checks, and cdk-nag's EC2SecurityGroupDescription.ts and
// S3BucketLevelPublicAccessProhibited.ts (ca6d1b5): where we fail what they pass, the message says so.
func TestNetworkRulesSayWhereTheyAreStricter(t *testing.T) {
	listener := func(policy string, redirect bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			action := lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"), TargetGroupArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1")}
			if redirect {
				action = lb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"),
					Redirect: &lb.ListenerDefaultActionRedirectArgs{Protocol: pulumi.String("HTTPS"), StatusCode: pulumi.String("HTTP_301")}}
			}
			return ok(lb.NewListener(ctx, "l", &lb.ListenerArgs{LoadBalancerArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1"),
				Protocol: pulumi.String("HTTPS"), SslPolicy: pulumi.String(policy), CertificateArn: pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/1"),
				DefaultActions: lb.ListenerDefaultActionArray{action}}))
		}
	}
	group := func(desc string, ruleDesc *string) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			rule := ec2.SecurityGroupIngressArgs{Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
				CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/8")}}
			if ruleDesc != nil {
				rule.Description = pulumi.String(*ruleDesc)
			}
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String(desc),
				Ingress: ec2.SecurityGroupIngressArray{rule}}))
		}
	}
	described := "HTTPS from the VPC"
	for _, m := range []messageRow{
		{"TLS13-1-0 policy (CKV_AWS_103 passes every TLS13*)", "lb-listener-tls", listener("ELBSecurityPolicy-TLS13-1-0-2021-06", false),
			baseline.Fail, "not TLS 1.2+", true},
		{"a TLS 1.0 policy (CKV_AWS_103 fails it)", "lb-listener-tls", listener("ELBSecurityPolicy-2016-08", false),
			baseline.Fail, "stricter than CKV_AWS_2,", true},
		{"a TLS 1.0 policy redirecting to HTTPS (both pass it)", "lb-listener-tls", listener("ELBSecurityPolicy-2016-08", true),
			baseline.Fail, "stricter than CKV_AWS_103 and CKV_AWS_2", true},
		{"TLS13-1-2 policy", "lb-listener-tls", listener("ELBSecurityPolicy-TLS13-1-2-2021-06", false), baseline.Pass, "", false},
		{"a group described in one UTF-16 unit (EC27 counts .length)", "sg-described", group("é", &described),
			baseline.Fail, "a description of 1 character; EC27 asks 2 or more", false},
		{"a group with no description (both fail it)", "sg-described", group("", &described),
			baseline.Fail, "has no description (CKV_AWS_23, EC27)", false},
		{"an inline rule without a description", "sg-described", group("API endpoint", nil),
			baseline.Fail, "ingress rule 0 has no description (CKV_AWS_23)", false},
		{"a bucket with no public access block (S2 passes it)", "s3-public-access", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucketV2(ctx, "bare", &s3.BucketV2Args{}))
		}, baseline.Fail, "bucket bare has no public access block", true},
	} {
		t.Run(m.slug+"/"+m.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(m.program)
			require.NoError(t, err)
			m.check(t, e.AnalyzerResources())
		})
	}
	t.Run("sg-described/a description known only after deploy still has its inline rules judged", func(t *testing.T) {
		e, err := mockengine.Evaluate(group("API endpoint", nil))
		require.NoError(t, err)
		rs := e.AnalyzerResources()
		mutate(t, rs, "aws:ec2/securityGroup:SecurityGroup", "api-sg", "description", val(property.Computed))
		messageRow{slug: "sg-described", want: baseline.Fail, says: "ingress rule 0 has no description"}.check(t, rs)
	})
}

// cdk-nag APIGWAccessLogging.ts (APIG1: destinationArn and format) and checkov APIGatewayAccessLogging.py
// (CKV_AWS_76: destination_arn), APIGWAuthorization.ts (APIG4's OPTIONS exemption: every method response 204 with
// an Access-Control-Allow-* header): where ours fails what they pass, the message says so.
func TestAPIGatewayRulesSayWhereTheyAreStricter(t *testing.T) {
	const api = "abc123"
	stage := func(format bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			logs := &apigateway.StageAccessLogSettingsArgs{DestinationArn: pulumi.String("arn:aws:logs:us-east-1:123456789012:log-group:access")}
			if format {
				logs.Format = pulumi.String(`{"requestId":"$context.requestId"}`)
			}
			return ok(apigateway.NewStage(ctx, "stage", &apigateway.StageArgs{RestApi: pulumi.String(api), StageName: pulumi.String("v1"),
				Deployment: pulumi.String("d1"), AccessLogSettings: logs}))
		}
	}
	preflight := func(integration string, responses bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			m, err := apigateway.NewMethod(ctx, "options", &apigateway.MethodArgs{RestApi: pulumi.String(api), ResourceId: pulumi.String("r1"),
				HttpMethod: pulumi.String("OPTIONS"), Authorization: pulumi.String("NONE")})
			if err != nil {
				return err
			}
			args := &apigateway.IntegrationArgs{RestApi: pulumi.String(api), ResourceId: pulumi.String("r1"), HttpMethod: m.HttpMethod,
				Type: pulumi.String(integration)}
			if integration != "MOCK" {
				args.IntegrationHttpMethod, args.Uri = pulumi.String("GET"), pulumi.String("https://backend.example.com/")
			}
			if _, err := apigateway.NewIntegration(ctx, "options-integration", args); err != nil {
				return err
			}
			if !responses {
				return nil
			}
			return ok(apigateway.NewMethodResponse(ctx, "options-204", &apigateway.MethodResponseArgs{RestApi: pulumi.String(api),
				ResourceId: pulumi.String("r1"), HttpMethod: m.HttpMethod, StatusCode: pulumi.String("204"),
				ResponseParameters: pulumi.BoolMap{"method.response.header.Access-Control-Allow-Origin": pulumi.Bool(true)}}))
		}
	}
	for _, m := range []messageRow{
		{"destination and format", "stage-access-logging", stage(true), baseline.Pass, "", false},
		{"a destination without a format (CKV_AWS_76 passes it, APIG1 fails it)", "stage-access-logging", stage(false),
			baseline.Fail, "has no access log format (stricter than CKV_AWS_76", true},
		{"a Deployment's stageName stage (no catalog sees it)", "stage-access-logging", func(ctx *pulumi.Context) error {
			return ok(apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: pulumi.String(api), StageName: pulumi.String("old")}))
		}, baseline.Fail, "judge Stage resources only", true},
		{"a MOCK preflight answering 204 with CORS headers (APIG4's exemption)", "method-preflight-is-mock", preflight("MOCK", true),
			baseline.Pass, "", false},
		{"a preflight proxied to a backend (APIG4 exempts it by its responses)", "method-preflight-is-mock", preflight("HTTP", true),
			baseline.Fail, "its integration is not a MOCK (stricter than cdk-nag APIG4", true},
		{"a MOCK preflight with no method responses (APIG4's every() exempts it)", "method-preflight-is-mock", preflight("MOCK", false),
			baseline.Fail, "declares no method responses (stricter than cdk-nag APIG4", true},
	} {
		t.Run(m.slug+"/"+m.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(m.program)
			require.NoError(t, err)
			m.check(t, e.AnalyzerResources())
		})
	}
}

// checkov 03d5fda: APIGatewayMethodSettingsCacheEncrypted.py (CKV_AWS_308: caching_enabled implies
// cache_data_encrypted, each absent read as false), APIGatewayMethodSettingsDataTrace.py (CKV_AWS_276: a negative
// check, data_trace_enabled true forbidden, absent passes), APIGatewayXray.py (CKV_AWS_73: xray_tracing_enabled
// true on aws_api_gateway_stage, absent fails).
func TestMethodSettingsAndXRayAgainstCheckov(t *testing.T) {
	ms := func(s *apigateway.MethodSettingsSettingsArgs) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			return ok(apigateway.NewMethodSettings(ctx, "ms", &apigateway.MethodSettingsArgs{RestApi: pulumi.String("a"),
				StageName: pulumi.String("v1"), MethodPath: pulumi.String("items/GET"), Settings: s}))
		}
	}
	for _, c := range []sdkCase{
		{"308 caching, encryption absent", "method-cache-encrypted", ms(&apigateway.MethodSettingsSettingsArgs{CachingEnabled: pulumi.Bool(true)}), baseline.Fail, "ms"},
		{"308 caching off (nothing caches: not judged)", "method-cache-encrypted", ms(&apigateway.MethodSettingsSettingsArgs{CachingEnabled: pulumi.Bool(false)}), baseline.NA, ""},
		{"276 absent", "method-data-trace-off", ms(&apigateway.MethodSettingsSettingsArgs{MetricsEnabled: pulumi.Bool(true)}), baseline.Pass, ""},
		{"276 true", "method-data-trace-off", ms(&apigateway.MethodSettingsSettingsArgs{DataTraceEnabled: pulumi.Bool(true)}), baseline.Fail, "ms"},
		{"73 absent", "stage-xray-tracing", func(ctx *pulumi.Context) error {
			return ok(apigateway.NewStage(ctx, "st", &apigateway.StageArgs{RestApi: pulumi.String("a"), StageName: pulumi.String("v1"), Deployment: pulumi.String("d")}))
		}, baseline.Fail, "st"},
	} {
		t.Run(c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}
