package vpcendpoint_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	sgType       = "aws:ec2/securityGroup:SecurityGroup"
	endpointType = "aws:ec2/vpcEndpoint:VpcEndpoint"
)

func args() *vpcendpoint.Args {
	return &vpcendpoint.Args{
		Region:       "eu-west-1",
		VpcID:        pulumi.String("vpc-0a1b2c3d"),
		SubnetIDs:    []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
		AllowedCIDRs: []string{"10.0.0.0/16", "2001:DB8::/56"},
	}
}

func run(t *testing.T, a *vpcendpoint.Args) (*mockengine.Engine, *vpcendpoint.Endpoint) {
	t.Helper()
	var out *vpcendpoint.Endpoint
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		var err error
		out, err = vpcendpoint.New(ctx, "private", a)
		return err
	})
	require.NoError(t, err)
	return e, out
}

func TestSecurityGroupAdmitsHTTPSFromTheAllowedSourcesOnly(t *testing.T) {
	e, _ := run(t, args())
	sgs := e.ByType(sgType)
	require.Len(t, sgs, 1)
	sg := sgs[0]
	assert.Equal(t, "private-sg", sg.Name)
	assert.Equal(t, "vpc-0a1b2c3d", sg.Str("vpcId"))
	assert.NotEmpty(t, sg.Str("description"), "CKV_AWS_23: the group is described")
	ingress := sg.Inputs["ingress"].ArrayValue()
	require.Len(t, ingress, 1)
	assert.Equal(t, "tcp", sg.Str("ingress.0.protocol"))
	from, _ := sg.Num("ingress.0.fromPort")
	to, _ := sg.Num("ingress.0.toPort")
	assert.Equal(t, []float64{443, 443}, []float64{from, to})
	assert.Equal(t, "10.0.0.0/16", sg.Str("ingress.0.cidrBlocks.0"))
	assert.Equal(t, "2001:db8::/56", sg.Str("ingress.0.ipv6CidrBlocks.0"),
		"canonical (lower-case) form, so the provider echoes back what was sent")
	assert.NotEmpty(t, sg.Str("ingress.0.description"), "CKV_AWS_23: every rule is described")
	_, hasEgress := sg.Inputs["egress"]
	assert.False(t, hasEgress, "no egress rule: the provider drops AWS's default allow-all")
}

func TestEndpointIsPrivateDNSInterfaceForExecuteAPI(t *testing.T) {
	e, _ := run(t, args())
	eps := e.ByType(endpointType)
	require.Len(t, eps, 1)
	ep := eps[0]
	assert.Equal(t, "com.amazonaws.eu-west-1.execute-api", ep.Str("serviceName"))
	assert.Equal(t, "Interface", ep.Str("vpcEndpointType"))
	assert.Equal(t, "subnet-b", ep.Str("subnetIds.1"))
	enabled, _ := ep.Bool("privateDnsEnabled")
	assert.True(t, enabled)
	assert.True(t, ep.DependsOn(e.ByType(sgType)[0]), "the endpoint uses the component's group")
	assert.Equal(t, e.ByType(sgType)[0].ID, ep.Str("securityGroupIds.0"))
	var policy map[string]any
	require.NoError(t, json.Unmarshal([]byte(ep.Str("policy")), &policy))
	stmt := policy["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "execute-api:Invoke", stmt["Action"], "invoke only")
	assert.Empty(t, e.OwnershipProblems("secure-apigw:network:ExecuteApiEndpoint", "private"))

	off := false
	a := args()
	a.PrivateDNS = &off
	e, _ = run(t, a)
	enabled, set := e.ByType(endpointType)[0].Bool("privateDnsEnabled")
	assert.True(t, set)
	assert.False(t, enabled)
}

func TestDNSOutputsAreTheRegionalEntryAnAliasRecordTakes(t *testing.T) {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		ep, err := vpcendpoint.New(ctx, "private", args())
		if err != nil {
			return err
		}
		// A consumer of the outputs, as customdomain's private alias record is.
		_, err = awsres.NewRecord(ctx, "consumer", pulumi.Map{
			"zoneId": pulumi.String("Z0PRIVATE0123"), "name": pulumi.String("api.internal.example.com"),
			"type": pulumi.String("A"), "aliases": pulumi.Array{pulumi.Map{
				"name": ep.DNSName, "zoneId": ep.DNSZoneID, "evaluateTargetHealth": pulumi.Bool(false)}},
		})
		return err
	})
	require.NoError(t, err)
	entry := e.ByType(endpointType)[0].Outputs["dnsEntries"].ArrayValue()[0].ObjectValue()
	record := e.ByType("aws:route53/record:Record")[0]
	assert.Equal(t, entry["dnsName"].StringValue(), record.Str("aliases.0.name"),
		"the first entry is the regional name, which answers in every zone the endpoint is in")
	assert.Equal(t, entry["hostedZoneId"].StringValue(), record.Str("aliases.0.zoneId"))
	assert.Contains(t, e.Symbolic(record.Str("aliases.0.name")), "${vpc endpoint ",
		"AWS's random label is made up here: a plan shows it symbolically")
}

func TestInvalidArgsAreRefusedAndRegisterNothing(t *testing.T) {
	with := func(mut func(a *vpcendpoint.Args)) *vpcendpoint.Args {
		a := args()
		mut(a)
		return a
	}
	tests := []struct {
		name string
		args *vpcendpoint.Args
		want []string
	}{
		{"nil", nil, []string{"args are required"}},
		{"no vpc", with(func(a *vpcendpoint.Args) { a.VpcID = nil }), []string{"VpcID: required"}},
		{"no subnets", with(func(a *vpcendpoint.Args) { a.SubnetIDs = nil }), []string{"SubnetIDs: at least one"}},
		{"region", with(func(a *vpcendpoint.Args) { a.Region = "Ireland" }), []string{"Region", "eu-west-1"}},
		{"no sources", with(func(a *vpcendpoint.Args) { a.AllowedCIDRs = nil }), []string{"AllowedCIDRs: at least one"}},
		{"open to the world", with(func(a *vpcendpoint.Args) { a.AllowedCIDRs = []string{"0.0.0.0/0"} }),
			[]string{"AllowedCIDRs[0]", "every address"}},
		{"open to the v6 world", with(func(a *vpcendpoint.Args) { a.AllowedCIDRs = []string{"10.0.0.0/8", "::/0"} }),
			[]string{"AllowedCIDRs[1]"}},
		{"bad cidr", with(func(a *vpcendpoint.Args) { a.AllowedCIDRs = []string{"10.0.0.300/24"} }), []string{"AllowedCIDRs[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := vpcendpoint.New(ctx, "private", tt.args)
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
