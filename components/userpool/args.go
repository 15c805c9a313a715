package userpool

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Args configures a UserPool. Tier is required.
type Args struct {
	// Tier is the feature plan: ESSENTIALS or PLUS. Required: PLUS is billed per monthly active user and is the only
	// plan with threat protection, so it must be a deliberate choice.
	Tier string
	// ThreatProtection is ENFORCED, AUDIT or OFF (advanced security). Optional; defaults to ENFORCED, which needs
	// Tier PLUS.
	ThreatProtection string
	// MFA is ON (required, TOTP) or OPTIONAL (TOTP). Optional; defaults to ON.
	MFA string
	// PasswordMinLength is 8 to 99; passwords always need upper, lower, digit and symbol. Optional; defaults to 12.
	PasswordMinLength int
	// TemporaryPasswordDays is how long an admin-set password lasts, 1 to 365. Optional; defaults to 3.
	TemporaryPasswordDays int
	// SelfSignUp lets anyone create an account. Optional; defaults to false (admins create users).
	SelfSignUp bool
	// Clients are the app clients. Optional.
	Clients []Client
	// ResourceServer declares custom scopes (e.g. items.read) that clients and routes use. Optional.
	ResourceServer *ResourceServer
	// DomainPrefix creates the hosted domain https://<prefix>.auth.<region>.amazoncognito.com. Optional.
	DomainPrefix string
	// Protect turns on deletion protection, protects the pool in Pulumi and retains it on destroy: it holds the
	// users. Optional; defaults to false.
	Protect bool
	// Tags are applied to the pool. Optional.
	Tags pulumi.StringMap
}

// Client is an app client.
type Client struct {
	// Name is unique within the pool: letters, digits, '-', '_'. Required.
	Name string
	// Confidential clients (servers) get a secret, kept as a Pulumi secret; public clients (browsers, mobile) do not.
	Confidential bool
	// OAuthFlows are "code" (users, with PKCE on public clients) and "client_credentials" (machines; confidential
	// only). The implicit flow is never allowed. Optional; no OAuth flows when empty.
	OAuthFlows []string
	// Scopes the client may request: "openid", "email", "profile", or a resource-server scope by its short name
	// ("items.read"). Optional.
	Scopes []string
	// CallbackURLs for the code flow: https, or http://localhost for development. Required with "code".
	CallbackURLs []string
	// LogoutURLs, same rules as CallbackURLs. Optional.
	LogoutURLs []string
	// AccessTokenMinutes is 5 to 1440. Optional; defaults to 60.
	AccessTokenMinutes int
	// IDTokenMinutes is 5 to 1440. Optional; defaults to 60.
	IDTokenMinutes int
	// RefreshTokenDays is 1 to 3650. Optional; defaults to 30.
	RefreshTokenDays int
}

// ResourceServer is an OAuth resource server with custom scopes.
type ResourceServer struct {
	// Identifier prefixes every scope ("api" → "api/items.read"). Required.
	Identifier string
	// Scopes, by short name. Required: at least one.
	Scopes []Scope
}

// Scope is a custom scope.
type Scope struct {
	Name        string
	Description string
}

var (
	namePattern   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	scopePattern  = regexp.MustCompile(`^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$`)
	domainPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)
	standardScope = []string{"openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"}
)

