package baseline

import (
	"slices"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// PackName and PackVersion identify the policy pack (PulumiPolicy.yaml's folder is ./policy). The minor version
// moves whenever a policy's name changes, since names are the keys of every stack's policy config: 0.2.0 renamed
// user-pool-threat-protection (no COG3), method-authorization (no CKV2_AWS_70) and lambda-permission-scoped (now
// CKV_AWS_301, CKV_AWS_364); 0.3.0 added the mandatory lambda-environment-kms (CKV_AWS_173), which a stack passing
// 0.2.0 can fail; 0.4.0 added the WAF and usage-plan rules (stage-waf-associated and waf-log4j mandatory); 0.5.0 the network rules;
// 0.6.0 the certificate rules and sg-described, which a stack passing 0.5.0 can fail; 0.7.0 judges every resource
// type and alias each rule's catalogs judge (legacy S3 buckets, aws:alb/*, v2 stages and routes, standalone
// security-group rules, user/group/inline IAM policies, WAF Classic ACLs, a Deployment's stage) and ties children to
// parents by the input naming them, so a stack passing 0.6.0 can fail; 0.8.0 added the mandatory monitoring rules
// (stage-alarms, alarm-has-alarm-action, sns-topic-kms), which a stack passing 0.7.0 can fail; 0.9.0 added the
// mandatory waf-managed-rules-block and alarm-topics-in-stack, which a stack passing 0.8.0 can fail.
const (
	PackName    = "secure-apigw-baseline"
	PackVersion = "0.9.0"
)

// Rules returns every rule, in report order.
func Rules() []Rule {
	return slices.Concat(apiGatewayRules(), trafficRules(), networkRules(), certificateRules(), authRules(), lambdaRules(),
		monitoringRules())
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
