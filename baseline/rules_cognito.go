package baseline

import (
	"fmt"
	"strings"
)

const (
	typeUserPool   = "aws:cognito/userPool:UserPool"
	typePermission = "aws:lambda/permission:Permission"
)

// authRules are the rules for the user pool and for who may invoke the functions behind the API.
func authRules() []Rule {
	return []Rule{
		{
			Slug: "user-pool-password-policy", IDs: []string{"cdk-nag COG1"},
			Description: "User pool passwords are at least minimumLength (default 12) with upper, lower, digit and symbol",
			Fix:         "set passwordPolicy.minimumLength and require all four character classes (config: gateway.auth.userPool.passwordMinLength)",
			Types:       []string{typeUserPool},
			Config: map[string]map[string]any{
				"minimumLength": {"type": "integer", "minimum": 8, "default": 12,
					"description": "Shortest password allowed. Below 12 is a waiver; COG1 itself asks for 8."},
			},
			checkResource: func(r res, cfg map[string]any) []string {
				var problems []string
				min := configNumber(cfg, "minimumLength")
				if n, ok := r.number("passwordPolicy.minimumLength"); !ok || n < min {
					problems = append(problems, fmt.Sprintf("user pool %s allows passwords shorter than %g", r.Name, min))
				}
				var missing []string
				for _, class := range []string{"requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"} {
					if on, _ := r.boolean("passwordPolicy."+class, true); !on {
						missing = append(missing, class)
					}
				}
				if len(missing) > 0 {
					problems = append(problems, fmt.Sprintf("user pool %s does not set %s", r.Name, strings.Join(missing, ", ")))
				}
				return problems
			},
		},
		{
			Slug: "user-pool-mfa", IDs: []string{"cdk-nag COG2"},
			Description: "User pools require MFA (ON); OPTIONAL only as a waiver (requireOn: false)",
			Fix:         "set mfaConfiguration ON with TOTP (config: gateway.auth.userPool.mfa)",
			Types:       []string{typeUserPool},
			Config: map[string]map[string]any{
				"requireOn": {"type": "boolean", "default": true,
					"description": "Only ON passes (MFA required for every user). false lets OPTIONAL pass: a waiver."},
			},
			checkResource: func(r res, cfg map[string]any) []string {
				mfa := r.str("mfaConfiguration")
				switch {
				case r.unknown("mfaConfiguration"):
				case mfa != "ON" && mfa != "OPTIONAL":
					return []string{fmt.Sprintf("user pool %s has MFA %q", r.Name, mfa)}
				case mfa == "OPTIONAL" && configBool(cfg, "requireOn"):
					return []string{fmt.Sprintf("user pool %s has MFA OPTIONAL; this stack requires ON", r.Name)}
				}
				return nil
			},
		},
		{
			Slug: "user-pool-threat-protection", IDs: []string{"cdk-nag COG3", "Security Hub Cognito.1"},
			Description: "User pools enforce threat protection (advanced security ENFORCED, which needs the PLUS tier)",
			Fix:         "set userPoolAddOns.advancedSecurityMode ENFORCED with userPoolTier PLUS (config: gateway.auth.userPool)",
			Types:       []string{typeUserPool},
			checkResource: func(r res, _ map[string]any) []string {
				if mode := r.str("userPoolAddOns.advancedSecurityMode"); mode != "ENFORCED" && !r.unknown("userPoolAddOns.advancedSecurityMode") {
					if mode == "" {
						mode = "OFF"
					}
					return []string{fmt.Sprintf("user pool %s has threat protection %s (tier %s)", r.Name, mode, r.str("userPoolTier"))}
				}
				return nil
			},
		},
		{
			Slug: "lambda-permission-scoped", IDs: nil,
			Description: "API Gateway may invoke a function only from one method and path, or one authorizer — never */*/*",
			Fix:         "set sourceArn to {executionArn}/*/{METHOD}/{path} or {executionArn}/authorizers/{authorizerId}",
			Types:       []string{typePermission},
			checkResource: func(r res, _ map[string]any) []string {
				if r.str("principal") != "apigateway.amazonaws.com" {
					return nil
				}
				src := r.str("sourceArn")
				if r.unknown("sourceArn") {
					return nil
				}
				if src == "" || strings.HasSuffix(src, "/*/*/*") || strings.HasSuffix(src, ":*") || strings.HasSuffix(src, "/*/*") {
					return []string{fmt.Sprintf("permission %s lets API Gateway invoke %q from anywhere (sourceArn %q)",
						r.Name, r.str("function"), src)}
				}
				return nil
			},
		},
	}
}
