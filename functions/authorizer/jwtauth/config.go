package jwtauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Defaults for the optional settings.
const (
	// DefaultLeeway is AUTHZ_LEEWAY_SECONDS when unset. Config.Leeway's zero value is no leeway at all.
	DefaultLeeway        = 30 * time.Second
	DefaultMaxTokenBytes = 8 << 10
	// DefaultUnknownKIDCooldown bounds JWKS refetches to two a minute per instance, however many unknown kids an
	// attacker sends, while a key the IdP rotates in is accepted within 30 s even if such a refetch was just spent.
	// (aws-jwt-verify's penalty box waits 10 s.)
	DefaultUnknownKIDCooldown = 30 * time.Second
	DefaultHTTPTimeout        = 2 * time.Second
	DefaultRefreshInterval    = time.Hour
)

// Ranges the settings must fall in.
const (
	maxLeeway        = 5 * time.Minute
	minMaxTokenBytes = 1 << 10
	maxMaxTokenBytes = 64 << 10
	maxCooldown      = time.Hour
	maxHTTPTimeout   = 30 * time.Second
)

// allowedAlgorithms are the asymmetric algorithms a JWKS can verify. HS* would let a public key be used as an HMAC
// secret; "none" is no signature at all: neither can ever be configured.
var allowedAlgorithms = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

// Config configures an Authorizer. Issuer, Audiences and Entitlements are required.
type Config struct {
	// Issuer is the exact "iss" tokens must carry, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc.
	Issuer string
	// JWKSURL is where the issuer's keys are. Optional; defaults to Issuer + "/.well-known/jwks.json" (Cognito's, and
	// most IdPs'). Separate from Issuer because the two differ for some IdPs, and in tests against an emulator.
	JWKSURL string
	// Audiences are the client ids accepted: a token's "aud" or, for access tokens without one, "client_id".
	Audiences []string
	// TokenUse is Cognito's "token_use" to require: "access" or "id". Optional; unchecked when empty (other IdPs).
	TokenUse string
	// Algorithms are the signing algorithms accepted. Optional; defaults to RS256.
	Algorithms []string
	// Leeway tolerates clock skew on exp, nbf and iat, 0 to 5 minutes. Optional; zero means none (as in
	// aws-jwt-verify); ConfigFromEnv defaults it to DefaultLeeway when AUTHZ_LEEWAY_SECONDS is unset.
	Leeway time.Duration
	// MaxTokenBytes rejects larger tokens before parsing them, 1 KiB to 64 KiB. Optional; defaults to 8 KiB.
	MaxTokenBytes int
	// Entitlements maps a scope to the routes it allows, as "METHOD /path" with * wildcards and {param} segments
	// ("GET /items", "POST /items", "GET /partner/*", "ANY /admin/{id}"). Required.
	//
	// IAM policies have no one-segment wildcard, so {param} becomes "*", and "*" matches any run of characters,
	// "/" included: "GET /items/{id}" also allows GET /items/42/history once the policy is cached. Entitle deeper
	// routes with the same scope, or keep routes that need another scope out from under a {param} (e.g.
	// /items/{id} and /item-history/{id}, not /items/{id}/history).
	Entitlements map[string][]string
	// UsageIdentifierClaim names the claim returned as usageIdentifierKey, so usage plans can meter per client (the
	// API's key source must be AUTHORIZER). Optional.
	UsageIdentifierClaim string
	// UnknownKIDCooldown is the least time from the end of one JWKS fetch to a refetch caused by an unknown kid, at
	// most an hour; a failed init fetch counts as a fetch. Optional; defaults to 30s.
	UnknownKIDCooldown time.Duration
	// HTTPTimeout bounds a JWKS fetch, at most 30s. Optional; defaults to 2s.
	HTTPTimeout time.Duration
}

// Environment variable names ConfigFromEnv reads.
const (
	EnvIssuer               = "AUTHZ_ISSUER"
	EnvJWKSURL              = "AUTHZ_JWKS_URL"
	EnvAudiences            = "AUTHZ_AUDIENCES"
	EnvTokenUse             = "AUTHZ_TOKEN_USE" //nolint:gosec // G101: an environment variable name
	EnvAlgorithms           = "AUTHZ_ALGORITHMS"
	EnvLeewaySeconds        = "AUTHZ_LEEWAY_SECONDS"
	EnvMaxTokenBytes        = "AUTHZ_MAX_TOKEN_BYTES" //nolint:gosec // G101: an environment variable name
	EnvEntitlements         = "AUTHZ_ENTITLEMENTS"
	EnvUsageIdentifierClaim = "AUTHZ_USAGE_IDENTIFIER_CLAIM"
	EnvJWKSCooldownSeconds  = "AUTHZ_JWKS_COOLDOWN_SECONDS"
)

