//go:build sdk

package mockengine_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// Under the sdk tag, every awsres registration is held to the SDK's Args, at any depth: a misspelled key, a value
// of the wrong kind, a key of the wrong object fails the registration; the SDK's own names pass.
func TestSDKSchemaRefusesWhatTheSDKDoesNotHave(t *testing.T) {
	acl := func(rule pulumi.Map) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			_, err := awsres.NewWebAcl(ctx, "acl", pulumi.Map{
				"scope":         pulumi.String("REGIONAL"),
				"defaultAction": pulumi.Map{"allow": pulumi.Map{}},
				"rules":         pulumi.Array{rule},
				"tags":          pulumi.StringMap{"any key": pulumi.String("is a tag")},
			})
			return err
		}
	}
	rule := func(statement pulumi.Map) pulumi.Map {
		return pulumi.Map{"name": pulumi.String("r"), "priority": pulumi.Int(1), "statement": statement}
	}
	geo := pulumi.Map{"geoMatchStatement": pulumi.Map{"countryCodes": pulumi.ToStringArray([]string{"KP"})}}
	for _, tc := range []struct {
		name string
		rule pulumi.Map
		want string // "" passes
	}{
		{"the SDK's names", rule(geo), ""},
		{"a misspelled nested key", rule(pulumi.Map{"geoMatchStatement": pulumi.Map{"countryCode": pulumi.String("KP")}}),
			"rules[0].statement.geoMatchStatement.countryCode (no such property)"},
		{"a string where the SDK has a number", pulumi.Map{"name": pulumi.String("r"), "priority": pulumi.String("1"),
			"statement": geo}, "rules[0].priority: string where the SDK has int"},
		{"an array where the SDK has an object", pulumi.Map{"name": pulumi.String("r"), "priority": pulumi.Int(1),
			"statement": pulumi.Array{geo}}, "rules[0].statement: []"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mockengine.Evaluate(acl(tc.rule))
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
