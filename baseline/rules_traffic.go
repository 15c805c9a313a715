package baseline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

const (
	typeWebACL        = "aws:wafv2/webAcl:WebAcl"
	typeClassicWebACL = "aws:waf/webAcl:WebAcl"
	// typeRegionalClassicWebACL is Terraform's aws_wafregional_web_acl, which CKV_AWS_175 judges too.
	typeRegionalClassicWebACL = "aws:wafregional/webAcl:WebAcl"
	typeRegionalClassicAssoc  = "aws:wafregional/webAclAssociation:WebAclAssociation"
	typeWebACLAssoc           = "aws:wafv2/webAclAssociation:WebAclAssociation"
	typeWebACLLogging         = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	typeUsagePlan             = "aws:apigateway/usagePlan:UsagePlan"
	knownBadInputs            = "AWSManagedRulesKnownBadInputsRuleSet"
	log4jRule                 = "Log4JRCE"
	managedGroupName          = "statement.managedRuleGroupStatement.name"
	ruleActionOverride        = "statement.managedRuleGroupStatement.ruleActionOverrides"
)

// credentialHeaders are the headers WAF logs must redact.
var credentialHeaders = []string{"authorization", "cookie", "x-api-key"}

func trafficRules() []Rule {
	return []Rule{
		{
			Slug: "stage-waf-associated",
			// cdk-nag src/rules/apigw/APIGWAssociatedWithWAF.ts: a WAFv2 association whose ResourceArn names the
			// stage's API and then the stage; the ACL is not inspected. Security Hub APIGateway.4
			// (api-gw-associated-with-waf): a web ACL is attached to the stage; it also counts WAF Classic regional
			// ACLs, which this rule does not (stricter: WAF Classic is end-of-life). Not CKV2_AWS_29: checkov's
			// APIProtectedByWAF.yaml passes PRIVATE stages without a WAF and fails EDGE ones with one.
			IDs:         []string{"cdk-nag APIG3", "Security Hub APIGateway.4"},
			Description: "Every API Gateway stage is associated with a WAFv2 web ACL.",
			Fix:         "associate a web ACL with the stage ARN (components/waf; config: gateway.waf)",
			Types:       []string{typeStage, typeDeployment},
			applies:     func(all []res) bool { return len(restStages(all)) > 0 },
			checkStack:  checkStageWAF,
		},
		{
			Slug: "waf-has-rules",
			// Security Hub WAF.10 (wafv2-webacl-not-empty, AWS::WAFv2::WebACL); checkov WAFHasAnyRules.py
			// (bridgecrewio/checkov 14fda90, unchanged at 3.3.13: supported_resources aws_waf_web_acl,
			// aws_wafregional_web_acl, aws_wafv2_web_acl) reads `rule`/`rules` only, so rules given solely as
			// ruleJson are not counted here either (stricter than WAF.10, which sees the deployed ACL's rules).
			IDs:           []string{"Security Hub WAF.10", "CKV_AWS_175"},
			Description:   "Every web ACL (WAFv2, and WAF Classic global and regional) has at least one rule or rule group.",
			Fix:           "give the web ACL rules (components/waf adds the AWS managed groups)",
			Types:         []string{typeWebACL, typeClassicWebACL, typeRegionalClassicWebACL},
			checkResource: checkWAFHasRules,
		},
		{
			Slug: "waf-logging",
			// Security Hub WAF.11 (wafv2-logging-enabled); checkov WAF2HasLogs.yaml: a logging configuration refers
			// to the ACL.
			IDs:         []string{"Security Hub WAF.11", "CKV2_AWS_31"},
			Description: "Every WAFv2 web ACL has a logging configuration with a destination.",
			Fix:         "add a web ACL logging configuration to an aws-waf-logs-* log group (components/waf does)",
			Types:       []string{typeWebACL},
			checkStack:  checkWAFLogging,
		},
		{
			Slug:        "waf-log-redaction",
			Description: "WAF logs redact the authorization, cookie and x-api-key headers.",
			Fix:         "add singleHeader redactedFields for authorization, cookie and x-api-key (components/waf does)",
			Types:       []string{typeWebACLLogging},
			checkResource: func(r res, _ map[string]any) []string {
				var missing []string
				for _, h := range credentialHeaders {
					if !redacts(r, h) {
						missing = append(missing, h)
					}
				}
				if len(missing) == 0 {
					return nil
				}
				return []string{fmt.Sprintf("WAF logging %s writes the %s header(s) in clear", r.Name, strings.Join(missing, ", "))}
			},
		},
		{
			Slug: "waf-metrics",
			// Not Security Hub WAF.12: that control evaluates AWS::WAFv2::RuleGroup resources only.
			Description:   "A WAFv2 web ACL and each of its rules emit CloudWatch metrics.",
			Fix:           "set visibilityConfig.cloudwatchMetricsEnabled true on the ACL and every rule",
			Types:         []string{typeWebACL},
			checkResource: checkWAFMetrics,
		},
		{
			Slug: "waf-log4j",
			// checkov WAFACLCVE202144228.py (bridgecrewio/checkov 70a1306, unchanged at 3.3.13; aws_wafv2_web_acl
			// only): the first AWSManagedRulesKnownBadInputsRuleSet rule must have override_action none — absent
			// or count fails — and no excluded_rule Log4JRCE (no Pulumi v6 input); no such rule fails. Stricter: a
			// ruleActionOverride that stops Log4JRCE blocking also fails, and says so.
			IDs:           []string{"CKV_AWS_192"},
			Description:   "Every WAFv2 web ACL blocks Log4j (CVE-2021-44228) with AWSManagedRulesKnownBadInputsRuleSet.",
			Fix:           "add AWSManagedRulesKnownBadInputsRuleSet with overrideAction none, not count (config: gateway.waf.countOnly)",
			Types:         []string{typeWebACL},
			checkResource: checkLog4j,
		},
		{
			Slug: "waf-managed-rules-block",
			// No catalog asks it: CKV_AWS_192 and waf-log4j look at KnownBadInputs only. A managed group left in
			// count mode after tuning protects nothing and still looks, in the ACL, like protection.
			Description:   "Every managed rule group in a WAFv2 web ACL blocks: overrideAction none, not count.",
			Fix:           "set overrideAction none on the group once tuned (config: remove it from gateway.waf.countOnly), or waive with the reason and the date tuning ends",
			Types:         []string{typeWebACL},
			checkResource: checkManagedGroupsBlock,
		},
		{
			Slug:          "usage-plan-limits",
			Description:   "Every usage plan throttles and has a quota.",
			Fix:           "set throttleSettings (rate and burst) and quotaSettings (limit, period) (components/usageplan requires both)",
			Types:         []string{typeUsagePlan},
			checkResource: checkUsagePlanLimits,
		},
		{
			Slug:        "api-key-methods-metered",
			Description: "An API whose methods require an API key has a usage plan on one of its stages.",
			Fix:         "add a usage plan for the API's stage and give its consumers keys (config: gateway.usagePlans)",
			Types:       []string{typeRestAPI, typeMethod},
			checkStack:  checkKeyedMethodsMetered,
		},
	}
}

