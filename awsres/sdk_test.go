//go:build sdk

package awsres_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// constructor pairs one awsres constructor with the SDK's: each registers a resource named "sdk" or "ours".
type constructor struct {
	name  string // the awsres function
	sdk   func(ctx *pulumi.Context) (pulumi.CustomResource, error)
	ours  func(ctx *pulumi.Context) (pulumi.CustomResource, error)
	token string
}

var (
	s     = pulumi.String("x")
	bkt   = pulumi.String("bucket")
	cases = []constructor{
		{"NewWebAcl", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return wafv2.NewWebAcl(ctx, "sdk", &wafv2.WebAclArgs{DefaultAction: wafv2.WebAclDefaultActionArgs{},
				Scope: s, VisibilityConfig: wafv2.WebAclVisibilityConfigArgs{}})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewWebAcl(ctx, "ours", nil)
		}, awsres.WebAclType},
		{"NewWebAclAssociation", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return wafv2.NewWebAclAssociation(ctx, "sdk", &wafv2.WebAclAssociationArgs{ResourceArn: s, WebAclArn: s})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewWebAclAssociation(ctx, "ours", nil)
		}, awsres.WebAclAssociationType},
		{"NewWebAclLoggingConfiguration", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return wafv2.NewWebAclLoggingConfiguration(ctx, "sdk", &wafv2.WebAclLoggingConfigurationArgs{
				ResourceArn: s, LogDestinationConfigs: pulumi.StringArray{s}})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewWebAclLoggingConfiguration(ctx, "ours", nil)
		}, awsres.WebAclLoggingConfigurationType},
		{"NewIpSet", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return wafv2.NewIpSet(ctx, "sdk", &wafv2.IpSetArgs{IpAddressVersion: s, Scope: s})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewIpSet(ctx, "ours", nil)
		}, awsres.IpSetType},
		{"NewSecurityGroup", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return ec2.NewSecurityGroup(ctx, "sdk", nil)
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewSecurityGroup(ctx, "ours", nil)
		}, awsres.SecurityGroupType},
		{"NewVpcEndpoint", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return ec2.NewVpcEndpoint(ctx, "sdk", &ec2.VpcEndpointArgs{ServiceName: s, VpcId: s})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewVpcEndpoint(ctx, "ours", nil)
		}, awsres.VpcEndpointType},
		{"NewBucketV2", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketV2(ctx, "sdk", nil)
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewBucketV2(ctx, "ours", nil)
		}, awsres.BucketV2Type},
		control(awsres.BucketPublicAccessBlockType, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketPublicAccessBlock(ctx, "sdk", &s3.BucketPublicAccessBlockArgs{Bucket: bkt})
		}),
		control(awsres.BucketOwnershipControlsType, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketOwnershipControls(ctx, "sdk", &s3.BucketOwnershipControlsArgs{Bucket: bkt,
				Rule: s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: s}})
		}),
		control(awsres.BucketVersioningV2Type, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketVersioningV2(ctx, "sdk", &s3.BucketVersioningV2Args{Bucket: bkt,
				VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: s}})
		}),
		control(awsres.BucketServerSideEncryptionConfigurationV2Type, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketServerSideEncryptionConfigurationV2(ctx, "sdk",
				&s3.BucketServerSideEncryptionConfigurationV2Args{Bucket: bkt,
					Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{}})
		}),
		control(awsres.BucketPolicyType, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketPolicy(ctx, "sdk", &s3.BucketPolicyArgs{Bucket: bkt, Policy: s})
		}),
		{"NewLoadBalancer", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return lb.NewLoadBalancer(ctx, "sdk", nil)
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewLoadBalancer(ctx, "ours", nil)
		}, awsres.LoadBalancerType},
		{"NewTargetGroup", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return lb.NewTargetGroup(ctx, "sdk", nil)
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewTargetGroup(ctx, "ours", nil)
		}, awsres.TargetGroupType},
		{"NewListener", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return lb.NewListener(ctx, "sdk", &lb.ListenerArgs{LoadBalancerArn: s,
				DefaultActions: lb.ListenerDefaultActionArray{}})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewListener(ctx, "ours", nil)
		}, awsres.ListenerType},
		{"NewTargetGroupAttachment", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return lb.NewTargetGroupAttachment(ctx, "sdk", &lb.TargetGroupAttachmentArgs{TargetGroupArn: s, TargetId: s})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewTargetGroupAttachment(ctx, "ours", nil)
		}, awsres.TargetGroupAttachmentType},
		{"NewRecord", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return route53.NewRecord(ctx, "sdk", &route53.RecordArgs{Name: s, Type: s, ZoneId: s})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewRecord(ctx, "ours", nil)
		}, awsres.RecordType},
		{"NewBucketObjectv2", func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return s3.NewBucketObjectv2(ctx, "sdk", &s3.BucketObjectv2Args{Bucket: bkt})
		}, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
			return awsres.NewBucketObjectv2(ctx, "ours", nil)
		}, awsres.BucketObjectv2Type},
	}
)

