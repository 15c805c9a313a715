package waf

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// rules are the ACL's rules at their fixed priorities, with the IP sets they reference.
func (b *builder) rules() (wafv2.WebAclRuleArray, error) {
	a := b.args
	var rules wafv2.WebAclRuleArray
	if len(a.DenyCIDRs) > 0 {
		match, err := b.ipSetMatch("deny", a.DenyCIDRs)
		if err != nil {
			return nil, err
		}
		rules = append(rules, b.blockRule("deny-list", PriorityDenyList, match))
	}
	if len(a.AllowOnlyCIDRs) > 0 {
		match, err := b.ipSetMatch("allow", a.AllowOnlyCIDRs)
		if err != nil {
			return nil, err
		}
		rules = append(rules, b.blockRule("allow-list", PriorityAllowList, wafv2.WebAclRuleStatementArgs{
			NotStatement: &wafv2.WebAclRuleStatementNotStatementArgs{Statements: wafv2.WebAclRuleStatementArray{match}},
		}))
	}
	if len(a.BlockCountries) > 0 {
		rules = append(rules, b.blockRule("geo-block", PriorityGeoBlock, wafv2.WebAclRuleStatementArgs{
			GeoMatchStatement: &wafv2.WebAclRuleStatementGeoMatchStatementArgs{
				CountryCodes: pulumi.ToStringArray(a.BlockCountries)},
		}))
	}
	rules = append(rules, b.rateRule(), b.bodySizeRule())
	for i, g := range a.managedGroups() {
		rules = append(rules, b.managedRule(g, PriorityManagedFirst+i))
	}
	return rules, nil
}

// blockRule blocks what stmt matches with a 403 and the JSON body.
func (b *builder) blockRule(name string, priority int, stmt wafv2.WebAclRuleStatementArgs) wafv2.WebAclRuleArgs {
	return wafv2.WebAclRuleArgs{
		Name:             pulumi.String(name),
		Priority:         pulumi.Int(priority),
		Action:           block(forbiddenStatus, forbiddenKey),
		Statement:        stmt,
		VisibilityConfig: ruleVisibility(b.args.Name + "-" + name),
	}
}

// ipSetMatch creates one IP set per address family and matches either.
func (b *builder) ipSetMatch(kind string, cidrs []string) (wafv2.WebAclRuleStatementArgs, error) {
	// One IP set per family, each CIDR written canonically so AWS echoes back what was sent.
	v4, v6 := netcheck.SplitFamilies(cidrs)
	var refs wafv2.WebAclRuleStatementArray
	for _, set := range []struct {
		version string
		cidrs   []string
	}{{"IPV4", v4}, {"IPV6", v6}} {
		if len(set.cidrs) == 0 {
			continue
		}
		family := strings.ToLower(set.version)
		ipSet, err := wafv2.NewIpSet(b.ctx, fmt.Sprintf("%s-%s-%s", b.name, kind, family), &wafv2.IpSetArgs{
			Name:             pulumi.String(fmt.Sprintf("%s-%s-%s", b.args.Name, kind, family)),
			Description:      pulumi.String(fmt.Sprintf("%s %s-list", b.args.Name, kind)),
			Scope:            pulumi.String("REGIONAL"),
			IpAddressVersion: pulumi.String(set.version),
			Addresses:        pulumi.ToStringArray(set.cidrs),
			Tags:             b.args.Tags,
		}, b.parent)
		if err != nil {
			return wafv2.WebAclRuleStatementArgs{}, fmt.Errorf("create %s IP set: %w", kind, err)
		}
		refs = append(refs, wafv2.WebAclRuleStatementArgs{
			IpSetReferenceStatement: &wafv2.WebAclRuleStatementIpSetReferenceStatementArgs{Arn: ipSet.Arn},
		})
	}
	if len(refs) == 1 {
		return refs[0].(wafv2.WebAclRuleStatementArgs), nil
	}
	return wafv2.WebAclRuleStatementArgs{OrStatement: &wafv2.WebAclRuleStatementOrStatementArgs{Statements: refs}}, nil
}

// rateRule answers 429 to a source IP past RateLimit requests per window, under the path prefix if one is set.
func (b *builder) rateRule() wafv2.WebAclRuleArgs {
	a := b.args
	stmt := &wafv2.WebAclRuleStatementRateBasedStatementArgs{
		Limit:               pulumi.Int(a.RateLimit),
		AggregateKeyType:    pulumi.String("IP"),
		EvaluationWindowSec: pulumi.Int(a.RateLimitWindowSeconds),
	}
	if a.RateLimitPathPrefix != "" {
		stmt.ScopeDownStatement = &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementArgs{
			ByteMatchStatement: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementArgs{
				FieldToMatch: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementFieldToMatchArgs{
					UriPath: &wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementFieldToMatchUriPathArgs{},
				},
				PositionalConstraint: pulumi.String("STARTS_WITH"),
				SearchString:         pulumi.String(a.RateLimitPathPrefix),
				TextTransformations: wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementTextTransformationArray{
					wafv2.WebAclRuleStatementRateBasedStatementScopeDownStatementByteMatchStatementTextTransformationArgs{
						Priority: pulumi.Int(0), Type: pulumi.String("NONE")},
				},
			},
		}
	}
	return wafv2.WebAclRuleArgs{
		Name:             pulumi.String("rate-limit"),
		Priority:         pulumi.Int(PriorityRateLimit),
		Action:           block(tooManyStatus, tooManyKey),
		Statement:        wafv2.WebAclRuleStatementArgs{RateBasedStatement: stmt},
		VisibilityConfig: ruleVisibility(b.args.Name + "-rate-limit"),
	}
}

// bodySizeRule blocks bodies over MaxBodyBytes; oversize handling MATCH also blocks bodies past the inspection window.
func (b *builder) bodySizeRule() wafv2.WebAclRuleArgs {
	return b.blockRule("body-size", PriorityBodySize, wafv2.WebAclRuleStatementArgs{
		SizeConstraintStatement: &wafv2.WebAclRuleStatementSizeConstraintStatementArgs{
			ComparisonOperator: pulumi.String("GT"),
			Size:               pulumi.Int(b.args.MaxBodyBytes),
			FieldToMatch: &wafv2.WebAclRuleStatementSizeConstraintStatementFieldToMatchArgs{
				Body: &wafv2.WebAclRuleStatementSizeConstraintStatementFieldToMatchBodyArgs{
					OversizeHandling: pulumi.String("MATCH")},
			},
			TextTransformations: wafv2.WebAclRuleStatementSizeConstraintStatementTextTransformationArray{
				wafv2.WebAclRuleStatementSizeConstraintStatementTextTransformationArgs{
					Priority: pulumi.Int(0), Type: pulumi.String("NONE")},
			},
		},
	})
}
