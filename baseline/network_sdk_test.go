//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/alb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// tlsOnly is a bucket policy denying plain HTTP on the given resources, as cdk-nag S10 reads it.
func tlsOnly(resources ...string) string {
	quoted := ""
	for i, r := range resources {
		if i > 0 {
			quoted += ","
		}
		quoted += fmt.Sprintf("%q", r)
	}
	return `{"Version":"2012-10-17","Statement":[{"Sid":"TLSOnly","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":[` + quoted + `],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
}

func tlsOnlyFor(arn string) string { return tlsOnly(arn, arn+"/*") }

// sdkCase is one stack built through the typed pulumi-aws SDK, and what one rule must say about it: want, and for a
// failure the logical name of the resource the violation names.
type sdkCase struct {
	name, slug string
	program    func(ctx *pulumi.Context) error
	want       baseline.Status
	culprit    string
}

func runSDKCase(t *testing.T, c sdkCase) {
	t.Helper()
	e, err := mockengine.Evaluate(c.program)
	require.NoError(t, err)
	rs := e.AnalyzerResources()
	got := evaluate(t, rs, baseline.Config{})[ruleName(t, c.slug)]
	require.Equal(t, c.want, got.Status, "%v", got.Violations)
	if c.culprit == "" {
		return
	}
	urn := ""
	for _, r := range rs {
		if r.Name == c.culprit {
			urn = r.URN
		}
	}
	require.NotEmpty(t, urn, "no resource named %s", c.culprit)
	var urns []string
	for _, v := range got.Violations {
		urns = append(urns, v.URN)
	}
	assert.Contains(t, urns, urn, "the violation names %s", c.culprit)
}

func ok(_ any, err error) error { return err }

// S3: the legacy Bucket and BucketV2 are both judged, inline forms count as their catalogs count them, and a child
// belongs to the bucket its `bucket` input names, never to one it merely depends on.
func TestS3RulesJudgeEveryBucketTypeAndTieChildrenByTheirBucketInput(t *testing.T) {
	enabled := &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")}
	allBlocked := func(bucket pulumi.StringInput) *s3.BucketPublicAccessBlockArgs {
		return &s3.BucketPublicAccessBlockArgs{Bucket: bucket, BlockPublicAcls: pulumi.Bool(true),
			BlockPublicPolicy: pulumi.Bool(true), IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true)}
	}
	for _, c := range []sdkCase{
		{"legacy Bucket without versioning (CKV_AWS_21 judges aws_s3_bucket)", "s3-versioning", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{}))
		}, baseline.Fail, "legacy"},
		{"legacy Bucket with inline versioning enabled", "s3-versioning", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Versioning: &s3.BucketVersioningArgs{Enabled: pulumi.Bool(true)}}))
		}, baseline.Pass, ""},
		{"legacy Bucket with inline versioning disabled", "s3-versioning", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Versioning: &s3.BucketVersioningArgs{Enabled: pulumi.Bool(false)}}))
		}, baseline.Fail, "legacy"},
		{"BucketV2 with inline versionings enabled", "s3-versioning", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{
				Versionings: s3.BucketV2VersioningArray{s3.BucketV2VersioningArgs{Enabled: pulumi.Bool(true)}}}))
		}, baseline.Pass, ""},
		{"versioning of another bucket, depending on this one", "s3-versioning", func(ctx *pulumi.Context) error {
			a, err := s3.NewBucketV2(ctx, "a", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			b, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketVersioningV2(ctx, "b-versioning", &s3.BucketVersioningV2Args{Bucket: b.ID(),
				VersioningConfiguration: enabled}, pulumi.DependsOn([]pulumi.Resource{a})))
		}, baseline.Fail, "a"},
		{"versioning naming the bucket by its name", "s3-versioning", func(ctx *pulumi.Context) error {
			if _, err := s3.NewBucketV2(ctx, "named", &s3.BucketV2Args{Bucket: pulumi.String("named-bucket")}); err != nil {
				return err
			}
			return ok(s3.NewBucketVersioningV2(ctx, "named-versioning", &s3.BucketVersioningV2Args{
				Bucket: pulumi.String("named-bucket"), VersioningConfiguration: enabled}))
		}, baseline.Pass, ""},
		{"legacy Bucket without a public access block (S2, S3.8)", "s3-public-access", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{}))
		}, baseline.Fail, "legacy"},
		{"legacy Bucket with its public access block", "s3-public-access", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPublicAccessBlock(ctx, "legacy-pab", allBlocked(b.ID())))
		}, baseline.Pass, ""},
		{"public access block of another bucket, depending on this one", "s3-public-access", func(ctx *pulumi.Context) error {
			a, err := s3.NewBucketV2(ctx, "a", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			b, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			if _, err := s3.NewBucketPublicAccessBlock(ctx, "a-pab", allBlocked(a.ID())); err != nil {
				return err
			}
			return ok(s3.NewBucketPublicAccessBlock(ctx, "b-pab", allBlocked(pulumi.String("some-other-bucket")),
				pulumi.DependsOn([]pulumi.Resource{b})))
		}, baseline.Fail, "b"},
		{"legacy Bucket without a TLS-only policy (S10 judges every bucket)", "s3-tls-only", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")}))
		}, baseline.Fail, "legacy"},
		{"legacy Bucket with an inline TLS-only policy", "s3-tls-only", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket"),
				Policy: pulumi.String(tlsOnlyFor("arn:aws:s3:::legacy-bucket"))}))
		}, baseline.Pass, ""},
		{"policy denying plain HTTP on the objects only (S10 asks ARN and ARN/*)", "s3-tls-only", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "legacy-policy", &s3.BucketPolicyArgs{Bucket: b.ID(),
				Policy: pulumi.String(tlsOnly("arn:aws:s3:::legacy-bucket/*"))}))
		}, baseline.Fail, "legacy"},
		{"policy denying plain HTTP on another bucket's ARNs", "s3-tls-only", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "legacy-policy", &s3.BucketPolicyArgs{Bucket: b.ID(),
				Policy: pulumi.String(tlsOnlyFor("arn:aws:s3:::other-bucket"))}))
		}, baseline.Fail, "legacy"},
		{"policy on the bucket's ARN and ARN/*, by name", "s3-tls-only", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "legacy-policy", &s3.BucketPolicyArgs{Bucket: b.ID(),
				Policy: pulumi.String(tlsOnlyFor("arn:aws:s3:::legacy-bucket"))}))
		}, baseline.Pass, ""},
		{"policy on the bucket's ARN output and ARN/*", "s3-tls-only", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "modern-policy", &s3.BucketPolicyArgs{Bucket: b.ID(),
				Policy: b.Arn.ApplyT(tlsOnlyFor).(pulumi.StringOutput)}))
		}, baseline.Pass, ""},
		{"policy given as an object rather than JSON text", "s3-tls-only", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "legacy-policy", &s3.BucketPolicyArgs{Bucket: b.ID(), Policy: pulumi.Map{
				"Version": pulumi.String("2012-10-17"),
				"Statement": pulumi.Array{pulumi.Map{"Effect": pulumi.String("Deny"), "Principal": pulumi.String("*"),
					"Action":    pulumi.String("s3:*"),
					"Resource":  pulumi.StringArray{pulumi.String("arn:aws:s3:::legacy-bucket"), pulumi.String("arn:aws:s3:::legacy-bucket/*")},
					"Condition": pulumi.Map{"Bool": pulumi.Map{"aws:SecureTransport": pulumi.String("false")}}}},
			}}))
		}, baseline.Pass, ""},
		{"policy of another bucket, depending on this one", "s3-tls-only", func(ctx *pulumi.Context) error {
			a, err := s3.NewBucketV2(ctx, "a", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			b, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			if _, err := s3.NewBucketPolicy(ctx, "a-policy", &s3.BucketPolicyArgs{Bucket: a.ID(),
				Policy: a.Arn.ApplyT(tlsOnlyFor).(pulumi.StringOutput)}); err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "b-policy", &s3.BucketPolicyArgs{Bucket: a.ID(),
				Policy: a.Arn.ApplyT(tlsOnlyFor).(pulumi.StringOutput)}, pulumi.DependsOn([]pulumi.Resource{b})))
		}, baseline.Fail, "b"},
		{"ownership controls keeping ACLs", "s3-acls-disabled", func(ctx *pulumi.Context) error {
			return ok(s3.NewBucketOwnershipControls(ctx, "own", &s3.BucketOwnershipControlsArgs{Bucket: pulumi.String("x"),
				Rule: &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("ObjectWriter")}}))
		}, baseline.Fail, "own"},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// Load balancers: the aws:alb/* aliases are judged as aws:lb/* are, and CKV_AWS_131 exempts only network LBs.
func TestLoadBalancerRulesJudgeTheALBAliases(t *testing.T) {
	forward := func() alb.ListenerDefaultActionArray {
		return alb.ListenerDefaultActionArray{alb.ListenerDefaultActionArgs{Type: pulumi.String("forward"),
			TargetGroupArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/t/1")}}
	}
	listener := func(protocol, policy string, actions alb.ListenerDefaultActionArray) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &alb.ListenerArgs{LoadBalancerArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/a/1"),
				DefaultActions: actions}
			if protocol != "" {
				args.Protocol = pulumi.String(protocol)
			}
			if policy != "" {
				args.SslPolicy = pulumi.String(policy)
			}
			return ok(alb.NewListener(ctx, "listener", args))
		}
	}
	for _, c := range []sdkCase{
		{"alb.LoadBalancer passing invalid headers", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			return ok(alb.NewLoadBalancer(ctx, "alias-alb", &alb.LoadBalancerArgs{EnableDeletionProtection: pulumi.Bool(true)}))
		}, baseline.Fail, "alias-alb"},
		{"alb.LoadBalancer dropping invalid headers", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			return ok(alb.NewLoadBalancer(ctx, "alias-alb", &alb.LoadBalancerArgs{DropInvalidHeaderFields: pulumi.Bool(true)}))
		}, baseline.Pass, ""},
		// ALBDropHttpHeaders.py: load_balancer_type gateway or network is UNKNOWN (223b2f8, "Fix CKV_AWS_131 check
		// for gateway lb"); ELB.4 judges application LBs.
		{"a gateway LB is not judged (CKV_AWS_131: UNKNOWN)", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			return ok(lb.NewLoadBalancer(ctx, "gwlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("gateway")}))
		}, baseline.NA, ""},
		{"a gateway LB beside an ALB that drops nothing: the ALB is reported", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			if _, err := lb.NewLoadBalancer(ctx, "gwlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("gateway")}); err != nil {
				return err
			}
			return ok(lb.NewLoadBalancer(ctx, "app", &lb.LoadBalancerArgs{}))
		}, baseline.Fail, "app"},
		{"a network LB is not judged", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			return ok(lb.NewLoadBalancer(ctx, "nlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("network")}))
		}, baseline.NA, ""},
		{"alb.LoadBalancer without deletion protection", "lb-deletion-protection", func(ctx *pulumi.Context) error {
			return ok(alb.NewLoadBalancer(ctx, "alias-alb", &alb.LoadBalancerArgs{DropInvalidHeaderFields: pulumi.Bool(true)}))
		}, baseline.Fail, "alias-alb"},
		{"alb.LoadBalancer with deletion protection", "lb-deletion-protection", func(ctx *pulumi.Context) error {
			return ok(alb.NewLoadBalancer(ctx, "alias-alb", &alb.LoadBalancerArgs{EnableDeletionProtection: pulumi.Bool(true)}))
		}, baseline.Pass, ""},
		{"alb.Listener serving HTTP", "lb-listener-tls", listener("HTTP", "", forward()), baseline.Fail, "listener"},
		{"alb.Listener on HTTPS with a TLS 1.0 policy", "lb-listener-tls", listener("HTTPS", "ELBSecurityPolicy-2016-08", forward()),
			baseline.Fail, "listener"},
		{"alb.Listener on HTTPS with ELBSecurityPolicy-TLS13-1-2-2021-06", "lb-listener-tls",
			listener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", forward()), baseline.Pass, ""},
		{"alb.Listener on HTTP redirecting to HTTPS", "lb-listener-tls", listener("HTTP", "", alb.ListenerDefaultActionArray{
			alb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"), Redirect: &alb.ListenerDefaultActionRedirectArgs{
				Protocol: pulumi.String("HTTPS"), StatusCode: pulumi.String("HTTP_301")}}}), baseline.Pass, ""},
		{"alb.Listener on TCP", "lb-listener-tls", listener("TCP", "", forward()), baseline.Pass, ""},
		{"a listener without a protocol redirecting to HTTPS (CKV_AWS_2 asks the protocol)", "lb-listener-tls",
			listener("", "", alb.ListenerDefaultActionArray{alb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"),
				Redirect: &alb.ListenerDefaultActionRedirectArgs{Protocol: pulumi.String("HTTPS"), StatusCode: pulumi.String("HTTP_301")}}}),
			baseline.Fail, "listener"},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// Security groups: every group, every inline rule and every standalone rule type is described (CKV_AWS_23, EC27);
// EC23 judges ingress in all three forms.
func TestSecurityGroupRulesJudgeEveryRuleForm(t *testing.T) {
	rule := func(desc string) ec2.SecurityGroupIngressArray {
		r := ec2.SecurityGroupIngressArgs{Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
			CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/16")}}
		if desc != "" {
			r.Description = pulumi.String(desc)
		}
		return ec2.SecurityGroupIngressArray{r}
	}
	for _, c := range []sdkCase{
		{"a described group with an undescribed inline rule", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("API endpoint"),
				Ingress: rule("")}))
		}, baseline.Fail, "api-sg"},
		{"a described group with an undescribed inline egress rule", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("API endpoint"),
				Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{Protocol: pulumi.String("-1"),
					FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/16")}}}}))
		}, baseline.Fail, "api-sg"},
		{"a described group whose inline rules are described", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("API endpoint"),
				Ingress: rule("HTTPS from the VPC")}))
		}, baseline.Pass, ""},
		{"an undescribed vpc.SecurityGroupIngressRule", "sg-described", func(ctx *pulumi.Context) error {
			return ok(vpc.NewSecurityGroupIngressRule(ctx, "in", &vpc.SecurityGroupIngressRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrIpv4: pulumi.String("10.0.0.0/16")}))
		}, baseline.Fail, "in"},
		{"an undescribed vpc.SecurityGroupEgressRule", "sg-described", func(ctx *pulumi.Context) error {
			return ok(vpc.NewSecurityGroupEgressRule(ctx, "out", &vpc.SecurityGroupEgressRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				IpProtocol: pulumi.String("-1"), CidrIpv4: pulumi.String("10.0.0.0/16")}))
		}, baseline.Fail, "out"},
		{"a described vpc.SecurityGroupIngressRule", "sg-described", func(ctx *pulumi.Context) error {
			return ok(vpc.NewSecurityGroupIngressRule(ctx, "in", &vpc.SecurityGroupIngressRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
				CidrIpv4: pulumi.String("10.0.0.0/16"), Description: pulumi.String("HTTPS from the VPC")}))
		}, baseline.Pass, ""},
		{"an undescribed ec2.SecurityGroupRule egress", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroupRule(ctx, "rule", &ec2.SecurityGroupRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				Type: pulumi.String("egress"), Protocol: pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0),
				CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/16")}}))
		}, baseline.Fail, "rule"},
		{"vpc.SecurityGroupIngressRule from 0.0.0.0/0", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(vpc.NewSecurityGroupIngressRule(ctx, "in", &vpc.SecurityGroupIngressRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrIpv4: pulumi.String("0.0.0.0/0")}))
		}, baseline.Fail, "in"},
		{"ec2.SecurityGroupRule ingress from ::/0", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroupRule(ctx, "rule", &ec2.SecurityGroupRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				Type: pulumi.String("ingress"), Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
				Ipv6CidrBlocks: pulumi.StringArray{pulumi.String("::/0")}}))
		}, baseline.Fail, "rule"},
		{"open egress is not EC23's business", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("egress only"),
				Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{Protocol: pulumi.String("-1"),
					FromPort: pulumi.Int(0), ToPort: pulumi.Int(0), CidrBlocks: pulumi.StringArray{pulumi.String("0.0.0.0/0")}}}}))
		}, baseline.Pass, ""},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// API Gateway: CKV_AWS_206's exact list; a mapping belongs to the domain and API its inputs name; a route goes
// through a link its body names.
func TestDomainAndRouteRulesReadTheNamingInputs(t *testing.T) {
	domain := func(ctx *pulumi.Context, policy string) (*apigateway.DomainName, error) {
		return apigateway.NewDomainName(ctx, "domain", &apigateway.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
			RegionalCertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
			EndpointConfiguration:  &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String("REGIONAL")},
			SecurityPolicy:         pulumi.String(policy),
			MutualTlsAuthentication: &apigateway.DomainNameMutualTlsAuthenticationArgs{
				TruststoreUri: pulumi.String("s3://truststore/ca.pem")}})
	}
	tlsPolicy := func(policy string) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error { return ok(domain(ctx, policy)) }
	}
	// mapped is behind the mTLS domain with its default endpoint off; open is not mapped, but the mapping depends on it.
	mtls := func(mappedOff bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			d, err := domain(ctx, "TLS_1_2")
			if err != nil {
				return err
			}
			mapped, err := apigateway.NewRestApi(ctx, "mapped", &apigateway.RestApiArgs{DisableExecuteApiEndpoint: pulumi.Bool(mappedOff)})
			if err != nil {
				return err
			}
			open, err := apigateway.NewRestApi(ctx, "open", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			return ok(apigateway.NewBasePathMapping(ctx, "mapping", &apigateway.BasePathMappingArgs{DomainName: d.DomainName,
				RestApi: mapped.ID(), StageName: pulumi.String("v1")}, pulumi.DependsOn([]pulumi.Resource{open})))
		}
	}
	const viaLink = `{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{` +
		`"x-amazon-apigateway-integration":{"type":"http_proxy","httpMethod":"GET","uri":"https://b.example.com/x",` +
		`"connectionType":"VPC_LINK","connectionId":"%s"}}}}}`
	const vpcePolicy = `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*",` +
		`"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}},` +
		`{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*",` +
		`"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}`
	// private is a PRIVATE API whose policy is a standalone RestApiPolicy naming target (private or other).
	private := func(toOther bool) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			endpoint := &apigateway.RestApiEndpointConfigurationArgs{Types: pulumi.String("PRIVATE"),
				VpcEndpointIds: pulumi.StringArray{pulumi.String("vpce-1")}}
			api, err := apigateway.NewRestApi(ctx, "private", &apigateway.RestApiArgs{EndpointConfiguration: endpoint})
			if err != nil {
				return err
			}
			other, err := apigateway.NewRestApi(ctx, "other", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			target := api.ID()
			if toOther {
				target = other.ID()
			}
			return ok(apigateway.NewRestApiPolicy(ctx, "private-policy", &apigateway.RestApiPolicyArgs{RestApiId: target,
				Policy: pulumi.String(vpcePolicy)}, pulumi.DependsOn([]pulumi.Resource{api})))
		}
	}
	for _, c := range []sdkCase{
		{"a PRIVATE API whose standalone RestApiPolicy holds the VPC endpoint policy", "private-api-source-vpce", private(false),
			baseline.Pass, ""},
		{"a RestApiPolicy naming another API, depending on the PRIVATE one", "private-api-source-vpce", private(true),
			baseline.Fail, "private"},
		{"a TLS 1.3 policy checkov lists", "domain-tls-policy", tlsPolicy("SecurityPolicy_TLS13_1_2_PQ_2025_09"), baseline.Pass, ""},
		{"TLS_1_2", "domain-tls-policy", tlsPolicy("TLS_1_2"), baseline.Pass, ""},
		{"a policy checkov's list does not name", "domain-tls-policy", tlsPolicy("SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09"),
			baseline.Fail, "domain"},
		{"TLS_1_0", "domain-tls-policy", tlsPolicy("TLS_1_0"), baseline.Fail, "domain"},
		{"mTLS: an API the mapping only depends on is not behind the domain", "mtls-default-endpoint-disabled", mtls(true),
			baseline.Pass, ""},
		{"mTLS: the mapped API keeps its default endpoint", "mtls-default-endpoint-disabled", mtls(false), baseline.Fail, "mapped"},
		{"a VPC_LINK route whose body names no link of the stack, depending on one", "vpc-link-routes-use-the-link",
			func(ctx *pulumi.Context) error {
				link, err := apigateway.NewVpcLink(ctx, "link", &apigateway.VpcLinkArgs{
					TargetArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/n/1")})
				if err != nil {
					return err
				}
				return ok(apigateway.NewRestApi(ctx, "api", &apigateway.RestApiArgs{Body: pulumi.String(fmt.Sprintf(viaLink, "elsewhere"))},
					pulumi.DependsOn([]pulumi.Resource{link})))
			}, baseline.Fail, "api"},
		{"a VPC_LINK route whose body names the stack's link", "vpc-link-routes-use-the-link", func(ctx *pulumi.Context) error {
			link, err := apigateway.NewVpcLink(ctx, "link", &apigateway.VpcLinkArgs{
				TargetArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/n/1")})
			if err != nil {
				return err
			}
			return ok(apigateway.NewRestApi(ctx, "api", &apigateway.RestApiArgs{
				Body: link.ID().ApplyT(func(id pulumi.ID) string { return fmt.Sprintf(viaLink, id) }).(pulumi.StringOutput)}))
		}, baseline.Pass, ""},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// ACM: the certificate rules on certificates built through the SDK, the catalogs' pass cases included.
func TestCertificateRulesOnSDKCertificates(t *testing.T) {
	cert := func(args *acm.CertificateArgs) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			if args.DomainName == nil {
				args.DomainName = pulumi.String("api.example.com")
			}
			args.ValidationMethod = pulumi.String("DNS")
			return ok(acm.NewCertificate(ctx, "cert", args))
		}
	}
	for _, c := range []sdkCase{
		{"no options (checkov's missing_block_result PASSED)", "acm-transparency-logging", cert(&acm.CertificateArgs{}), baseline.Pass, ""},
		{"transparency logging DISABLED", "acm-transparency-logging", cert(&acm.CertificateArgs{Options: &acm.CertificateOptionsArgs{
			CertificateTransparencyLoggingPreference: pulumi.String("DISABLED")}}), baseline.Fail, "cert"},
		{"a wildcard alternative name", "acm-no-wildcard", cert(&acm.CertificateArgs{
			SubjectAlternativeNames: pulumi.StringArray{pulumi.String("*.example.com")}}), baseline.Fail, "cert"},
		{"exact names", "acm-no-wildcard", cert(&acm.CertificateArgs{
			SubjectAlternativeNames: pulumi.StringArray{pulumi.String("www.example.com")}}), baseline.Pass, ""},
		{"RSA_1024", "acm-rsa-key-length", cert(&acm.CertificateArgs{KeyAlgorithm: pulumi.String("RSA_1024")}), baseline.Fail, "cert"},
		{"an EC key is not RSA", "acm-rsa-key-length", cert(&acm.CertificateArgs{KeyAlgorithm: pulumi.String("EC_prime256v1")}),
			baseline.Pass, ""},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// A listener protocol known only after deploy is judged then, not failed in the preview.
func TestListenerProtocolKnownOnlyAfterDeployPassesItsPreview(t *testing.T) {
	rs := networkFixture(t)
	mutate(t, rs, "aws:lb/listener:Listener", "alb-listener", "protocol", val(property.Computed))
	got := evaluate(t, rs, baseline.Config{})[ruleName(t, "lb-listener-tls")]
	assert.Equal(t, baseline.Pass, got.Status, "%v", got.Violations)
}
