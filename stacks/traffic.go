package stacks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/waf"
)

// meteredRoute is the route usage plans meter: partners call it with their key (HEADER) or are metered by the
// client id the Lambda authorizer returns (AUTHORIZER). Cognito routes cannot be metered by an authorizer's key.
const meteredRoute = "GET /partner/items"

// UsagePlans configures usage-plan tiers and their consumers (`usagePlans`). Optional: without it, nothing is
// metered and no route requires a key.
type UsagePlans struct {
	// KeySource is HEADER (partners send x-api-key) or AUTHORIZER (the authorizer's client_id is the key).
	KeySource string `json:"keySource"`
	Tiers     []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Throttle    struct {
			RateLimit  float64 `json:"rateLimit"`
			BurstLimit int     `json:"burstLimit"`
		} `json:"throttle"`
		Quota struct {
			Limit  int    `json:"limit"`
			Period string `json:"period"`
			Offset int    `json:"offset"`
		} `json:"quota"`
		MethodThrottles []struct {
			// Route is "METHOD /path", one of this API's routes.
			Route      string  `json:"route"`
			RateLimit  float64 `json:"rateLimit"`
			BurstLimit int     `json:"burstLimit"`
		} `json:"methodThrottles"`
	} `json:"tiers"`
	Consumers []struct {
		Name string `json:"name"`
		Tier string `json:"tier"`
		// KeySecret names a secret config key of this project holding the key's value (HEADER).
		KeySecret string `json:"keySecret"`
		// PartnerClient makes the key's value this stack's partner client id (AUTHORIZER).
		PartnerClient bool `json:"partnerClient"`
		// ClientID is an external partner's client id, the key's value (AUTHORIZER).
		ClientID string `json:"clientId"`
		Rotation int    `json:"rotation"`
	} `json:"consumers"`
}

// WAF configures the web ACL in front of the stage (`waf`). It is on unless enabled is false.
type WAF struct {
	Enabled                *bool    `json:"enabled"`
	CountOnly              []string `json:"countOnly"`
	AnonymousIPList        bool     `json:"anonymousIpList"`
	BotControl             bool     `json:"botControl"`
	RateLimit              int      `json:"rateLimit"`
	RateLimitWindowSeconds int      `json:"rateLimitWindowSeconds"`
	RateLimitPathPrefix    string   `json:"rateLimitPathPrefix"`
	BlockCountries         []string `json:"blockCountries"`
	AllowOnlyCIDRs         []string `json:"allowOnlyCidrs"`
	DenyCIDRs              []string `json:"denyCidrs"`
	MaxBodyBytes           int      `json:"maxBodyBytes"`
	LogRetentionDays       int      `json:"logRetentionDays"`
}

// SourceIP restricts callers by address in the API's resource policy (`sourceIp`).
type SourceIP struct {
	AllowCIDRs []string `json:"allowCidrs"`
	DenyCIDRs  []string `json:"denyCidrs"`
}

// wafFields and usagePlanFields rename component fields to config keys where lower-casing the first letter is not
// enough; "" drops the problem: the stack passes its own Stage, and checks a key's value under the key it came from.
var (
	wafFields = map[string]string{"AllowOnlyCIDRs": "allowOnlyCidrs", "DenyCIDRs": "denyCidrs",
		"AnonymousIPList": "anonymousIpList", "Stage": ""}
	usagePlanFields = map[string]string{"KeyValue": "", "Stage": ""}
)

// renameFields reports a component's problems under their config keys, indexes kept:
// "Tiers[0].Throttle.BurstLimit" → "<project>:gateway.usagePlans.tiers[0].throttle.burstLimit". A dotted rename
// matches a whole field, indexes dropped, for a list the config writes as one value ("Mappings.BasePath" →
// "domain.basePath"). A problem naming several fields ("ZoneName, ZoneID: …") names each key.
func renameFields(ctx *pulumi.Context, err error, prefix string, renames map[string]string) []error {
	if err == nil {
		return nil
	}
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	var out []error
	for _, e := range leaves {
		fields, rest, ok := strings.Cut(e.Error(), ": ")
		if !ok {
			out = append(out, e)
			continue
		}
		var keys []string
		drop := false
		for _, field := range strings.Split(fields, ", ") {
			if strings.ContainsAny(field, " ") {
				keys = nil
				break
			}
			renamed, dropped := renameField(field, renames)
			drop = drop || dropped
			keys = append(keys, key(ctx, prefix+renamed))
		}
		switch {
		case keys == nil:
			out = append(out, e)
		case !drop:
			out = append(out, fmt.Errorf("%s: %s", strings.Join(keys, ", "), rest))
		}
	}
	return out
}

// renameField is one component field as its config key (without prefix), or dropped when a rename maps it to "".
func renameField(field string, renames map[string]string) (string, bool) {
	if whole, ok := renames[fieldIndex.ReplaceAllString(field, "")]; ok && strings.Contains(field, ".") {
		return whole, whole == ""
	}
	var parts []string
	for _, seg := range strings.Split(field, ".") {
		name, index, _ := strings.Cut(seg, "[")
		if index != "" {
			index = "[" + index
		}
		renamed, known := renames[name]
		switch {
		case known && renamed == "":
			return "", true
		case known:
			name = renamed
		default:
			name = strings.ToLower(name[:1]) + name[1:]
		}
		parts = append(parts, name+index)
	}
	return strings.Join(parts, "."), false
}

