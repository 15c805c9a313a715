package waf

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// rules are the ACL's rules at their fixed priorities, with the IP sets they reference.
func (b *builder) rules() (pulumi.Array, error) {
	a := b.args
	var rules pulumi.Array
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
		rules = append(rules, b.blockRule("allow-list", PriorityAllowList, pulumi.Map{
			"notStatement": pulumi.Map{"statements": pulumi.Array{match}},
		}))
	}
	if len(a.BlockCountries) > 0 {
		rules = append(rules, b.blockRule("geo-block", PriorityGeoBlock, pulumi.Map{
			"geoMatchStatement": pulumi.Map{"countryCodes": pulumi.ToStringArray(a.BlockCountries)},
		}))
	}
	rules = append(rules, b.rateRule(), b.bodySizeRule())
	for i, g := range a.managedGroups() {
		rules = append(rules, b.managedRule(g, PriorityManagedFirst+i))
	}
	return rules, nil
}

// blockRule blocks what stmt matches with a 403 and the JSON body.
func (b *builder) blockRule(name string, priority int, stmt pulumi.Map) pulumi.Map {
	return pulumi.Map{
		"name":             pulumi.String(name),
		"priority":         pulumi.Int(priority),
		"action":           block(forbiddenStatus, forbiddenKey),
		"statement":        stmt,
		"visibilityConfig": visibility(b.args.Name + "-" + name),
	}
}

// ipSetMatch creates one IP set per address family and matches either.
func (b *builder) ipSetMatch(kind string, cidrs []string) (pulumi.Map, error) {
	// One IP set per family, each CIDR written canonically so AWS echoes back what was sent.
	v4, v6 := netcheck.SplitFamilies(cidrs)
	var refs pulumi.Array
	for _, set := range []struct {
		version string
		cidrs   []string
	}{{"IPV4", v4}, {"IPV6", v6}} {
		if len(set.cidrs) == 0 {
			continue
		}
		family := strings.ToLower(set.version)
		ipSet, err := awsres.NewIpSet(b.ctx, fmt.Sprintf("%s-%s-%s", b.name, kind, family), pulumi.Map{
			"name":             pulumi.String(fmt.Sprintf("%s-%s-%s", b.args.Name, kind, family)),
			"description":      pulumi.String(fmt.Sprintf("%s %s-list", b.args.Name, kind)),
			"scope":            pulumi.String("REGIONAL"),
			"ipAddressVersion": pulumi.String(set.version),
			"addresses":        pulumi.ToStringArray(set.cidrs),
			"tags":             b.args.Tags,
		}, b.parent)
		if err != nil {
			return nil, fmt.Errorf("create %s IP set: %w", kind, err)
		}
		refs = append(refs, pulumi.Map{"ipSetReferenceStatement": pulumi.Map{"arn": ipSet.Arn}})
	}
	if len(refs) == 1 {
		return refs[0].(pulumi.Map), nil
	}
	return pulumi.Map{"orStatement": pulumi.Map{"statements": refs}}, nil
}

// rateRule answers 429 to a source IP past RateLimit requests per window, under the path prefix if one is set.
func (b *builder) rateRule() pulumi.Map {
	a := b.args
	stmt := pulumi.Map{
		"limit":               pulumi.Int(a.RateLimit),
		"aggregateKeyType":    pulumi.String("IP"),
		"evaluationWindowSec": pulumi.Int(a.RateLimitWindowSeconds),
	}
	if a.RateLimitPathPrefix != "" {
		stmt["scopeDownStatement"] = pulumi.Map{"byteMatchStatement": pulumi.Map{
			"fieldToMatch":         pulumi.Map{"uriPath": pulumi.Map{}},
			"positionalConstraint": pulumi.String("STARTS_WITH"),
			"searchString":         pulumi.String(a.RateLimitPathPrefix),
			"textTransformations":  noTransformation(),
		}}
	}
	return pulumi.Map{
		"name":             pulumi.String("rate-limit"),
		"priority":         pulumi.Int(PriorityRateLimit),
		"action":           block(tooManyStatus, tooManyKey),
		"statement":        pulumi.Map{"rateBasedStatement": stmt},
		"visibilityConfig": visibility(b.args.Name + "-rate-limit"),
	}
}

// bodySizeRule blocks bodies over MaxBodyBytes; oversize handling MATCH also blocks bodies past the inspection window.
func (b *builder) bodySizeRule() pulumi.Map {
	return b.blockRule("body-size", PriorityBodySize, pulumi.Map{
		"sizeConstraintStatement": pulumi.Map{
			"comparisonOperator":  pulumi.String("GT"),
			"size":                pulumi.Int(b.args.MaxBodyBytes),
			"fieldToMatch":        pulumi.Map{"body": pulumi.Map{"oversizeHandling": pulumi.String("MATCH")}},
			"textTransformations": noTransformation(),
		},
	})
}

// noTransformation matches the request as sent.
func noTransformation() pulumi.Array {
	return pulumi.Array{pulumi.Map{"priority": pulumi.Int(0), "type": pulumi.String("NONE")}}
}
