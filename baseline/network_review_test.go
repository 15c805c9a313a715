//go:build sdk

// Run by `make sdk-test` (CI): these cases are built with pulumi-aws packages (wafv2, ec2, s3, alb, vpc, waf,
// wafregional, apigatewayv2) that the program and `make test` no longer compile.

package baseline_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// The review's probes for the S3 rules: each row is a case where the rule could be looser than cdk-nag S2/S10,
// Security Hub S3.5/S3.8 or checkov CKV_AWS_21/53-56, replayed on SDK-built stacks.
func TestS3RulesReviewProbes(t *testing.T) {
	const named = "arn:aws:s3:::legacy-bucket"
	// deny is S10's statement with the given principal, condition operator and resources, as JSON text.
	deny := func(principal, operator, resources string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":` + principal + `,"Action":["s3:*"],` +
			`"Resource":` + resources + `,"Condition":{"` + operator + `":{"aws:SecureTransport":"false"}}}]}`
	}
	both := `["` + named + `","` + named + `/*"]`
	withPolicy := func(policy string) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			b, err := s3.NewBucket(ctx, "legacy", &s3.BucketArgs{Bucket: pulumi.String("legacy-bucket")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "legacy-policy", &s3.BucketPolicyArgs{Bucket: b.ID(), Policy: pulumi.String(policy)}))
		}
	}
	allBlocked := func(bucket pulumi.StringInput) *s3.BucketPublicAccessBlockArgs {
		return &s3.BucketPublicAccessBlockArgs{Bucket: bucket, BlockPublicAcls: pulumi.Bool(true),
			BlockPublicPolicy: pulumi.Bool(true), IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true)}
	}
	for _, c := range []sdkCase{
		{"Principal {\"AWS\":\"*\"} (S10 accepts it)", "s3-tls-only", withPolicy(deny(`{"AWS":"*"}`, "Bool", both)), baseline.Pass, ""},
		{"Principal as a list [\"*\"] (S10 reads only \"*\" or AWS \"*\")", "s3-tls-only", withPolicy(deny(`["*"]`, "Bool", both)),
			baseline.Fail, "legacy"},
		{"Principal {\"Service\":\"*\"} (not AWS)", "s3-tls-only", withPolicy(deny(`{"Service":"*"}`, "Bool", both)),
			baseline.Fail, "legacy"},
		{"Condition BoolIfExists (S10 reads Bool only)", "s3-tls-only", withPolicy(deny(`"*"`, "BoolIfExists", both)),
			baseline.Fail, "legacy"},
		{"Resource as one string (S10 asks a list)", "s3-tls-only", withPolicy(deny(`"*"`, "Bool", `"`+named+`/*"`)),
			baseline.Fail, "legacy"},
		// S3BucketSSLRequestsOnly.ts: (secureTransport === 'false' || secureTransport === false).
		{"aws:SecureTransport as the JSON boolean false (S10 takes the string or the boolean)", "s3-tls-only",
			withPolicy(`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":` + both +
				`,"Condition":{"Bool":{"aws:SecureTransport":false}}}]}`), baseline.Pass, ""},
		{"a policy built from two buckets' ARNs that covers only the other one", "s3-tls-only", func(ctx *pulumi.Context) error {
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
			policy := pulumi.All(a.Arn, b.Arn).ApplyT(func(arns []any) string { return tlsOnlyFor(arns[0].(string)) })
			return ok(s3.NewBucketPolicy(ctx, "b-policy", &s3.BucketPolicyArgs{Bucket: b.ID(), Policy: policy.(pulumi.StringOutput)}))
		}, baseline.Fail, "b"},
		{"an account-level block does not stand for the bucket's (S2, S3.8 judge the bucket)", "s3-public-access",
			func(ctx *pulumi.Context) error {
				if _, err := s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{}); err != nil {
					return err
				}
				return ok(s3.NewAccountPublicAccessBlock(ctx, "account", &s3.AccountPublicAccessBlockArgs{
					BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true), IgnorePublicAcls: pulumi.Bool(true),
					RestrictPublicBuckets: pulumi.Bool(true)}))
			}, baseline.Fail, "modern"},
		{"a block naming a bucketPrefix bucket by its name output", "s3-public-access", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucketV2(ctx, "prefixed", &s3.BucketV2Args{BucketPrefix: pulumi.String("truststore-")})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPublicAccessBlock(ctx, "prefixed-pab", allBlocked(b.Bucket)))
		}, baseline.Pass, ""},
		{"a block leaving a field absent (CKV_AWS_53-56: absent fails)", "s3-public-access", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketPublicAccessBlock(ctx, "modern-pab", &s3.BucketPublicAccessBlockArgs{Bucket: b.ID(),
				BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true), IgnorePublicAcls: pulumi.Bool(true)}))
		}, baseline.Fail, "modern-pab"},
		{"versioning Suspended with MFA delete on (CKV_AWS_21 asks Enabled)", "s3-versioning", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketVersioningV2(ctx, "modern-versioning", &s3.BucketVersioningV2Args{Bucket: b.ID(),
				VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Suspended"),
					MfaDelete: pulumi.String("Enabled")}}))
		}, baseline.Fail, "modern"},
		{"inline versionings disabled but a standalone Enabled (CKV_AWS_21's or)", "s3-versioning", func(ctx *pulumi.Context) error {
			b, err := s3.NewBucketV2(ctx, "modern", &s3.BucketV2Args{
				Versionings: s3.BucketV2VersioningArray{s3.BucketV2VersioningArgs{Enabled: pulumi.Bool(false)}}})
			if err != nil {
				return err
			}
			return ok(s3.NewBucketVersioningV2(ctx, "modern-versioning", &s3.BucketVersioningV2Args{Bucket: b.ID(),
				VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")}}))
		}, baseline.Pass, ""},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// The review's probes for the load balancer rules (CKV_AWS_2, CKV_AWS_103, CKV_AWS_131, CKV_AWS_150) on the lb.*
// types, gateway load balancers included.
func TestLoadBalancerRulesReviewProbes(t *testing.T) {
	const lbArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/a/1"
	forward := lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"),
		TargetGroupArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/t/1")}}
	redirect := func(protocol string) lb.ListenerDefaultActionArray {
		r := &lb.ListenerDefaultActionRedirectArgs{StatusCode: pulumi.String("HTTP_301")}
		if protocol != "" {
			r.Protocol = pulumi.String(protocol)
		}
		return lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{Type: pulumi.String("redirect"), Redirect: r}}
	}
	listener := func(protocol, policy string, actions lb.ListenerDefaultActionArray) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args := &lb.ListenerArgs{LoadBalancerArn: pulumi.String(lbArn), DefaultActions: actions, Protocol: pulumi.String(protocol)}
			if policy != "" {
				args.SslPolicy = pulumi.String(policy)
			}
			return ok(lb.NewListener(ctx, "listener", args))
		}
	}
	for _, c := range []sdkCase{
		{"lb.Listener on HTTP redirecting to HTTPS", "lb-listener-tls", listener("HTTP", "", redirect("HTTPS")), baseline.Pass, ""},
		{"HTTP redirecting without a protocol (CKV_AWS_2 unknown, CKV_AWS_103 fails)", "lb-listener-tls",
			listener("HTTP", "", redirect("")), baseline.Fail, "listener"},
		{"HTTPS without an ssl policy (CKV_AWS_103 fails)", "lb-listener-tls", listener("HTTPS", "", forward), baseline.Fail, "listener"},
		{"HTTPS with a TLS 1.0 policy redirecting to HTTPS (CKV_AWS_103's redirect branch; ours stricter, documented)",
			"lb-listener-tls", listener("HTTPS", "ELBSecurityPolicy-2016-08", redirect("HTTPS")), baseline.Fail, "listener"},
		{"TLS with ELBSecurityPolicy-FS-1-2-Res-2020-10", "lb-listener-tls", listener("TLS", "ELBSecurityPolicy-FS-1-2-Res-2020-10", forward),
			baseline.Pass, ""},
		{"TCP_UDP", "lb-listener-tls", listener("TCP_UDP", "", forward), baseline.Pass, ""},
		{"a gateway LB's listener (GENEVE, no protocol: CKV_AWS_2 fails it)", "lb-listener-tls", func(ctx *pulumi.Context) error {
			gw, err := lb.NewLoadBalancer(ctx, "gwlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("gateway"),
				EnableDeletionProtection: pulumi.Bool(true), DropInvalidHeaderFields: pulumi.Bool(true)})
			if err != nil {
				return err
			}
			return ok(lb.NewListener(ctx, "listener", &lb.ListenerArgs{LoadBalancerArn: gw.Arn, DefaultActions: forward}))
		}, baseline.Fail, "listener"},
		{"lb.LoadBalancer with no type is an application LB (CKV_AWS_131 judges it)", "alb-drop-invalid-headers",
			func(ctx *pulumi.Context) error {
				return ok(lb.NewLoadBalancer(ctx, "default", &lb.LoadBalancerArgs{EnableDeletionProtection: pulumi.Bool(true)}))
			}, baseline.Fail, "default"},
		{"an application LB with dropInvalidHeaderFields false", "alb-drop-invalid-headers", func(ctx *pulumi.Context) error {
			return ok(lb.NewLoadBalancer(ctx, "app", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("application"),
				DropInvalidHeaderFields: pulumi.Bool(false)}))
		}, baseline.Fail, "app"},
		{"a network LB without deletion protection (CKV_AWS_150 judges every LB)", "lb-deletion-protection",
			func(ctx *pulumi.Context) error {
				return ok(lb.NewLoadBalancer(ctx, "nlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("network")}))
			}, baseline.Fail, "nlb"},
		{"a gateway LB without deletion protection", "lb-deletion-protection", func(ctx *pulumi.Context) error {
			return ok(lb.NewLoadBalancer(ctx, "gwlb", &lb.LoadBalancerArgs{LoadBalancerType: pulumi.String("gateway"),
				EnableDeletionProtection: pulumi.Bool(false)}))
		}, baseline.Fail, "gwlb"},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// The review's probes for EC23, EC27 and CKV_AWS_23 on every rule form.
func TestSecurityGroupRulesReviewProbes(t *testing.T) {
	ingress := func(args *vpc.SecurityGroupIngressRuleArgs) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			args.SecurityGroupId, args.IpProtocol = pulumi.String("sg-1"), pulumi.String("tcp")
			args.FromPort, args.ToPort, args.Description = pulumi.Int(443), pulumi.Int(443), pulumi.String("HTTPS")
			return ok(vpc.NewSecurityGroupIngressRule(ctx, "in", args))
		}
	}
	for _, c := range []sdkCase{
		{"ec2.SecurityGroupRule egress to 0.0.0.0/0 (EC23 judges ingress only)", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroupRule(ctx, "rule", &ec2.SecurityGroupRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				Type: pulumi.String("egress"), Protocol: pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0),
				CidrBlocks: pulumi.StringArray{pulumi.String("0.0.0.0/0")}}))
		}, baseline.Pass, ""},
		{"vpc.SecurityGroupEgressRule to ::/0 alone: nothing EC23 judges", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(vpc.NewSecurityGroupEgressRule(ctx, "out", &vpc.SecurityGroupEgressRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				IpProtocol: pulumi.String("-1"), CidrIpv6: pulumi.String("::/0")}))
		}, baseline.NA, ""},
		{"vpc.SecurityGroupIngressRule from ::/0", "sg-no-open-ingress", ingress(&vpc.SecurityGroupIngressRuleArgs{
			CidrIpv6: pulumi.String("::/0")}), baseline.Fail, "in"},
		{"vpc.SecurityGroupIngressRule from a prefix list (EC23 reads CIDRs only)", "sg-no-open-ingress",
			ingress(&vpc.SecurityGroupIngressRuleArgs{PrefixListId: pulumi.String("pl-1")}), baseline.Pass, ""},
		{"vpc.SecurityGroupIngressRule from a group", "sg-no-open-ingress",
			ingress(&vpc.SecurityGroupIngressRuleArgs{ReferencedSecurityGroupId: pulumi.String("sg-2")}), baseline.Pass, ""},
		{"inline ingress whose second CIDR is open", "sg-no-open-ingress", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("API endpoint"),
				Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{Protocol: pulumi.String("tcp"),
					FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), Description: pulumi.String("HTTPS"),
					CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/16"), pulumi.String("0.0.0.0/0")}}}}))
		}, baseline.Fail, "api-sg"},
		{"an undescribed ec2.SecurityGroupRule ingress (CKV_AWS_23)", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroupRule(ctx, "rule", &ec2.SecurityGroupRuleArgs{SecurityGroupId: pulumi.String("sg-1"),
				Type: pulumi.String("ingress"), Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
				CidrBlocks: pulumi.StringArray{pulumi.String("10.0.0.0/16")}}))
		}, baseline.Fail, "rule"},
		{"a group described by two characters (EC27's floor)", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("ab")}))
		}, baseline.Pass, ""},
		{"a group described by one character (EC27)", "sg-described", func(ctx *pulumi.Context) error {
			return ok(ec2.NewSecurityGroup(ctx, "api-sg", &ec2.SecurityGroupArgs{Description: pulumi.String("a")}))
		}, baseline.Fail, "api-sg"},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// The review's probes for the ACM rules on imported and private-CA certificates, and for CKV_AWS_206's and the mTLS