// checkStageWAF passes a stage some WAFv2 association names in its resourceArn: by value (the stage's ARN, or one
// ending in /restapis/{api}/stages/{stage}) or, when the value is only known after deploy, by that input's property
// dependencies. A dependsOn on the stage is not an association with it. A Deployment whose stageName makes a stage
// is a stage too (restStages): API Gateway serves it, and Security Hub judges it once deployed.
func checkStageWAF(all []res) []violation {
	var out []violation
	for _, stage := range restStages(all) {
		names := func(a res) bool { return a.inputNames("resourceArn", stage.URN, stageARNMatcher(stage)) }
		if !slices.ContainsFunc(ofType(all, typeWebACLAssoc), names) {
			msg := fmt.Sprintf("stage %s has no WAF web ACL", stage.Name)
			if slices.ContainsFunc(ofType(all, typeRegionalClassicAssoc), names) {
				msg = fmt.Sprintf("stage %s has only a WAF Classic regional web ACL", stage.Name) +
					stricterThan("Security Hub APIGateway.4", "counts a WAF Classic regional ACL; cdk-nag APIG3 does not")
			}
			out = append(out, violation{stage.URN, msg})
		}
	}
	return out
}

// stageARNMatcher decides whether an ARN names stage, when the stage's ARN, or its API id and name, are known.
func stageARNMatcher(stage res) func(string) (bool, bool) {
	return func(arn string) (bool, bool) {
		if own := stage.str("arn"); own != "" {
			return arn == own, true
		}
		api, name := stage.str("restApi"), stage.str("stageName")
		if api == "" || name == "" {
			return false, false
		}
		return strings.HasSuffix(arn, fmt.Sprintf("/restapis/%s/stages/%s", api, name)), true
	}
}

