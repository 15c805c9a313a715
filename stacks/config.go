package stacks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secure-apigw/secure-apigw/internal/awsregion"
)

// ConfigKey is the one config object each stack sets, as <project>:gateway in Pulumi.<stack>.yaml.
const ConfigKey = "gateway"

// Config is the typed `gateway` object. Every key but environment is optional; defaults.go documents each default.
type Config struct {
	// Environment is "dev" or "prod"; it picks the environment-dependent defaults.
	Environment string `json:"environment"`
	// EndpointType is REGIONAL, EDGE or PRIVATE.
	EndpointType string `json:"endpointType"`
	// VpcEndpointIDs are the interface endpoints a PRIVATE API accepts.
	VpcEndpointIDs []string `json:"vpcEndpointIds"`
	StageName      string   `json:"stageName"`
	Throttle       struct {
		RateLimit  float64 `json:"rateLimit"`
		BurstLimit int     `json:"burstLimit"`
	} `json:"throttle"`
	Logs struct {
		RetentionDays int    `json:"retentionDays"`
		Level         string `json:"level"`
		// KmsEncryption encrypts every log group with a customer-managed key.
		KmsEncryption *bool `json:"kmsEncryption"`
	} `json:"logs"`
	Functions struct {
		// EnvironmentKmsEncryption encrypts functions' environment variables with a customer-managed key.
		EnvironmentKmsEncryption *bool `json:"environmentKmsEncryption"`
	} `json:"functions"`
	Tracing           *bool `json:"tracing"`
	ClientCertificate *bool `json:"clientCertificate"`
	Cache             *struct {
		SizeGB     string `json:"sizeGb"`
		TTLSeconds int    `json:"ttlSeconds"`
		// Routes are the routes to cache, as "METHOD /path". Each one's cache key carries its caller.
		Routes []string `json:"routes"`
	} `json:"cache"`
	Cors *struct {
		AllowOrigin   string `json:"allowOrigin"`
		AllowHeaders  string `json:"allowHeaders"`
		MaxAgeSeconds int    `json:"maxAgeSeconds"`
	} `json:"cors"`
	// ManageAccountCloudWatchRole creates the region's API Gateway logging role (a per-region singleton).
	ManageAccountCloudWatchRole bool `json:"manageAccountCloudWatchRole"`
	// ProtectStatefulResources protects log groups, the log and env keys and the user pool from deletion.
	ProtectStatefulResources *bool `json:"protectStatefulResources"`
	Backend                  struct {
		MemoryMB            int    `json:"memoryMb"`
		TimeoutSeconds      int    `json:"timeoutSeconds"`
		ReservedConcurrency *int   `json:"reservedConcurrency"`
		Architecture        string `json:"architecture"`
		// SourceDir is relative to the project root.
		SourceDir string `json:"sourceDir"`
	} `json:"backend"`
	Tags map[string]string `json:"tags"`
	Auth Auth              `json:"auth"`
	// UsagePlans meters partners with usage-plan tiers and API keys; see traffic.go.
	UsagePlans *UsagePlans `json:"usagePlans"`
	// WAF is the web ACL in front of the stage, on unless waf.enabled is false.
	WAF WAF `json:"waf"`
	// Monitoring is the stage's alarms and dashboard; see monitoring.go.
	Monitoring Monitoring `json:"monitoring"`
	// SourceIP restricts callers by address in the resource policy.
	SourceIP SourceIP `json:"sourceIp"`
	// Document is the API's OpenAPI 3.0 contract (JSON or YAML), relative to the project root: the paths, schemas
	// and responses client teams read. The routes add each operation's integration and authorization; see
	// restapi.Args.Document for what a document may not decide.
	Document string `json:"document"`

	// Network places the API's private parts in a VPC; see network.go.
	Network *Network `json:"network"`
	// Domain is the API's custom domain; see network.go.
	Domain *Domain `json:"domain"`

	// documentText is the content of Document, read by LoadConfig.
	documentText string
	// Region is aws:region, read alongside.
	Region string `json:"-"`
	// Root is the project root directory that relative paths resolve against.
	Root string `json:"-"`
}

