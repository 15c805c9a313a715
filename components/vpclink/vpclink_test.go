package vpclink_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	component      = "secure-apigw:network:VpcLink"
	lbType         = "aws:lb/loadBalancer:LoadBalancer"
	tgType         = "aws:lb/targetGroup:TargetGroup"
	listenerType   = "aws:lb/listener:Listener"
	attachmentType = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
	linkType       = "aws:apigateway/vpcLink:VpcLink"
	sgType         = "aws:ec2/securityGroup:SecurityGroup"
	certArn        = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
)

func args() *vpclink.Args {
	return &vpclink.Args{
		VpcID:     pulumi.String("vpc-0a1b2c3d"),
		SubnetIDs: []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
		VpcCIDRs:  []string{"10.0.0.0/16"},
		Backend: &vpclink.LambdaBackend{
			FunctionArn:  pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:backend"),
			FunctionName: pulumi.String("backend"),
		},
		CertificateArn: pulumi.String(certArn),
		Hostname:       "api.example.com",
	}
}

func run(t *testing.T, a *vpclink.Args) (*mockengine.Engine, *vpclink.Link) {
	t.Helper()
	var link *vpclink.Link
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		var err error
		link, err = vpclink.New(ctx, "backend", a)
		return err
	})
	require.NoError(t, err)
	return e, link
}

func await(t *testing.T, o pulumi.StringOutput) string {
	t.Helper()
	ch := make(chan string, 1)
	o.ApplyT(func(s string) string { ch <- s; return s })
	return <-ch
}

func TestPrivatePathIsNLBToTLSALBToLambda(t *testing.T) {
	e, link := run(t, args())
	assert.Empty(t, e.OwnershipProblems(component, "backend"))

	nlb, alb := e.Named(lbType, "backend-nlb"), e.Named(lbType, "backend-alb")
	require.NotNil(t, nlb)
	require.NotNil(t, alb)
	for _, lb := range []*mockengine.Resource{nlb, alb} {
		internal, _ := lb.Bool("internal")
		assert.True(t, internal, "%s is internal: nothing on the internet reaches the backend", lb.Name)
		assert.Equal(t, "subnet-b", lb.Str("subnets.1"))
	}
	assert.Equal(t, "network", nlb.Str("loadBalancerType"))
	assert.Equal(t, "application", alb.Str("loadBalancerType"))
	drop, _ := alb.Bool("dropInvalidHeaderFields")
	assert.True(t, drop, "CKV_AWS_131 / ELB.4")

	albListener := e.Named(listenerType, "backend-alb-listener")
	assert.Equal(t, "HTTPS", albListener.Str("protocol"))
	port, _ := albListener.Num("port")
	assert.Equal(t, 443.0, port)
	assert.Equal(t, "ELBSecurityPolicy-TLS13-1-2-2021-06", albListener.Str("sslPolicy"))
	assert.Equal(t, certArn, albListener.Str("certificateArn"))
	fnGroup := e.Named(tgType, "backend-lambda-tg")
	assert.Equal(t, "lambda", fnGroup.Str("targetType"))
	assert.Equal(t, fnGroup.Outputs["arn"].StringValue(), albListener.Str("defaultActions.0.targetGroupArn"))
	permission := e.Named("aws:lambda/permission:Permission", "backend-alb-invoke")
	assert.Equal(t, "elasticloadbalancing.amazonaws.com", permission.Str("principal"))
	assert.Equal(t, fnGroup.Outputs["arn"].StringValue(), permission.Str("sourceArn"), "only this target group")
	assert.True(t, e.Named(attachmentType, "backend-lambda-target").DependsOn(permission),
		"registering a function the ALB may not invoke fails")

	nlbListener := e.Named(listenerType, "backend-nlb-listener")
	assert.Equal(t, "TCP", nlbListener.Str("protocol"), "TLS passes through to the ALB")
	assert.Equal(t, nlb.Outputs["arn"].StringValue(), nlbListener.Str("loadBalancerArn"))
	albGroup := e.Named(tgType, "backend-alb-tg")
	assert.Equal(t, "alb", albGroup.Str("targetType"))
	assert.Equal(t, "HTTPS", albGroup.Str("healthCheck.protocol"))
	albTarget := e.Named(attachmentType, "backend-alb-target")
	assert.Equal(t, alb.Outputs["arn"].StringValue(), albTarget.Str("targetId"))
	assert.True(t, albTarget.DependsOn(albListener), "an ALB is registered only once it has the listener")

	sg := e.ByType(sgType)[0]
	assert.Equal(t, sg.ID, alb.Str("securityGroups.0"))
	from, _ := sg.Num("ingress.0.fromPort")
	assert.Equal(t, 443.0, from)
	assert.Equal(t, "10.0.0.0/16", sg.Str("ingress.0.cidrBlocks.0"))
	_, egress := sg.Inputs["egress"]
	assert.False(t, egress)

	link0 := e.ByType(linkType)[0]
	assert.Equal(t, nlb.Outputs["arn"].StringValue(), link0.Str("targetArn"))
	assert.Equal(t, link0.ID, await(t, link.VpcLinkID))
	assert.Equal(t, "https://api.example.com", await(t, link.BaseURL), "the name the ALB's certificate covers")
}