func checkWAFHasRules(r res, _ map[string]any) []string {
	if rules, ok := r.get("rules"); ok && rules.IsArray() && rules.AsArray().Len() > 0 {
		return nil
	}
	if r.unknown("rules") {
		return nil
	}
	return []string{fmt.Sprintf("web ACL %s has no rules", r.Name)}
}

// checkWAFLogging passes an ACL a logging configuration names in its resourceArn (by the ACL's ARN when both are
// known, else by that input's property dependencies) with a destination.
func checkWAFLogging(all []res) []violation {
	var out []violation
	for _, acl := range ofType(all, typeWebACL) {
		if !slices.ContainsFunc(ofType(all, typeWebACLLogging), func(l res) bool {
			refers := l.inputNames("resourceArn", acl.URN, knownEqual(acl.str("arn")))
			dest, ok := l.get("logDestinationConfigs")
			return refers && ((ok && dest.IsArray() && dest.AsArray().Len() > 0) || l.unknown("logDestinationConfigs"))
		}) {
			out = append(out, violation{acl.URN, fmt.Sprintf("web ACL %s has no logging configuration", acl.Name)})
		}
	}
	return out
}

// knownEqual decides a match on equality with want, when want is known.
func knownEqual(want string) func(string) (bool, bool) {
	return func(v string) (bool, bool) { return v == want, want != "" }
}

// redacts reports whether the logging configuration redacts header. A field list, or a field's header name, known
// only after deploy may be it: the benefit of the doubt a preview gives, judged again when known.
func redacts(r res, header string) bool {
	if r.unknown("redactedFields") {
		return true
	}
	fields, ok := r.get("redactedFields")
	if !ok || !fields.IsArray() {
		return false
	}
	for i := range fields.AsArray().Len() {
		name := fmt.Sprintf("redactedFields.%d.singleHeader.name", i)
		if r.unknown(name) || strings.EqualFold(r.str(name), header) {
			return true
		}
	}
	return false
}

func checkWAFMetrics(r res, _ map[string]any) []string {
	var off []string
	if on, present := r.boolean("visibilityConfig.cloudwatchMetricsEnabled", true); !on || !present {
		off = append(off, "the ACL itself")
	}
	rules, _ := r.get("rules")
	if rules.IsArray() {
		for i := range rules.AsArray().Len() {
			if on, _ := r.boolean(fmt.Sprintf("rules.%d.visibilityConfig.cloudwatchMetricsEnabled", i), true); !on {
				off = append(off, "rule "+r.str(fmt.Sprintf("rules.%d.name", i)))
			}
		}
	}
	// Rules given as ruleJson are the WAFv2 API's own shape; they are rules of the ACL all the same.
	if text := r.str("ruleJson"); text != "" {
		var jsonRules []struct {
			Name             string
			VisibilityConfig *struct{ CloudWatchMetricsEnabled bool }
		}
		if err := json.Unmarshal([]byte(text), &jsonRules); err != nil {
			return []string{fmt.Sprintf("web ACL %s has a ruleJson that is not a readable list of rules: %v", r.Name, err)}
		}
		for _, rule := range jsonRules {
			if rule.VisibilityConfig == nil || !rule.VisibilityConfig.CloudWatchMetricsEnabled {
				off = append(off, "rule "+rule.Name+" (ruleJson)")
			}
		}
	}
	if len(off) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("web ACL %s emits no CloudWatch metrics for %s", r.Name, strings.Join(off, ", "))}
}