// ConfigFromEnv reads a Config from environment variables and validates it, naming every bad variable at once. An
// unset variable takes its default; a set one is honoured exactly (AUTHZ_LEEWAY_SECONDS=0 is no leeway) or refused.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	var errs []error
	c := Config{
		Issuer:               getenv(EnvIssuer),
		JWKSURL:              getenv(EnvJWKSURL),
		TokenUse:             getenv(EnvTokenUse),
		UsageIdentifierClaim: getenv(EnvUsageIdentifierClaim),
		Audiences:            splitList(getenv(EnvAudiences)),
		Algorithms:           splitList(getenv(EnvAlgorithms)),
		Leeway:               DefaultLeeway,
	}.withDefaults()
	whole := func(name string, lo, hi int, unit string, set func(int)) {
		v := getenv(name)
		if v == "" {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			errs = append(errs, fmt.Errorf("%s: %q is not allowed; allowed: a whole number of %s from %d to %d",
				name, v, unit, lo, hi))
			return
		}
		set(n)
	}
	whole(EnvLeewaySeconds, 0, int(maxLeeway/time.Second), "seconds", func(n int) { c.Leeway = time.Duration(n) * time.Second })
	whole(EnvMaxTokenBytes, minMaxTokenBytes, maxMaxTokenBytes, "bytes", func(n int) { c.MaxTokenBytes = n })
	whole(EnvJWKSCooldownSeconds, 1, int(maxCooldown/time.Second), "seconds", func(n int) {
		c.UnknownKIDCooldown = time.Duration(n) * time.Second
	})
	if v := getenv(EnvEntitlements); v != "" {
		if err := json.Unmarshal([]byte(v), &c.Entitlements); err != nil {
			errs = append(errs, fmt.Errorf(`%s: not a JSON object of scope → ["METHOD /path", …]: %v`, EnvEntitlements, err))
		}
	}
	if err := c.validate(map[string]string{
		"Issuer": EnvIssuer, "JWKSURL": EnvJWKSURL, "Audiences": EnvAudiences, "TokenUse": EnvTokenUse,
		"Algorithms": EnvAlgorithms, "Leeway": EnvLeewaySeconds, "MaxTokenBytes": EnvMaxTokenBytes,
		"Entitlements": EnvEntitlements, "UnknownKIDCooldown": EnvJWKSCooldownSeconds,
		"UsageIdentifierClaim": EnvUsageIdentifierClaim,
	}); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// Validate reports every problem with the Config at once, naming each field.
func (c Config) Validate() error { return c.validate(nil) }

var routePattern = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|\*) (/[A-Za-z0-9._~:@!$&'()+,;=*{}/-]*)$`)

// validate names fields through names when given (environment variables), else by Go field name.
func (c Config) validate(names map[string]string) error {
	name := func(field string) string {
		if n, ok := names[field]; ok {
			return n
		}
		return field
	}
	var errs []error
	bad := func(field, format string, v ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", name(field), fmt.Sprintf(format, v...)))
	}
	if u, err := url.Parse(c.Issuer); c.Issuer == "" || err != nil || u.Scheme != "https" || u.Host == "" {
		bad("Issuer", "%q is not an https:// issuer URL; tokens' iss must match it exactly", c.Issuer)
	}
	if c.JWKSURL != "" {
		u, err := url.Parse(c.JWKSURL)
		loopback := err == nil && u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost" || u.Hostname() == "::1")
		if err != nil || u.Host == "" || (u.Scheme != "https" && !loopback) {
			bad("JWKSURL", "%q is not an https:// URL (plain http only on loopback, for emulators)", c.JWKSURL)
		}
	}
	if len(c.Audiences) == 0 {
		bad("Audiences", "required: the client ids whose tokens are accepted")
	}
	if c.TokenUse != "" && c.TokenUse != "access" && c.TokenUse != "id" {
		bad("TokenUse", "%q is not allowed; allowed: access, id, or empty for non-Cognito issuers", c.TokenUse)
	}
	for _, a := range c.Algorithms {
		if !slices.Contains(allowedAlgorithms, a) {
			bad("Algorithms", "%q is not allowed; allowed: %s (never none or HS*)", a, strings.Join(allowedAlgorithms, ", "))
		}
	}
	if c.Leeway < 0 || c.Leeway > maxLeeway {
		bad("Leeway", "%s is out of range; allowed: 0 to %s", c.Leeway, maxLeeway)
	}
	if c.MaxTokenBytes != 0 && (c.MaxTokenBytes < minMaxTokenBytes || c.MaxTokenBytes > maxMaxTokenBytes) {
		bad("MaxTokenBytes", "%d is out of range; allowed: %d to %d", c.MaxTokenBytes, minMaxTokenBytes, maxMaxTokenBytes)
	}
	if c.HTTPTimeout < 0 || c.HTTPTimeout > maxHTTPTimeout {
		bad("HTTPTimeout", "%s is out of range; allowed: up to %s", c.HTTPTimeout, maxHTTPTimeout)
	}
	switch c.UsageIdentifierClaim {
	case "", "client_id", "sub", "username":
	default:
		bad("UsageIdentifierClaim", "%q is not allowed; allowed: client_id, sub, username", c.UsageIdentifierClaim)
	}
	if c.UnknownKIDCooldown < 0 || c.UnknownKIDCooldown > maxCooldown {
		bad("UnknownKIDCooldown", "%s is out of range; allowed: up to %s", c.UnknownKIDCooldown, maxCooldown)
	}
	if len(c.Entitlements) == 0 {
		bad("Entitlements", `required: scope → routes, e.g. {"items.read": ["GET /items"]}`)
	}
	for scope, routes := range c.Entitlements {
		for _, r := range routes {
			if !routePattern.MatchString(r) {
				bad("Entitlements", "scope %q: %q is not \"METHOD /path\"", scope, r)
			}
		}
	}
	return errors.Join(errs...)
}

// withDefaults fills the settings whose zero value is not a setting. Leeway is not one of them: zero is no leeway.
func (c Config) withDefaults() Config {
	if c.JWKSURL == "" && c.Issuer != "" {
		c.JWKSURL = strings.TrimSuffix(c.Issuer, "/") + "/.well-known/jwks.json"
	}
	if len(c.Algorithms) == 0 {
		c.Algorithms = []string{"RS256"}
	}
	if c.MaxTokenBytes == 0 {
		c.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if c.UnknownKIDCooldown == 0 {
		c.UnknownKIDCooldown = DefaultUnknownKIDCooldown
	}
	if c.HTTPTimeout == 0 {
		c.HTTPTimeout = DefaultHTTPTimeout
	}
	return c
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
