//go:build sdk

package mockengine

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
)

// sdkArgs are the SDK's plain Args types of what awsres registers and invokes, by token.
var sdkArgs = map[string]reflect.Type{
	awsres.WebAclType:                     plain(wafv2.WebAclArgs{}),
	awsres.WebAclAssociationType:          plain(wafv2.WebAclAssociationArgs{}),
	awsres.WebAclLoggingConfigurationType: plain(wafv2.WebAclLoggingConfigurationArgs{}),
	awsres.IpSetType:                      plain(wafv2.IpSetArgs{}),
	awsres.SecurityGroupType:              plain(ec2.SecurityGroupArgs{}),
	awsres.VpcEndpointType:                plain(ec2.VpcEndpointArgs{}),
	awsres.GetVpcEndpointFunc:             reflect.TypeFor[ec2.LookupVpcEndpointArgs](),
	awsres.BucketV2Type:                   plain(s3.BucketV2Args{}),
	awsres.BucketPublicAccessBlockType:    plain(s3.BucketPublicAccessBlockArgs{}),
	awsres.BucketOwnershipControlsType:    plain(s3.BucketOwnershipControlsArgs{}),
	awsres.BucketVersioningV2Type:         plain(s3.BucketVersioningV2Args{}),
	awsres.BucketServerSideEncryptionConfigurationV2Type: plain(
		s3.BucketServerSideEncryptionConfigurationV2Args{}),
	awsres.BucketPolicyType:          plain(s3.BucketPolicyArgs{}),
	awsres.BucketObjectv2Type:        plain(s3.BucketObjectv2Args{}),
	awsres.LoadBalancerType:          plain(lb.LoadBalancerArgs{}),
	awsres.TargetGroupType:           plain(lb.TargetGroupArgs{}),
	awsres.ListenerType:              plain(lb.ListenerArgs{}),
	awsres.TargetGroupAttachmentType: plain(lb.TargetGroupAttachmentArgs{}),
	awsres.RecordType:                plain(route53.RecordArgs{}),
	awsres.GetZoneFunc:               reflect.TypeFor[route53.LookupZoneArgs](),
}

// plain is the struct an SDK Args type marshals from: its fields carry the provider's property names.
func plain(args pulumi.Input) reflect.Type { return args.ElementType() }

// SDKSchemaChecks reports whether the sdk-tagged engine checks token's inputs (awsres's own test asks it for each
// of awsres's types).
func SDKSchemaChecks(token string) bool {
	_, ok := sdkArgs[token]
	return ok
}

func init() {
	sdkSchema = func(token string, props resource.PropertyMap) error {
		t, ok := sdkArgs[token]
		if !ok {
			return nil
		}
		var problems []string
		schemaObject("", props, t, &problems)
		if len(problems) == 0 {
			return nil
		}
		slices.Sort(problems)
		return fmt.Errorf("mockengine (sdk): %s: inputs the pulumi-aws SDK does not have: %s", token,
			strings.Join(problems, "; "))
	}
}

// schemaObject checks each key of m against struct t's `pulumi` tags (or, for a map type, each value against its
// element type).
func schemaObject(path string, m resource.PropertyMap, t reflect.Type, problems *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		for k, v := range m {
			schemaValue(fmt.Sprintf("%s[%s]", path, k), v, t.Elem(), problems)
		}
	case reflect.Struct:
		fields := map[string]reflect.Type{}
		for f := range t.Fields() {
			if name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ","); name != "" {
				fields[name] = f.Type
			}
		}
		for k, v := range m {
			key := strings.TrimPrefix(path+"."+string(k), ".")
			ft, ok := fields[string(k)]
			if !ok {
				*problems = append(*problems, key+" (no such property)")
				continue
			}
			schemaValue(key, v, ft, problems)
		}
	case reflect.Interface:
	default:
		*problems = append(*problems, fmt.Sprintf("%s: an object where the SDK has %s", path, t))
	}
}

// schemaValue checks that v has the shape of Go type t: object, array, string, number or bool.
func schemaValue(path string, v resource.PropertyValue, t reflect.Type, problems *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case v.IsSecret():
		schemaValue(path, v.SecretValue().Element, t, problems)
		return
	case v.IsOutput():
		if o := v.OutputValue(); o.Known {
			schemaValue(path, o.Element, t, problems)
		}
		return
	case v.IsComputed() || v.IsNull() || v.IsResourceReference() || t.Kind() == reflect.Interface:
		return
	}
	ok := true
	switch k := t.Kind(); {
	case v.IsObject():
		schemaObject(path, v.ObjectValue(), t, problems)
	case v.IsArray():
		if ok = k == reflect.Slice || k == reflect.Array; ok {
			for i, e := range v.ArrayValue() {
				schemaValue(fmt.Sprintf("%s[%d]", path, i), e, t.Elem(), problems)
			}
		}
	case v.IsString():
		ok = k == reflect.String
	case v.IsNumber():
		ok = k >= reflect.Int && k <= reflect.Float64
	case v.IsBool():
		ok = k == reflect.Bool
	case v.IsAsset() || v.IsArchive():
		ok = false // the SDK's asset properties are interfaces, answered above
	}
	if !ok {
		*problems = append(*problems, fmt.Sprintf("%s: %s where the SDK has %s", path, v.TypeString(), t))
	}
}
