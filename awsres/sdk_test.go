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
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// registration is what the engine receives from one constructor call.
type registration struct {
	token, version string
	aliases        []string
}

type recorder struct {
	mu    sync.Mutex
	regs  map[string]registration
	calls map[string]resource.PropertyMap
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	reg := registration{token: args.TypeToken, version: args.RegisterRPC.GetVersion()}
	for _, a := range args.RegisterRPC.GetAliases() {
		reg.aliases = append(reg.aliases, a.String())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.regs[args.Name] = reg
	return args.Name + "-id", resource.PropertyMap{}, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := args.Args["id"]
	if !key.IsString() {
		key = args.Args["name"]
	}
	r.calls[args.Token+" "+key.StringValue()] = args.Args
	return resource.PropertyMap{}, nil
}

func record(t *testing.T, fn pulumi.RunFunc) *recorder {
	t.Helper()
	r := &recorder{regs: map[string]registration{}, calls: map[string]resource.PropertyMap{}}
	require.NoError(t, pulumi.RunErr(fn, pulumi.WithMocks("p", "s", r)))
	return r
}

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
			r := record(t, func(ctx *pulumi.Context) error {
				var err error
				if sdk, err = c.sdk(ctx); err != nil {
					return err
				}
				ours, err = c.ours(ctx)
				return err
			})
			want := r.regs["sdk"]
			assert.Equal(t, c.token, want.token, "the row's token is not the SDK constructor's")
			assert.Equal(t, want, r.regs["ours"])
			assert.Equal(t, "6.83.4", want.version)
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

// The lookup sends the SDK's invoke: same token, same arguments.
func TestLookupVpcEndpointDNSEntriesInvokesWhatTheSDKDoes(t *testing.T) {
	r := record(t, func(ctx *pulumi.Context) error {
		// Exported, so the run waits for both invokes.
		ctx.Export("sdk", ec2.LookupVpcEndpointOutput(ctx, ec2.LookupVpcEndpointOutputArgs{Id: pulumi.String("vpce-sdk")}))
		ctx.Export("ours", awsres.LookupVpcEndpointDNSEntries(ctx, pulumi.String("vpce-ours")))
		return nil
	})
	sdk, ours := r.calls[awsres.GetVpcEndpointFunc+" vpce-sdk"], r.calls[awsres.GetVpcEndpointFunc+" vpce-ours"]
	require.NotNil(t, sdk, "the SDK's lookup is not %s", awsres.GetVpcEndpointFunc)
	require.NotNil(t, ours)
	assert.Equal(t, sdk.StableKeys(), ours.StableKeys())
	result := reflect.TypeFor[ec2.LookupVpcEndpointResult]()
	entries, ok := result.FieldByName("DnsEntries")
	require.True(t, ok)
	assert.Equal(t, "dnsEntries", entries.Tag.Get("pulumi"))
	assert.True(t, sameShape(reflect.TypeFor[[]map[string]string](), entries.Type))
	// DNSEntry reads these two keys of an entry, the resource's and the lookup's.
	for _, entry := range []reflect.Type{reflect.TypeFor[ec2.VpcEndpointDnsEntry](), entries.Type.Elem()} {
		var tags []string
		for f := range entry.Fields() {
			tags = append(tags, f.Tag.Get("pulumi"))
		}
		assert.Subset(t, tags, []string{"dnsName", "hostedZoneId"}, entry.String())
	}
}

// The zone lookup sends the SDK's invoke: same token, same arguments, and zoneId read from its result.
func TestLookupZoneIDInvokesWhatTheSDKDoes(t *testing.T) {
	r := record(t, func(ctx *pulumi.Context) error {
		ctx.Export("sdk", route53.LookupZoneOutput(ctx, route53.LookupZoneOutputArgs{
			Name: pulumi.String("sdk.example.com"), PrivateZone: pulumi.Bool(true)}).ZoneId())
		ctx.Export("ours", awsres.LookupZoneID(ctx, "ours.example.com", true))
		return nil
	})
	sdk, ours := r.calls[awsres.GetZoneFunc+" sdk.example.com"], r.calls[awsres.GetZoneFunc+" ours.example.com"]
	require.NotNil(t, sdk, "the SDK's lookup is not %s", awsres.GetZoneFunc)
	require.NotNil(t, ours)
	assert.Equal(t, sdk.StableKeys(), ours.StableKeys())
	assert.Equal(t, sdk["privateZone"], ours["privateZone"])
	zoneID, ok := reflect.TypeFor[route53.LookupZoneResult]().FieldByName("ZoneId")
	require.True(t, ok)
	assert.Equal(t, "zoneId", zoneID.Tag.Get("pulumi"))
}
