package baseline

import (
	"slices"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// PackName and PackVersion identify the policy pack (PulumiPolicy.yaml's folder is ./policy).
const (
	PackName    = "secure-apigw-baseline"
	PackVersion = "0.1.0"
)

// Rules returns every rule, in report order.
func Rules() []Rule {
	return slices.Concat(apiGatewayRules(), authRules(), lambdaRules())
}

// Pack returns the policy pack: one policyx policy per rule.
func Pack() (policyx.PolicyPack, error) {
	rules := Rules()
	policies := make([]policyx.Policy, len(rules))
	for i, r := range rules {
		policies[i] = r.Policy()
	}
	return policyx.NewPolicyPack(PackName, semver.MustParse(PackVersion), policyx.EnforcementLevelMandatory, policies)
}