// Validate reports every problem with the Args at once, naming each field.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("userpool: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	switch a.Tier {
	case "ESSENTIALS", "PLUS":
	case "":
		bad("Tier: required; ESSENTIALS, or PLUS (billed per monthly active user; needed for threat protection)")
	default:
		bad("Tier: %q is not allowed; allowed: ESSENTIALS, PLUS", a.Tier)
	}
	switch a.ThreatProtection {
	case "", "ENFORCED", "AUDIT":
		switch {
		case a.Tier != "ESSENTIALS":
		case a.ThreatProtection == "":
			// The tier is what was chosen: name it, since threat protection was left at its default.
			bad("Tier: ESSENTIALS has no threat protection, and ThreatProtection defaults to %s, which needs Tier "+
				"PLUS; choose Tier PLUS, or set ThreatProtection OFF explicitly", DefaultThreatProtection)
		default:
			bad("ThreatProtection: %s needs Tier PLUS; choose Tier PLUS, or set ThreatProtection OFF explicitly", a.ThreatProtection)
		}
	case "OFF":
	default:
		bad("ThreatProtection: %q is not allowed; allowed: ENFORCED, AUDIT, OFF", a.ThreatProtection)
	}
	if a.MFA != "" && a.MFA != "ON" && a.MFA != "OPTIONAL" {
		bad("MFA: %q is not allowed; allowed: ON, OPTIONAL (OFF would fail COG2)", a.MFA)
	}
	if n := a.PasswordMinLength; n != 0 && (n < 8 || n > 99) {
		bad("PasswordMinLength: %d is out of range; allowed: 8 to 99", n)
	}
	if d := a.TemporaryPasswordDays; d != 0 && (d < 1 || d > 365) {
		bad("TemporaryPasswordDays: %d is out of range; allowed: 1 to 365", d)
	}
	if a.DomainPrefix != "" && (!domainPattern.MatchString(a.DomainPrefix) || strings.Contains(a.DomainPrefix, "cognito") || strings.Contains(a.DomainPrefix, "aws")) {
		bad("DomainPrefix: %q is not allowed; lowercase letters, digits and '-', without 'aws' or 'cognito'", a.DomainPrefix)
	}
	custom := map[string]bool{}
	if rs := a.ResourceServer; rs != nil {
		if rs.Identifier == "" || strings.ContainsAny(rs.Identifier, " /") && !strings.HasPrefix(rs.Identifier, "https://") {
			bad("ResourceServer.Identifier: %q is not allowed; a name like \"api\" or an https:// URL", rs.Identifier)
		}
		if len(rs.Scopes) == 0 {
			bad("ResourceServer.Scopes: at least one scope is required")
		}
		for i, s := range rs.Scopes {
			if !scopePattern.MatchString(s.Name) || strings.Contains(s.Name, "/") {
				bad("ResourceServer.Scopes[%d].Name: %q is not a scope name", i, s.Name)
			}
			if custom[s.Name] {
				bad("ResourceServer.Scopes[%d].Name: %q is declared twice", i, s.Name)
			}
			custom[s.Name] = true
		}
	}
	names := map[string]bool{}
	for i, c := range a.Clients {
		errs = append(errs, c.validate(fmt.Sprintf("Clients[%d]", i), custom)...)
		if names[c.Name] {
			bad("Clients[%d].Name: %q is used twice", i, c.Name)
		}
		names[c.Name] = true
	}
	return errors.Join(errs...)
}

func (c Client) validate(field string, custom map[string]bool) []error {
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(field+"."+format, v...)) }
	if !namePattern.MatchString(c.Name) {
		bad("Name: %q is not allowed; 1 to 128 letters, digits, '-' or '_'", c.Name)
	}
	for _, f := range c.OAuthFlows {
		switch f {
		case "code":
			if len(c.CallbackURLs) == 0 {
				bad("CallbackURLs: the code flow needs at least one callback URL")
			}
		case "client_credentials":
			if !c.Confidential {
				bad("OAuthFlows: client_credentials needs a confidential client (a secret)")
			}
			for _, s := range c.Scopes {
				if !custom[s] {
					bad("Scopes: %q: client_credentials may only request resource-server scopes", s)
				}
			}
		case "implicit":
			bad("OAuthFlows: the implicit flow leaks tokens in URLs; use code (with PKCE)")
		default:
			bad("OAuthFlows: %q is not allowed; allowed: code, client_credentials", f)
		}
	}
	if slices.Contains(c.OAuthFlows, "code") && slices.Contains(c.OAuthFlows, "client_credentials") {
		bad("OAuthFlows: code and client_credentials belong to different clients (users vs machines)")
	}
	if len(c.OAuthFlows) > 0 && len(c.Scopes) == 0 {
		bad("Scopes: an OAuth client needs at least one scope")
	}
	for _, s := range c.Scopes {
		if !custom[s] && !slices.Contains(standardScope, s) {
			bad("Scopes: %q is neither a standard scope (%s) nor a resource-server scope", s, strings.Join(standardScope, ", "))
		}
	}
	for _, u := range c.CallbackURLs {
		if err := checkRedirect(u); err != nil {
			bad("CallbackURLs: %v", err)
		}
	}
	for _, u := range c.LogoutURLs {
		if err := checkRedirect(u); err != nil {
			bad("LogoutURLs: %v", err)
		}
	}
	if m := c.AccessTokenMinutes; m != 0 && (m < 5 || m > 1440) {
		bad("AccessTokenMinutes: %d is out of range; allowed: 5 to 1440", m)
	}
	if m := c.IDTokenMinutes; m != 0 && (m < 5 || m > 1440) {
		bad("IDTokenMinutes: %d is out of range; allowed: 5 to 1440", m)
	}
	if d := c.RefreshTokenDays; d != 0 && (d < 1 || d > 3650) {
		bad("RefreshTokenDays: %d is out of range; allowed: 1 to 3650", d)
	}
	return errs
}

func checkRedirect(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute URL without a fragment", raw)
	}
	if u.Scheme == "https" || (u.Scheme == "http" && u.Hostname() == "localhost") {
		return nil
	}
	return fmt.Errorf("%q must be https (http only for localhost)", raw)
}