// checkLog4j reads the first KnownBadInputs rule, as checkov does.
func checkLog4j(r res, _ map[string]any) []string {
	if r.unknown("rules") {
		return nil
	}
	rules, _ := r.get("rules")
	n := 0
	if rules.IsArray() {
		n = rules.AsArray().Len()
	}
	for i := range n {
		at := func(p string) string { return fmt.Sprintf("rules.%d.%s", i, p) }
		if r.unknown(at(managedGroupName)) {
			return nil // it may be the first KnownBadInputs rule: judged when known
		}
		if r.str(at(managedGroupName)) != knownBadInputs {
			continue
		}
		if _, none := r.get(at("overrideAction.none")); !none && !r.unknown(at("overrideAction.none")) {
			return []string{fmt.Sprintf("web ACL %s only counts %s (overrideAction is not none): Log4j requests pass", r.Name, knownBadInputs)}
		}
		overrides, _ := r.get(at(ruleActionOverride))
		if overrides.IsArray() {
			for j := range overrides.AsArray().Len() {
				o := fmt.Sprintf("%s.%d", at(ruleActionOverride), j)
				_, blocks := r.get(o + ".actionToUse.block")
				if r.str(o+".name") == log4jRule && !blocks && !r.unknown(o+".actionToUse.block") {
					return []string{fmt.Sprintf("web ACL %s overrides %s so it no longer blocks", r.Name, log4jRule) +
						stricterThan("CKV_AWS_192", "reads excluded_rule, not rule_action_override")}
				}
			}
		}
		return nil
	}
	return []string{fmt.Sprintf("web ACL %s has no %s rule", r.Name, knownBadInputs)}
}

// checkManagedGroupsBlock fails every managed rule group rule of the ACL whose overrideAction is count. An absent
// overrideAction is not judged here: the WAFv2 API refuses a rule-group rule without one.
func checkManagedGroupsBlock(r res, _ map[string]any) []string {
	rules, _ := r.get("rules")
	if r.unknown("rules") || !rules.IsArray() {
		return nil
	}
	var out []string
	for i := range rules.AsArray().Len() {
		at := func(p string) string { return fmt.Sprintf("rules.%d.%s", i, p) }
		if !r.set(at(managedGroupName)) {
			continue
		}
		if _, counts := r.get(at("overrideAction.count")); counts {
			out = append(out, fmt.Sprintf("web ACL %s runs managed group %s (rule %s) in count mode: its matches pass",
				r.Name, r.str(at(managedGroupName)), r.str(at("name"))))
		}
	}
	return out
}

func checkUsagePlanLimits(r res, _ map[string]any) []string {
	var missing []string
	for _, p := range []string{"throttleSettings.rateLimit", "throttleSettings.burstLimit", "quotaSettings.limit"} {
		if v, ok := r.number(p); (!ok || v <= 0) && !r.unknown(p) {
			missing = append(missing, p)
		}
	}
	if !r.set("quotaSettings.period") {
		missing = append(missing, "quotaSettings.period")
	}
	if len(missing) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("usage plan %s sets no %s", r.Name, strings.Join(missing, ", "))}
}

// checkKeyedMethodsMetered fails an API with key-requiring methods (resources or document operations) when no
// usage plan names one of its stages — by reference, or by the API's id.
func checkKeyedMethodsMetered(all []res) []violation {
	var out []violation
	for _, api := range ofType(all, typeRestAPI) {
		keyed := ""
		if doc, ok := documentOf(api); ok {
			for _, op := range doc.operations {
				if op.APIKeyRequired {
					keyed = op.Method + " " + op.Path
					break
				}
			}
		}
		ofAPI := knownEqual(api.str("id"))
		for _, m := range ofType(all, typeMethod) {
			if on, _ := m.boolean("apiKeyRequired", false); on && keyed == "" && m.inputNames("restApi", api.URN, ofAPI) {
				keyed = m.Name
			}
		}
		if keyed == "" {
			continue
		}
		var stages []res
		for _, s := range ofType(all, typeStage) {
			if s.inputNames("restApi", api.URN, ofAPI) {
				stages = append(stages, s)
			}
		}
		// A plan covers the API when one of its apiStages names the API's id (when known), or when apiStages is
		// computed from the API or one of its stages; a plan's dependsOn covers nothing.
		metered := slices.ContainsFunc(ofType(all, typeUsagePlan), func(p res) bool {
			stagesOf, _ := p.get("apiStages")
			for i := 0; stagesOf.IsArray() && i < stagesOf.AsArray().Len(); i++ {
				if id := api.str("id"); id != "" && p.str(fmt.Sprintf("apiStages.%d.apiId", i)) == id {
					return true
				}
			}
			return p.inputFrom("apiStages", api.URN) ||
				slices.ContainsFunc(stages, func(s res) bool { return p.inputFrom("apiStages", s.URN) })
		})
		if !metered {
			out = append(out, violation{api.URN, fmt.Sprintf("REST API %s requires API keys (%s) but no usage plan covers its stages: every keyed call is refused", api.Name, keyed)})
		}
	}
	return out
}
