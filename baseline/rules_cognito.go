package baseline

import (
	"fmt"
	"strings"
)

const (
	typeUserPool = "aws:cognito/userPool:UserPool"
)

// authRules are the rules for the user pool.
func authRules() []Rule {
	return []Rule{
		// cdk-nag src/rules/cognito/CognitoUserPoolStrongPasswordPolicy.ts: length >= 8 with upper, digit and symbol.
		// Stricter: lowercase too, and minimumLength 12 unless waived.
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
				least := configNumber(cfg, "minimumLength")
				// A length known only after deploy is judged then (benefit of the doubt in a preview).
				if n, ok := r.number("passwordPolicy.minimumLength"); (!ok || n < least) && !r.unknown("passwordPolicy.minimumLength") {
					msg := fmt.Sprintf("user pool %s allows passwords shorter than %g", r.Name, least)
					if ok && n >= cog1MinimumLength {
						msg += stricterThan("cdk-nag COG1", fmt.Sprintf("asks %d characters (waive with minimumLength)", cog1MinimumLength))
					}
					problems = append(problems, msg)
				}
				// CognitoUserPoolStrongPasswordPolicy.ts reads requireUppercase, requireNumbers and requireSymbols
				// (each must be true); requireLowercase is ours alone.
				var missing []string
				for _, class := range []string{"requireUppercase", "requireNumbers", "requireSymbols"} {
					if on, _ := r.boolean("passwordPolicy."+class, true); !on {
						missing = append(missing, class)
					}
				}
				if len(missing) > 0 {
					problems = append(problems, fmt.Sprintf("user pool %s does not set %s", r.Name, strings.Join(missing, ", ")))
				}
				if on, _ := r.boolean("passwordPolicy.requireLowercase", true); !on {
					problems = append(problems, fmt.Sprintf("user pool %s does not set requireLowercase", r.Name)+
						stricterThan("cdk-nag COG1", "does not read requireLowercase"))
				}
				return problems
			},
		},
		// cdk-nag src/rules/cognito/CognitoUserPoolMFA.ts: mfaConfiguration ON (OPTIONAL fails). (Security Hub Cognito.5
		// is not cited: its page does not say whether OPTIONAL counts as enabled.)
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
		// Security Hub Cognito.1: threat protection in full-function (ENFORCED) mode for standard authentication.
		// (cdk-nag COG3 said the same but was removed in 2.38.1; its successor COG8 is user-pool-plus-tier.)
		{
			Slug: "user-pool-threat-protection", IDs: []string{"Security Hub Cognito.1"},
			Description: "User pools enforce threat protection (advanced security ENFORCED, which needs the PLUS tier)",
			Fix:         "set userPoolAddOns.advancedSecurityMode ENFORCED with userPoolTier PLUS (config: gateway.auth.userPool)",
			Types:       []string{typeUserPool},
			checkResource: func(r res, _ map[string]any) []string {
				if mode := r.str("userPoolAddOns.advancedSecurityMode"); mode != "ENFORCED" && !r.unknown("userPoolAddOns.advancedSecurityMode") {
					if mode == "" {
						mode = "OFF"
					}
					return []string{fmt.Sprintf("user pool %s has threat protection %s (tier %s)", r.Name, mode, orNone(r.str("userPoolTier")))}
				}
				return nil
			},
		},
		// cdk-nag src/rules/cognito/CognitoUserPoolPlusTier.ts (COG8): userPoolTier PLUS.
		{
			Slug: "user-pool-plus-tier", IDs: []string{"cdk-nag COG8"},
			Description: "User pools are on the PLUS feature plan (what threat protection needs)",
			Fix:         "set userPoolTier PLUS (config: gateway.auth.userPool.tier); it is billed per monthly active user",
			Types:       []string{typeUserPool},
			checkResource: func(r res, _ map[string]any) []string {
				if tier := r.str("userPoolTier"); tier != "PLUS" && !r.unknown("userPoolTier") {
					return []string{fmt.Sprintf("user pool %s is on the %s tier, not PLUS", r.Name, orNone(tier))}
				}
				return nil
			},
		},
		// Security Hub Cognito.6: deletion protection ACTIVE (the API's default on create is INACTIVE).
		{
			Slug: "user-pool-deletion-protection", IDs: []string{"Security Hub Cognito.6"},
			Description: "User pools have deletion protection on",
			Fix:         "set deletionProtection ACTIVE (config: protectStatefulResources: true)",
			Types:       []string{typeUserPool},
			checkResource: func(r res, _ map[string]any) []string {
				if dp := r.str("deletionProtection"); dp != "ACTIVE" && !r.unknown("deletionProtection") {
					return []string{fmt.Sprintf("user pool %s has deletion protection %s", r.Name, orNone(dp))}
				}
				return nil
			},
		},
	}
}

func orNone(s string) string {
	if s == "" {
		return "unset"
	}
	return s
}