func control(token string, sdk func(ctx *pulumi.Context) (pulumi.CustomResource, error)) constructor {
	return constructor{"NewBucketControl", sdk, func(ctx *pulumi.Context) (pulumi.CustomResource, error) {
		return awsres.NewBucketControl(ctx, token, "ours", nil)
	}, token}
}

// Each constructor registers what the SDK's does — type, provider version, aliases — so engine, provider and
// state cannot tell them apart; the sdk-tagged mock engine checks each one's inputs against the SDK's Args.
func TestConstructorsRegisterWhatTheSDKs(t *testing.T) {
	for _, c := range cases {
		t.Run(c.token, func(t *testing.T) {
			var sdk, ours pulumi.CustomResource
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				var err error
				if sdk, err = c.sdk(ctx); err != nil {
					return err
				}
				ours, err = c.ours(ctx)
				return err
			})
			require.NoError(t, err)
			want, got := e.Named(c.token, "sdk"), e.Named(c.token, "ours")
			require.NotNil(t, want, "the SDK constructor does not register %s", c.token)
			require.NotNil(t, got)
			assert.Equal(t, "6.83.4", want.Version)
			assert.Equal(t, want.Version, got.Version)
			assert.Equal(t, want.Aliases, got.Aliases)
			assert.True(t, mockengine.SDKSchemaChecks(c.token), "the sdk mock engine does not check %s's inputs", c.token)
			assert.Empty(t, outputMismatches(reflect.TypeOf(ours).Elem(), reflect.TypeOf(sdk).Elem()))
		})
	}
}

// Every New… in the package has a row above, so a new type cannot skip the comparison.
func TestEveryConstructorIsCompared(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	compared := map[string]bool{}
	for _, c := range cases {
		compared[c.name] = true
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "New") {
				assert.True(t, compared[fn.Name.Name], "%s has no row in TestConstructorsRegisterWhatTheSDKs", fn.Name.Name)
			}
		}
	}
}

// outputMismatches lists our output fields whose property the SDK's resource lacks or types otherwise.
func outputMismatches(ours, sdk reflect.Type) []string {
	sdkFields := map[string]reflect.Type{}
	for f := range sdk.Fields() {
		if tag := f.Tag.Get("pulumi"); tag != "" {
			sdkFields[tag] = f.Type
		}
	}
	var out []string
	for f := range ours.Fields() {
		tag := f.Tag.Get("pulumi")
		if tag == "" {
			continue
		}
		st, ok := sdkFields[tag]
		if !ok {
			out = append(out, tag+": not an output of the SDK's resource")
			continue
		}
		if !sameShape(elementType(f.Type), elementType(st)) {
			out = append(out, fmt.Sprintf("%s: %s here, %s in the SDK", tag, elementType(f.Type), elementType(st)))
		}
	}
	return out
}