// routeKeys are the API's routes as config names them: "GET /items".
func routeKeys() []string {
	var out []string
	for _, r := range Routes(nil) {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func (c Config) wafEnabled() bool { return c.WAF.Enabled == nil || *c.WAF.Enabled }

// wafArgs maps `waf` onto the web ACL; logs default to a year, encrypted with the stack's log key.
func (c Config) wafArgs() *waf.Args {
	w := c.WAF
	return &waf.Args{
		CountOnly: w.CountOnly, AnonymousIPList: w.AnonymousIPList, BotControl: w.BotControl,
		RateLimit: w.RateLimit, RateLimitWindowSeconds: w.RateLimitWindowSeconds, RateLimitPathPrefix: w.RateLimitPathPrefix,
		BlockCountries: w.BlockCountries, AllowOnlyCIDRs: w.AllowOnlyCIDRs, DenyCIDRs: w.DenyCIDRs,
		MaxBodyBytes: w.MaxBodyBytes, LogRetentionDays: w.LogRetentionDays, Protect: c.protect(),
	}
}

// usagePlanArgs maps `usagePlans` onto the plans; a partnerClient consumer's key is this stack's partner client id,
// which the SecuredAPI fills in (securedapi.UsagePlans.ClientKeys).
func (c Config) usagePlanArgs(ctx *pulumi.Context) *usageplan.Args {
	u := c.UsagePlans
	a := &usageplan.Args{}
	for _, t := range u.Tiers {
		tier := usageplan.Tier{Name: t.Name, Description: t.Description,
			Throttle: usageplan.Throttle{RateLimit: t.Throttle.RateLimit, BurstLimit: t.Throttle.BurstLimit},
			Quota:    usageplan.Quota{Limit: t.Quota.Limit, Period: t.Quota.Period, Offset: t.Quota.Offset}}
		for _, m := range t.MethodThrottles {
			method, path, _ := strings.Cut(m.Route, " ")
			tier.MethodThrottles = append(tier.MethodThrottles, usageplan.MethodThrottle{Method: method, Path: path,
				Throttle: usageplan.Throttle{RateLimit: m.RateLimit, BurstLimit: m.BurstLimit}})
		}
		a.Tiers = append(a.Tiers, tier)
	}
	for _, k := range u.Consumers {
		consumer := usageplan.Consumer{Name: k.Name, Tier: k.Tier, Rotation: k.Rotation}
		switch {
		case k.KeySecret != "":
			v, _ := config.Try(ctx, k.KeySecret)
			consumer.KeyValue = pulumi.String(v)
		case k.ClientID != "":
			consumer.KeyValue = pulumi.String(k.ClientID)
		}
		a.Consumers = append(a.Consumers, consumer)
	}
	return a
}

// validateTraffic checks what only the stack knows: key sources against the key source, secrets that exist, routes
// of this API; the components check the rest.
func (c Config) validateTraffic(ctx *pulumi.Context) []error {
	var errs []error
	bad := func(path, format string, v ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key(ctx, path), fmt.Sprintf(format, v...)))
	}
	if u := c.UsagePlans; u != nil {
		switch u.KeySource {
		case "HEADER", "AUTHORIZER":
		default:
			bad("usagePlans.keySource", `%q is not allowed; allowed: "HEADER" (clients send x-api-key), "AUTHORIZER" `+
				`(the Lambda authorizer's client_id meters the partner)`, u.KeySource)
		}
		known := routeKeys()
		for i, t := range u.Tiers {
			for j, m := range t.MethodThrottles {
				if !slices.Contains(known, m.Route) {
					bad(fmt.Sprintf("usagePlans.tiers[%d].methodThrottles[%d].route", i, j),
						"%q is not a route of this API; allowed: %s", m.Route, strings.Join(known, ", "))
				}
			}
		}
		for i, k := range u.Consumers {
			field := fmt.Sprintf("usagePlans.consumers[%d]", i)
			given := map[string]bool{"keySecret": k.KeySecret != "", "partnerClient": k.PartnerClient,
				"clientId": k.ClientID != ""}
			n := 0
			for _, set := range given {
				if set {
					n++
				}
			}
			switch {
			case n > 1:
				bad(field, "set at most one of keySecret, partnerClient, clientId")
			case u.KeySource == "AUTHORIZER" && n == 0:
				bad(field, "with keySource AUTHORIZER a generated key meters nobody: set partnerClient or clientId")
			case u.KeySource == "AUTHORIZER" && given["keySecret"]:
				bad(field+".keySecret", "with keySource AUTHORIZER the key's value is the partner's client id: set "+
					"partnerClient or clientId")
			case u.KeySource == "HEADER" && (given["partnerClient"] || given["clientId"]):
				bad(field, "a client id is public, so with keySource HEADER it must not be the key: use keySecret "+
					"or leave the key to AWS")
			}
			// The component checks a key's length too, but only the stack knows which config key the value came from.
			if k.KeySecret != "" {
				if v, err := config.Try(ctx, k.KeySecret); err != nil {
					bad(field+".keySecret", "no config value %q; set it with `pulumi config set --secret %s <value>`",
						k.KeySecret, k.KeySecret)
				} else if err := usageplan.CheckKeyValue(v); err != nil {
					bad(field+".keySecret", "the value of %q %v", k.KeySecret, err)
				}
			}
			if k.ClientID != "" {
				if err := usageplan.CheckKeyValue(k.ClientID); err != nil {
					bad(field+".clientId", "%v", err)
				}
			}
		}
	}
	return errs
}

// apiTrafficArgs sets the API's key source, the metered route's key requirement and the source-IP controls.
func (c Config) apiTrafficArgs(a *restapi.Args) {
	a.AllowSourceCIDRs, a.DenySourceCIDRs = c.SourceIP.AllowCIDRs, c.SourceIP.DenyCIDRs
	if c.UsagePlans == nil {
		return
	}
	a.ApiKeySource = c.UsagePlans.KeySource
	for i, r := range a.Routes {
		if r.Method+" "+r.Path == meteredRoute {
			a.Routes[i].ApiKeyRequired = true
		}
	}
}