// rule's scope.
func TestCertificateAndDomainRulesReviewProbes(t *testing.T) {
	imported := func(options *acm.CertificateOptionsArgs) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			return ok(acm.NewCertificate(ctx, "cert", &acm.CertificateArgs{PrivateKey: pulumi.String("key"),
				CertificateBody: pulumi.String(rsaCertificate(t, 2048)), Options: options}))
		}
	}
	for _, c := range []sdkCase{
		{"an imported certificate has no domain_name to judge (CKV2_AWS_71)", "acm-no-wildcard", imported(nil), baseline.Pass, ""},
		{"an imported certificate opting out of transparency logging (CKV_AWS_234 judges every certificate)",
			"acm-transparency-logging", imported(&acm.CertificateOptionsArgs{
				CertificateTransparencyLoggingPreference: pulumi.String("DISABLED")}), baseline.Fail, "cert"},
		{"a private-CA certificate with RSA_1024 (ACM.2)", "acm-rsa-key-length", func(ctx *pulumi.Context) error {
			return ok(acm.NewCertificate(ctx, "cert", &acm.CertificateArgs{DomainName: pulumi.String("api.internal"),
				CertificateAuthorityArn: pulumi.String("arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/1"),
				KeyAlgorithm:            pulumi.String("RSA_1024")}))
		}, baseline.Fail, "cert"},
		{"an apigatewayv2 domain is not CKV_AWS_206's (aws_api_gateway_domain_name only)", "domain-tls-policy",
			func(ctx *pulumi.Context) error {
				return ok(apigatewayv2.NewDomainName(ctx, "v2", &apigatewayv2.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
					DomainNameConfiguration: &apigatewayv2.DomainNameDomainNameConfigurationArgs{
						CertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
						EndpointType:   pulumi.String("REGIONAL"), SecurityPolicy: pulumi.String("TLS_1_2")}}))
			}, baseline.NA, ""},
		{"mTLS: a mapping naming the domain by its name string", "mtls-default-endpoint-disabled", func(ctx *pulumi.Context) error {
			if _, err := apigateway.NewDomainName(ctx, "domain", &apigateway.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
				RegionalCertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
				SecurityPolicy:         pulumi.String("TLS_1_2"),
				EndpointConfiguration:  &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String("REGIONAL")},
				MutualTlsAuthentication: &apigateway.DomainNameMutualTlsAuthenticationArgs{
					TruststoreUri: pulumi.String("s3://truststore/ca.pem")}}); err != nil {
				return err
			}
			api, err := apigateway.NewRestApi(ctx, "mapped", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			return ok(apigateway.NewBasePathMapping(ctx, "mapping", &apigateway.BasePathMappingArgs{
				DomainName: pulumi.String("api.example.com"), RestApi: api.ID(), StageName: pulumi.String("v1")}))
		}, baseline.Fail, "mapped"},
		{"mTLS: a REST API mapped by an apigatewayv2 ApiMapping keeps its default endpoint", "mtls-default-endpoint-disabled",
			func(ctx *pulumi.Context) error {
				d, err := apigateway.NewDomainName(ctx, "domain", &apigateway.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
					RegionalCertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
					SecurityPolicy:         pulumi.String("TLS_1_2"),
					EndpointConfiguration:  &apigateway.DomainNameEndpointConfigurationArgs{Types: pulumi.String("REGIONAL")},
					MutualTlsAuthentication: &apigateway.DomainNameMutualTlsAuthenticationArgs{
						TruststoreUri: pulumi.String("s3://truststore/ca.pem")}})
				if err != nil {
					return err
				}
				api, err := apigateway.NewRestApi(ctx, "mapped", &apigateway.RestApiArgs{})
				if err != nil {
					return err
				}
				return ok(apigatewayv2.NewApiMapping(ctx, "mapping", &apigatewayv2.ApiMappingArgs{DomainName: d.DomainName,
					ApiId: api.ID(), Stage: pulumi.String("v1")}))
			}, baseline.Fail, "mapped"},
		{"mTLS: an HTTP API behind an apigatewayv2 mTLS domain keeps its default endpoint", "mtls-default-endpoint-disabled",
			v2MTLS(false), baseline.Fail, "http"},
		{"mTLS: an HTTP API behind an apigatewayv2 mTLS domain with its default endpoint off", "mtls-default-endpoint-disabled",
			v2MTLS(true), baseline.Pass, ""},
		{"mTLS: an ApiMapping naming another domain, depending on the mTLS one", "mtls-default-endpoint-disabled",
			func(ctx *pulumi.Context) error {
				d, err := apigatewayv2.NewDomainName(ctx, "v2", &apigatewayv2.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
					DomainNameConfiguration: &apigatewayv2.DomainNameDomainNameConfigurationArgs{
						CertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
						EndpointType:   pulumi.String("REGIONAL"), SecurityPolicy: pulumi.String("TLS_1_2")},
					MutualTlsAuthentication: &apigatewayv2.DomainNameMutualTlsAuthenticationArgs{
						TruststoreUri: pulumi.String("s3://truststore/ca.pem")}})
				if err != nil {
					return err
				}
				api, err := apigatewayv2.NewApi(ctx, "http", &apigatewayv2.ApiArgs{ProtocolType: pulumi.String("HTTP")})
				if err != nil {
					return err
				}
				return ok(apigatewayv2.NewApiMapping(ctx, "mapping", &apigatewayv2.ApiMappingArgs{
					DomainName: pulumi.String("other.example.com"), ApiId: api.ID(), Stage: pulumi.String("$default")},
					pulumi.DependsOn([]pulumi.Resource{d})))
			}, baseline.Pass, ""},
	} {
		t.Run(c.slug+"/"+c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// v2MTLS is an HTTP API mapped to an apigatewayv2 mutual-TLS domain, its default endpoint off or on.
func v2MTLS(off bool) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		d, err := apigatewayv2.NewDomainName(ctx, "v2", &apigatewayv2.DomainNameArgs{DomainName: pulumi.String("api.example.com"),
			DomainNameConfiguration: &apigatewayv2.DomainNameDomainNameConfigurationArgs{
				CertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/1"),
				EndpointType:   pulumi.String("REGIONAL"), SecurityPolicy: pulumi.String("TLS_1_2")},
			MutualTlsAuthentication: &apigatewayv2.DomainNameMutualTlsAuthenticationArgs{
				TruststoreUri: pulumi.String("s3://truststore/ca.pem")}})
		if err != nil {
			return err
		}
		api, err := apigatewayv2.NewApi(ctx, "http", &apigatewayv2.ApiArgs{ProtocolType: pulumi.String("HTTP"),
			DisableExecuteApiEndpoint: pulumi.Bool(off)})
		if err != nil {
			return err
		}
		return ok(apigatewayv2.NewApiMapping(ctx, "mapping", &apigatewayv2.ApiMappingArgs{DomainName: d.DomainName,
			ApiId: api.ID(), Stage: pulumi.String("$default")}))
	}
}