func TestWithoutACertificateTheALBListensOnHTTPInsideTheVPC(t *testing.T) {
	a := args()
	a.CertificateArn, a.Hostname = nil, ""
	a.Protect = true
	e, link := run(t, a)
	listener := e.Named(listenerType, "backend-alb-listener")
	assert.Equal(t, "HTTP", listener.Str("protocol"))
	assert.Empty(t, listener.Str("sslPolicy"))
	nlb := e.Named(lbType, "backend-nlb")
	assert.Equal(t, "http://"+nlb.Outputs["dnsName"].StringValue(), await(t, link.BaseURL))
	for _, lb := range e.ByType(lbType) {
		on, _ := lb.Bool("enableDeletionProtection")
		assert.True(t, on, lb.Name)
	}
}

func TestTheALBsCertificateCanBeRequestedAndValidatedInAZone(t *testing.T) {
	a := args()
	a.CertificateArn, a.ZoneName = nil, "example.com"
	e, link := run(t, a)
	cert := e.ByType("aws:acm/certificate:Certificate")
	require.Len(t, cert, 1)
	assert.Equal(t, "api.example.com", cert[0].Str("domainName"), "the certificate covers Hostname")
	assert.Equal(t, "DNS", cert[0].Str("validationMethod"))
	record := e.Named("aws:route53/record:Record", "backend-certificate-validation")
	require.NotNil(t, record)
	assert.Regexp(t, `^Z`, record.Str("zoneId"), "the zone looked up by name")
	validation := e.ByType("aws:acm/certificateValidation:CertificateValidation")[0]
	listener := e.Named(listenerType, "backend-alb-listener")
	assert.Equal(t, "HTTPS", listener.Str("protocol"))
	assert.Equal(t, cert[0].Outputs["arn"].StringValue(), listener.Str("certificateArn"))
	assert.True(t, listener.DependsOn(validation), "the listener is created once ACM has issued the certificate")
	assert.Equal(t, "https://api.example.com", await(t, link.BaseURL))
	assert.Empty(t, e.OwnershipProblems(component, "backend"))

	a.ZoneName, a.ZoneID = "", "Z0123456789ABC"
	e, _ = run(t, a)
	assert.Equal(t, "Z0123456789ABC", e.Named("aws:route53/record:Record", "backend-certificate-validation").Str("zoneId"))
}

func TestAnExistingNLBGetsOnlyTheLink(t *testing.T) {
	nlbArn := "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/0123456789abcdef"
	e, _ := run(t, &vpclink.Args{LoadBalancerArn: pulumi.String(nlbArn), Hostname: "orders.internal.example.com"})
	assert.Empty(t, e.ByType(lbType))
	assert.Empty(t, e.ByType(sgType))
	assert.Equal(t, nlbArn, e.ByType(linkType)[0].Str("targetArn"))
}