func elementType(output reflect.Type) reflect.Type {
	return reflect.Zero(output).Interface().(pulumi.Output).ElementType()
}

// sameShape: the same type after pointers, or a map of strings where the SDK has a struct of string fields.
func sameShape(ours, sdk reflect.Type) bool {
	for sdk.Kind() == reflect.Pointer {
		sdk = sdk.Elem()
	}
	switch {
	case ours == sdk:
		return true
	case ours.Kind() == reflect.Slice && sdk.Kind() == reflect.Slice:
		return sameShape(ours.Elem(), sdk.Elem())
	case ours.Kind() == reflect.Map && ours.Elem().Kind() == reflect.String && sdk.Kind() == reflect.Struct:
		for f := range sdk.Fields() {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() != reflect.String {
				return false
			}
		}
		return true
	}
	return false
}

// resolved evaluates fn on the mock engine, which answers both lookups as AWS would, and returns what its outputs
// resolve to, by name.
func resolved(t *testing.T, fn func(ctx *pulumi.Context) map[string]pulumi.StringOutput) map[string]string {
	t.Helper()
	var mu sync.Mutex
	got := map[string]string{}
	_, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		for name, out := range fn(ctx) {
			// Exported, so the run waits for the invoke behind it.
			ctx.Export(name, out.ApplyT(func(v string) string {
				mu.Lock()
				defer mu.Unlock()
				got[name] = v
				return v
			}))
		}
		return nil
	})
	require.NoError(t, err)
	return got
}

// The endpoint lookup answers what the SDK's does for the same id: the same invoke and arguments (the mock engine
// answers each endpoint by its id, and under this tag checks the arguments against the SDK's), and DNSEntry reads
// the entry's name and zone as the SDK's typed result does.
func TestLookupVpcEndpointDNSEntriesAnswersWhatTheSDKDoes(t *testing.T) {
	const id = "vpce-0123456789abcdef0"
	got := resolved(t, func(ctx *pulumi.Context) map[string]pulumi.StringOutput {
		sdk := ec2.LookupVpcEndpointOutput(ctx, ec2.LookupVpcEndpointOutputArgs{Id: pulumi.String(id)}).
			DnsEntries().Index(pulumi.Int(0))
		name, zone := awsres.DNSEntry(awsres.LookupVpcEndpointDNSEntries(ctx, pulumi.String(id)), 0)
		return map[string]pulumi.StringOutput{"sdk name": sdk.DnsName(), "sdk zone": sdk.HostedZoneId(),
			"our name": name, "our zone": zone}
	})
	require.NotEmpty(t, got["sdk name"])
	require.NotEmpty(t, got["sdk zone"])
	assert.Equal(t, got["sdk name"], got["our name"])
	assert.Equal(t, got["sdk zone"], got["our zone"])
}

// The zone lookup answers what the SDK's does for the same name, private and public (the mock engine makes up a
// different id for each).
func TestLookupZoneIDAnswersWhatTheSDKDoes(t *testing.T) {
	got := resolved(t, func(ctx *pulumi.Context) map[string]pulumi.StringOutput {
		out := map[string]pulumi.StringOutput{}
		for _, private := range []bool{true, false} {
			k := fmt.Sprint(private)
			out["sdk "+k] = route53.LookupZoneOutput(ctx, route53.LookupZoneOutputArgs{
				Name: pulumi.String("example.com"), PrivateZone: pulumi.Bool(private)}).ZoneId()
			out["our "+k] = awsres.LookupZoneID(ctx, "example.com", private)
		}
		return out
	})
	require.NotEmpty(t, got["sdk true"])
	assert.NotEqual(t, got["sdk true"], got["sdk false"])
	assert.Equal(t, got["sdk true"], got["our true"])
	assert.Equal(t, got["sdk false"], got["our false"])
}