// A load balancer's type, or an HTTP listener's redirect, known only after deploy is judged then: the preview passes.
func TestLoadBalancerValuesKnownOnlyAfterDeployPassTheirPreview(t *testing.T) {
	computed := property.New(property.Computed)
	for _, c := range []struct {
		name, slug string
		edit       func(rs []policyx.AnalyzerResource)
	}{
		{"a load balancer type known only after deploy (it may be a network LB)", "alb-drop-invalid-headers",
			func(rs []policyx.AnalyzerResource) {
				mutate(t, rs, "aws:lb/loadBalancer:LoadBalancer", "backend-alb", "loadBalancerType", &computed)
				mutate(t, rs, "aws:lb/loadBalancer:LoadBalancer", "backend-alb", "dropInvalidHeaderFields", nil)
			}},
		{"an HTTP listener whose redirect protocol is known only after deploy", "lb-listener-tls", func(rs []policyx.AnalyzerResource) {
			redirect := property.NewMap(map[string]property.Value{"type": property.New("redirect"),
				"redirect": property.New(property.NewMap(map[string]property.Value{"protocol": computed}))})
			mutate(t, rs, "aws:lb/listener:Listener", "alb-listener", "protocol", val("HTTP"))
			mutate(t, rs, "aws:lb/listener:Listener", "alb-listener", "defaultActions",
				val(property.NewArray([]property.Value{property.New(redirect)})))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := networkFixture(t)
			c.edit(rs)
			got := evaluate(t, rs, baseline.Config{})[ruleName(t, c.slug)]
			assert.Equal(t, baseline.Pass, got.Status, "%v", got.Violations)
		})
	}
}