// Auth configures who may call which routes: a Cognito user pool for users (GET/POST /items, GET /whoami), a Lambda
// authorizer for partners (GET /partner/items), and IAM for operators (GET /health, GET /admin/items).
type Auth struct {
	UserPool struct {
		// Tier is ESSENTIALS or PLUS. Required: PLUS is billed per monthly active user and is the only plan with
		// threat protection.
		Tier string `json:"tier"`
		// ThreatProtection is ENFORCED, AUDIT or OFF.
		ThreatProtection  string   `json:"threatProtection"`
		MFA               string   `json:"mfa"`
		PasswordMinLength int      `json:"passwordMinLength"`
		SelfSignUp        bool     `json:"selfSignUp"`
		DomainPrefix      string   `json:"domainPrefix"`
		CallbackURLs      []string `json:"callbackUrls"`
		LogoutURLs        []string `json:"logoutUrls"`
	} `json:"userPool"`
	Partner struct {
		// Issuer is the OIDC issuer whose tokens partners present. Defaults to this stack's user pool.
		Issuer string `json:"issuer"`
		// JWKSURL defaults to Issuer + /.well-known/jwks.json.
		JWKSURL string `json:"jwksUrl"`
		// Audiences default to this stack's partner client.
		Audiences       []string `json:"audiences"`
		CacheTTLSeconds *int     `json:"cacheTtlSeconds"`
	} `json:"partnerAuthorizer"`
}

var fieldIndex = regexp.MustCompile(`\[\d+\]`)

var tagKeyPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$`)

// ConfigError is a refused stack config: every problem, each naming its key. Nothing was registered.
type ConfigError struct {
	Stack    string
	Problems []error
}

func (e *ConfigError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = "  " + p.Error()
	}
	return fmt.Sprintf("invalid config for stack %q:\n%s", e.Stack, strings.Join(lines, "\n"))
}

// LoadConfig reads, defaults and validates the stack's config. Every problem is reported at once, each naming its
// key, as a *ConfigError.
func LoadConfig(ctx *pulumi.Context) (Config, error) {
	var errs []error
	refuse := func(errs ...error) (Config, error) {
		return Config{}, &ConfigError{Stack: ctx.Stack(), Problems: errs}
	}
	raw, err := config.Try(ctx, ConfigKey)
	if err != nil {
		return refuse(fmt.Errorf("%s: required; set it in Pulumi.%s.yaml (see docs/config.md)",
			key(ctx, ""), ctx.Stack()))
	}
	cfg, err := decodeConfig(ctx, raw)
	if err != nil {
		return refuse(err)
	}
	// aws:region reaches the provider, the custom domain and the execute-api endpoint; the components' own check
	// would name their field, and only after others were registered, so it is refused here by its key.
	switch cfg.Region, err = config.Try(ctx, "aws:region"); {
	case err != nil || cfg.Region == "":
		errs = append(errs, errors.New("aws:region: required; the region to deploy to, e.g. eu-west-1"))
	case !awsregion.Valid(cfg.Region):
		errs = append(errs, fmt.Errorf("aws:region: %q is not an AWS region name; allowed: %s", cfg.Region, awsregion.Allowed))
	}
	cfg.Root = ctx.RootDirectory()
	if cfg.Root == "" {
		cfg.Root = "."
	}
	cfg = cfg.withDefaults()
	if cfg.Document != "" {
		text, err := os.ReadFile(cfg.path(cfg.Document))
		if err != nil {
			return refuse(fmt.Errorf("%s: cannot read the OpenAPI document %q (a path relative to the project root): %v",
				key(ctx, "document"), cfg.Document, errors.Unwrap(err)))
		}
		cfg.documentText = string(text)
	}
	if err := cfg.readTruststore(ctx); err != nil {
		return refuse(err)
	}
	errs = append(errs, cfg.validate(ctx)...)
	if len(errs) > 0 {
		return refuse(errs...)
	}
	return cfg, nil
}

// decodeConfig decodes strictly: an unknown key is a typo that would otherwise be silently ignored.
func decodeConfig(ctx *pulumi.Context, raw string) (Config, error) {
	var cfg Config
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&cfg)
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return cfg, nil
	case errors.As(err, &typeErr):
		return Config{}, fmt.Errorf("%s: expected %s, got a JSON %s", key(ctx, typeErr.Field), typeErr.Type, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return Config{}, fmt.Errorf("%s: must be an object (see docs/config.md): %v", key(ctx, ""), err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Config{}, fmt.Errorf("%s: unknown key %q; see docs/config.md for the allowed keys",
			key(ctx, ""), field)
	}
	return Config{}, fmt.Errorf("%s: %v", key(ctx, ""), err)
}

func key(ctx *pulumi.Context, path string) string {
	k := ctx.Project() + ":" + ConfigKey
	if path != "" {
		k += "." + path
	}
	return k
}

func (c Config) validate(ctx *pulumi.Context) []error {
	var errs []error
	bad := func(path, format string, v ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key(ctx, path), fmt.Sprintf(format, v...)))
	}
	switch c.Environment {
	case "dev", "prod":
	case "":
		bad("environment", `required; allowed: "dev", "prod"`)
	default:
		bad("environment", `%q is not allowed; allowed: "dev", "prod"`, c.Environment)
	}
	for k, v := range c.Tags {
		if !tagKeyPattern.MatchString(k) || strings.HasPrefix(strings.ToLower(k), "aws:") {
			bad("tags", "%q is not a valid tag key (1 to 128 characters, not starting with aws:)", k)
		}
		if len(v) > 256 {
			bad("tags."+k, "value is longer than 256 characters")
		}
	}
	// Everything that maps onto a component field is checked by the component's own Validate, so the rules live
	// in one place; its field names are translated back to config keys here.
	if c.Cache != nil {
		known := routeKeys()
		if len(c.Cache.Routes) == 0 {
			bad("cache.routes", `required: the routes to cache, e.g. ["GET /items"]; nothing is cached that is not listed`)
		}
		for i, r := range c.Cache.Routes {
			if !slices.Contains(known, r) {
				bad(fmt.Sprintf("cache.routes[%d]", i), "%q is not a route of this API; allowed: %s", r, strings.Join(known, ", "))
			}
		}
	}
	errs = append(errs, c.validateProd(ctx)...)
	errs = append(errs, c.validateTraffic(ctx)...)
	errs = append(errs, c.validateNetwork(ctx)...)
	if args, err := c.securedAPIArgs(ctx, nil, nil); err != nil {
		errs = append(errs, err)
	} else {
		errs = append(errs, securedAPIProblems(ctx, args.Validate())...)
	}
	p := c.Auth.Partner
	for k, u := range map[string]string{"auth.partnerAuthorizer.issuer": p.Issuer, "auth.partnerAuthorizer.jwksUrl": p.JWKSURL} {
		if parsed, err := url.Parse(u); u != "" && (err != nil || parsed.Scheme != "https" || parsed.Host == "") {
			bad(k, "%q is not an https:// URL", u)
		}
	}
	if p.Issuer == "" && (p.JWKSURL != "" || len(p.Audiences) > 0) {
		bad("auth.partnerAuthorizer.issuer", "required when jwksUrl or audiences are set (they belong to another issuer)")
	}
	if p.Issuer != "" && len(p.Audiences) == 0 {
		bad("auth.partnerAuthorizer.audiences", "required with an external issuer: the client ids whose tokens are accepted")
	}
	return errs
}

// validateProd refuses in prod what dev may do while a feature is built: a public API on the execute-api default
// endpoint, accounts anyone can create, and OAuth redirects over plain http (dev allows http://localhost).
func (c Config) validateProd(ctx *pulumi.Context) []error {
	if c.Environment != "prod" {
		return nil
	}
	var errs []error
	bad := func(path, format string, v ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key(ctx, path), fmt.Sprintf(format, v...)))
	}
	if c.Domain == nil && c.EndpointType != "PRIVATE" {
		bad("domain", "required in prod for a %s API: without it clients call the execute-api default endpoint, "+
			"whose TLS policy the stack cannot set (domain.securityPolicy) and which mutual TLS cannot guard; "+
			"allowed: a domain (name and zoneName or zoneId)", c.EndpointType)
	}
	if c.Auth.UserPool.SelfSignUp {
		bad("auth.userPool.selfSignUp", "true is refused in prod: anyone on the internet could create an account and "+
			"call the user routes; allowed: false (accounts created by administrators)")
	}
	for _, f := range []struct {
		key  string
		urls []string
	}{{"auth.userPool.callbackUrls", c.Auth.UserPool.CallbackURLs}, {"auth.userPool.logoutUrls", c.Auth.UserPool.LogoutURLs}} {
		field := f.key
		for i, u := range f.urls {
			if !strings.HasPrefix(u, "https://") {
				bad(fmt.Sprintf("%s[%d]", field, i), "%q is refused in prod: an authorization code sent over plain "+
					"http can be read on the way; allowed: https:// URLs (http://localhost is for dev)", u)
			}
		}
	}
	return errs
}

// apiFieldKeys and backendFieldKeys map component Args fields to the config keys they come from.
var apiFieldKeys = map[string]string{
	"EndpointType": "endpointType", "VpcEndpointIDs": "vpcEndpointIds", "StageName": "stageName",
	"Throttle.RateLimit": "throttle.rateLimit", "Throttle.BurstLimit": "throttle.burstLimit",
	"ExecutionLogLevel": "logs.level", "LogRetentionDays": "logs.retentionDays",
	"Cache.SizeGB": "cache.sizeGb", "Cache.TTLSeconds": "cache.ttlSeconds",
	"Cors.AllowOrigin": "cors.allowOrigin", "Cors.AllowHeaders": "cors.allowHeaders",
	"Cors.MaxAgeSeconds":           "cors.maxAgeSeconds",
	"Authorizers.ResultTTLSeconds": "auth.partnerAuthorizer.cacheTtlSeconds",
	"Document":                     "document",
	"AllowSourceCIDRs":             "sourceIp.allowCidrs", "DenySourceCIDRs": "sourceIp.denyCidrs",
}

var userPoolFieldKeys = map[string]string{ //nolint:gosec // G101: Args field names mapped to config keys
	"Tier": "auth.userPool.tier", "ThreatProtection": "auth.userPool.threatProtection", "MFA": "auth.userPool.mfa",
	"PasswordMinLength": "auth.userPool.passwordMinLength", "DomainPrefix": "auth.userPool.domainPrefix",
	"Clients.CallbackURLs": "auth.userPool.callbackUrls", "Clients.LogoutURLs": "auth.userPool.logoutUrls",
}

var backendFieldKeys = map[string]string{
	"SourceDir": "backend.sourceDir", "Architecture": "backend.architecture", "MemoryMB": "backend.memoryMb",
	"TimeoutSeconds": "backend.timeoutSeconds", "ReservedConcurrency": "backend.reservedConcurrency",
	// logs.retentionDays is reported once, by the API's check.
	"LogRetentionDays": "",
}

// securedAPIProblems reports the SecuredAPI's problems under the config keys they come from: each Args block's
// fields through that block's renames, the checks between blocks under the key of the block they name. A
// problem reported through two blocks (the functions share the backend keys) is reported once.
func securedAPIProblems(ctx *pulumi.Context, err error) []error {
	if err == nil {
		return nil
	}
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	var out []error
	seen := map[string]bool{}
	for _, e := range leaves {
		msg := e.Error()
		var mapped []error
		for _, part := range securedAPIParts {
			if rest, ok := strings.CutPrefix(msg, part.prefix); ok {
				// "VpcLink.CertificateArn, VpcLink.ZoneName: …" names each field under the block.
				if fields, text, ok := strings.Cut(rest, ": "); ok && strings.HasSuffix(part.prefix, ".") {
					rest = strings.ReplaceAll(fields, ", "+part.prefix, ", ") + ": " + text
				}
				mapped = part.rename(ctx, errors.New(rest))
				break
			}
		}
		if mapped == nil && !slices.ContainsFunc(securedAPIParts, func(p securedAPIPart) bool {
			return strings.HasPrefix(msg, p.prefix)
		}) {
			mapped = []error{e} // from code, not config: shown as is
		}
		for _, m := range mapped {
			if !seen[m.Error()] {
				seen[m.Error()] = true
				out = append(out, m)
			}
		}
	}
	return out
}

type securedAPIPart struct {
	prefix string
	rename func(ctx *pulumi.Context, err error) []error
}

func renamesUnder(prefix string, renames map[string]string) func(*pulumi.Context, error) []error {
	return func(ctx *pulumi.Context, err error) []error { return renameFields(ctx, err, prefix, renames) }
}

func translateWith(keys map[string]string) func(*pulumi.Context, error) []error {
	return func(ctx *pulumi.Context, err error) []error { return translate(ctx, err, keys) }
}

// argsAsKeys names, in a check between blocks, the Args fields by the config keys they come from.
var argsAsKeys = strings.NewReplacer("API.VpcEndpointIDs", "vpcEndpointIds", "API.EndpointType", "endpointType",
	"ExecuteAPIEndpoint", "network.executeApiEndpoint")

// securedAPIParts are the SecuredAPI's Args blocks and how their fields become config keys.
var securedAPIParts = []securedAPIPart{
	{"API.", translateWith(apiFieldKeys)},
	{"Backend.", translateWith(backendFieldKeys)},
	{"JWTAuthorizer.Function.", translateWith(backendFieldKeys)},
	{"UserPool.", translateWith(userPoolFieldKeys)},
	{"WAF.", renamesUnder("waf.", wafFields)},
	{"UsagePlans.", renamesUnder("usagePlans.", usagePlanFields)},
	{"Domain.", renamesUnder("domain.", domainFields)},
	{"ExecuteAPIEndpoint.", renamesUnder("", endpointFields)},
	{"ExecuteAPIEndpoint: ", func(ctx *pulumi.Context, err error) []error {
		return []error{fmt.Errorf("%s: %s", key(ctx, "network.executeApiEndpoint"), argsAsKeys.Replace(err.Error()))}
	}},
	{"VpcLink.", renamesUnder("", linkFields)},
	{"Monitoring.", renamesUnder("monitoring.", monitoringFields)},
}

// translate rewrites "Field: message" errors from a component's Validate as "<project>:gateway.key: message". The
// field is matched whole, indexes dropped ("Clients[0].LogoutURLs" → "Clients.LogoutURLs"), so each config key is
// named exactly. A field with no mapping comes from code, not config (the routes), and is passed through as is.
func translate(ctx *pulumi.Context, err error, keys map[string]string) []error {
	if err == nil {
		return nil
	}
	var errs []error
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	for _, e := range leaves {
		msg := e.Error()
		field, rest, ok := strings.Cut(msg, ": ")
		k, mapped := keys[fieldIndex.ReplaceAllString(field, "")]
		if at, isDoc := strings.CutPrefix(field, "Document"); ok && isDoc && keys["Document"] != "" {
			// The document's problems keep their JSON pointer after the key: "document /paths/~1items/get".
			errs = append(errs, fmt.Errorf("%s%s: %s", key(ctx, keys["Document"]), at, rest))
			continue
		}
		switch {
		case !ok || !mapped:
			errs = append(errs, e)
		case k == "":
			// reported elsewhere
		default:
			errs = append(errs, fmt.Errorf("%s: %s", key(ctx, k), rest))
		}
	}
	return errs
}

// path resolves a project-relative path against the project root.
func (c Config) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Root, p)
}