func TestInvalidArgsAreRefusedAndRegisterNothing(t *testing.T) {
	with := func(mut func(a *vpclink.Args)) *vpclink.Args {
		a := args()
		mut(a)
		return a
	}
	tests := []struct {
		name string
		args *vpclink.Args
		want []string
	}{
		{"nil", nil, []string{"args are required"}},
		{"nothing to link", &vpclink.Args{}, []string{"Backend: required"}},
		{"both", with(func(a *vpclink.Args) { a.LoadBalancerArn = pulumi.String("arn") }), []string{"not both"}},
		{"no vpc", with(func(a *vpclink.Args) { a.VpcID = nil }), []string{"VpcID"}},
		{"one subnet", with(func(a *vpclink.Args) { a.SubnetIDs = a.SubnetIDs[:1] }), []string{"SubnetIDs", "two Availability Zones"}},
		{"open ALB", with(func(a *vpclink.Args) { a.VpcCIDRs = []string{"0.0.0.0/0"} }), []string{"VpcCIDRs[0]"}},
		{"no VPC CIDR", with(func(a *vpclink.Args) { a.VpcCIDRs = nil }), []string{"VpcCIDRs: required"}},
		{"certificate without hostname", with(func(a *vpclink.Args) { a.Hostname = "" }), []string{"Hostname: required"}},
		{"certificate and zone", with(func(a *vpclink.Args) { a.ZoneName = "example.com" }),
			[]string{"CertificateArn, ZoneName: give an existing certificate or a zone"}},
		{"zone without hostname", with(func(a *vpclink.Args) { a.CertificateArn, a.Hostname, a.ZoneName = nil, "", "example.com" }),
			[]string{"Hostname: required with CertificateArn or ZoneName"}},
		{"zone does not hold the hostname", with(func(a *vpclink.Args) { a.CertificateArn, a.ZoneName = nil, "example.org" }),
			[]string{"ZoneName: \"example.org\" does not contain Hostname"}},
		{"both zone forms", with(func(a *vpclink.Args) { a.CertificateArn, a.ZoneName, a.ZoneID = nil, "example.com", "Z01" }),
			[]string{"ZoneName, ZoneID"}},
		{"bad zone id", with(func(a *vpclink.Args) { a.CertificateArn, a.ZoneID = nil, "zone-1" }), []string{"ZoneID"}},
		{"zone for an existing NLB", &vpclink.Args{LoadBalancerArn: pulumi.String("arn"), Hostname: "api.example.com",
			ZoneName: "example.com"}, []string{"ZoneName: only the ALB this component builds"}},
		{"backend without function", with(func(a *vpclink.Args) { a.Backend = &vpclink.LambdaBackend{} }), []string{"Backend: FunctionArn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := vpclink.New(ctx, "backend", tt.args)
				return err
			})
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources(), "nothing registered")
		})
	}
}

// Load balancers and target groups allow 32-character names, which pulumi-aws's auto-name ("<logical name>-" and 7
// random characters) passes for any instance name over a few letters: the first real `pulumi up` of prod stopped
// there. Each is named by a prefix Terraform completes instead, and carries its logical name as the Name tag, so the
// provider accepts them whatever the instance is called.
func TestLoadBalancerNamesFitAWSLimitsWhateverTheInstanceName(t *testing.T) {
	const long = "orders-platform-private-backend-eu-west-1"
	var e *mockengine.Engine
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := vpclink.New(ctx, long, args())
		return err
	})
	require.NoError(t, err, "the engine applies the provider's name checks")
	for _, typ := range []string{lbType, tgType} {
		rs := e.ByType(typ)
		require.Len(t, rs, 2, typ)
		for _, r := range rs {
			prefix := r.Str("namePrefix")
			assert.NotEmpty(t, prefix, "%s is named by a prefix", r.Name)
			assert.LessOrEqual(t, len(prefix), 6, "Terraform allows at most 6 prefix characters")
			assert.Empty(t, r.Str("name"), "%s: no fixed name, so a replacement can be created before the old one goes", r.Name)
			assert.Equal(t, r.Name, r.Str("tags.Name"), "the Name tag says which load balancer it is")
			assert.Len(t, r.Outputs["name"].StringValue(), len(prefix)+26, "%s: prefix and Terraform's 26 unique characters", r.Name)
		}
	}
}