// vpc-link-routes-use-the-link on standalone Integration resources, not only on an OpenAPI body.
func TestVpcLinkRoutesOnStandaloneIntegrations(t *testing.T) {
	integration := func(viaStackLink bool, connection, uri string) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			link, err := apigateway.NewVpcLink(ctx, "link", &apigateway.VpcLinkArgs{
				TargetArn: pulumi.String("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/n/1")})
			if err != nil {
				return err
			}
			api, err := apigateway.NewRestApi(ctx, "api", &apigateway.RestApiArgs{})
			if err != nil {
				return err
			}
			args := &apigateway.IntegrationArgs{RestApi: api.ID(), ResourceId: api.RootResourceId, HttpMethod: pulumi.String("GET"),
				Type: pulumi.String("HTTP_PROXY"), IntegrationHttpMethod: pulumi.String("GET"), Uri: pulumi.String(uri)}
			if connection != "" {
				args.ConnectionType = pulumi.String(connection)
				args.ConnectionId = pulumi.String("elsewhere")
				if viaStackLink {
					args.ConnectionId = link.ID()
				}
			}
			return ok(apigateway.NewIntegration(ctx, "get", args, pulumi.DependsOn([]pulumi.Resource{link})))
		}
	}
	for _, c := range []sdkCase{
		{"a VPC_LINK integration naming a link outside the stack, depending on the stack's", "vpc-link-routes-use-the-link",
			integration(false, "VPC_LINK", "https://b.example.com/x"), baseline.Fail, "get"},
		{"a VPC_LINK integration naming the stack's link", "vpc-link-routes-use-the-link",
			integration(true, "VPC_LINK", "https://b.example.com/x"), baseline.Pass, ""},
		{"an internet integration over plain HTTP", "vpc-link-routes-use-the-link",
			integration(false, "", "http://b.example.com/x"), baseline.Fail, "get"},
		{"an internet integration over HTTPS", "vpc-link-routes-use-the-link",
			integration(false, "", "https://b.example.com/x"), baseline.Pass, ""},
	} {
		t.Run(c.name, func(t *testing.T) { runSDKCase(t, c) })
	}
}

// s3-tls-only against cdk-nag's S3BucketSSLRequestsOnly.ts, line by line: Action is lower-cased before it is
// compared with "s3:*"; a pair of ARNs naming another bucket of the stack covers that bucket, never this one,
// whatever the policy depends on; and a FAIL says which part of which Deny statement is not S10's.
func TestS3TLSOnlyFollowsS10(t *testing.T) {
	statement := func(action, resources string) string {
		return `{"Statement":[{"Effect":"Deny","Principal":"*","Action":` + action + `,"Resource":` + resources +
			`,"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	}
	pair := func(name string) string { return `["arn:aws:s3:::` + name + `","arn:aws:s3:::` + name + `/*"]` }
	named := func(policy func(a *s3.BucketV2) pulumi.StringInput) func(ctx *pulumi.Context) error {
		return func(ctx *pulumi.Context) error {
			a, err := s3.NewBucketV2(ctx, "a", &s3.BucketV2Args{Bucket: pulumi.String("bucket-a")})
			if err != nil {
				return err
			}
			b, err := s3.NewBucketV2(ctx, "b", &s3.BucketV2Args{Bucket: pulumi.String("bucket-b")})
			if err != nil {
				return err
			}
			if _, err := s3.NewBucketPolicy(ctx, "b-policy", &s3.BucketPolicyArgs{Bucket: b.ID(),
				Policy: pulumi.String(statement(`"s3:*"`, pair("bucket-b")))}); err != nil {
				return err
			}
			return ok(s3.NewBucketPolicy(ctx, "a-policy", &s3.BucketPolicyArgs{Bucket: a.ID(), Policy: policy(a)}))
		}
	}
	for _, tc := range []struct {
		name    string
		policy  func(a *s3.BucketV2) pulumi.StringInput
		want    baseline.Status
		message string
	}{
		{"Action S3:* (S10 lower-cases it)", func(*s3.BucketV2) pulumi.StringInput {
			return pulumi.String(statement(`"S3:*"`, pair("bucket-a")))
		}, baseline.Pass, ""},
		{"Action [\"s3:GetObject\", \"S3:*\"]", func(*s3.BucketV2) pulumi.StringInput {
			return pulumi.String(statement(`["s3:GetObject","S3:*"]`, pair("bucket-a")))
		}, baseline.Pass, ""},
		{"Action s3:Get* (not s3:*)", func(*s3.BucketV2) pulumi.StringInput {
			return pulumi.String(statement(`"s3:Get*"`, pair("bucket-a")))
		}, baseline.Fail, `a-policy statement 0: Action s3:Get* holds neither "s3:*" nor "*"`},
		{"another bucket's pair, in a policy built from this bucket's ARN", func(a *s3.BucketV2) pulumi.StringInput {
			return a.Arn.ApplyT(func(string) string { return statement(`"s3:*"`, pair("bucket-b")) }).(pulumi.StringOutput)
		}, baseline.Fail, "a-policy statement 0: Resource [arn:aws:s3:::bucket-b arn:aws:s3:::bucket-b/*] does not hold bucket a's ARN and ARN/*"},
		{"a Principal S10 does not read", func(*s3.BucketV2) pulumi.StringInput {
			return pulumi.String(`{"Statement":[{"Effect":"Deny","Principal":{"Service":"*"},"Action":"s3:*","Resource":` +
				pair("bucket-a") + `,"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)
		}, baseline.Fail, `a-policy statement 0: Principal map[Service:*] is not "*" or {"AWS": "*"}`},
		{"no Deny statement at all", func(*s3.BucketV2) pulumi.StringInput {
			return pulumi.String(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/*"}]}`)
		}, baseline.Fail, "a-policy has no Deny statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(named(tc.policy))
			require.NoError(t, err)
			got := evaluate(t, e.AnalyzerResources(), baseline.Config{})[ruleName(t, "s3-tls-only")]
			require.Equal(t, tc.want, got.Status, "%v", got.Violations)
			if tc.message != "" {
				require.Len(t, got.Violations, 1, "bucket b is covered by its own policy")
				assert.Contains(t, got.Violations[0].Message, tc.message)
			}
		})
	}
}
