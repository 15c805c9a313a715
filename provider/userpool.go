package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/secure-apigw/secure-apigw/components/userpool"
)

// UserPoolArgs are a Cognito user pool's inputs (UserPool's, and SecuredApi's userPool).
type UserPoolArgs struct {
	Tier                  string            `pulumi:"tier"`
	ThreatProtection      string            `pulumi:"threatProtection,optional"`
	MFA                   string            `pulumi:"mfa,optional"`
	PasswordMinLength     int               `pulumi:"passwordMinLength,optional"`
	TemporaryPasswordDays int               `pulumi:"temporaryPasswordDays,optional"`
	SelfSignUp            bool              `pulumi:"selfSignUp,optional"`
	Clients               []Client          `pulumi:"clients,optional"`
	ResourceServer        *ResourceServer   `pulumi:"resourceServer,optional"`
	DomainPrefix          string            `pulumi:"domainPrefix,optional"`
	Protect               bool              `pulumi:"protect,optional"`
	Tags                  map[string]string `pulumi:"tags,optional"`
}

// Annotate documents UserPoolArgs in the schema.
func (in *UserPoolArgs) Annotate(an infer.Annotator) {
	an.Describe(&in.Tier, "ESSENTIALS or PLUS. Required: PLUS is billed per monthly active user and is the only "+
		"plan with threat protection.")
	an.Describe(&in.ThreatProtection, "ENFORCED, AUDIT or OFF. Defaults to ENFORCED, which needs tier PLUS.")
	an.Describe(&in.MFA, "ON (required, TOTP) or OPTIONAL. Defaults to ON.")
	an.Describe(&in.PasswordMinLength, "8 to 99; passwords always need upper, lower, digit and symbol. Defaults to 12.")
	an.Describe(&in.TemporaryPasswordDays, "How long an admin-set password lasts, 1 to 365. Defaults to 3.")
	an.Describe(&in.SelfSignUp, "Lets anyone create an account. Defaults to false.")
	an.Describe(&in.Clients, "The app clients.")
	an.Describe(&in.ResourceServer, "Custom scopes (e.g. items.read) that clients and routes use.")
	an.Describe(&in.DomainPrefix, "Creates the hosted domain https://<prefix>.auth.<region>.amazoncognito.com.")
	an.Describe(&in.Protect, "Deletion protection, Pulumi protect and retain on destroy: the pool holds the users.")
	an.Describe(&in.Tags, "Tags applied to the pool.")
}

// Client is an app client.
type Client struct {
	Name               string   `pulumi:"name"`
	Confidential       bool     `pulumi:"confidential,optional"`
	OAuthFlows         []string `pulumi:"oauthFlows,optional"`
	Scopes             []string `pulumi:"scopes,optional"`
	CallbackURLs       []string `pulumi:"callbackUrls,optional"`
	LogoutURLs         []string `pulumi:"logoutUrls,optional"`
	AccessTokenMinutes int      `pulumi:"accessTokenMinutes,optional"`
	IDTokenMinutes     int      `pulumi:"idTokenMinutes,optional"`
	RefreshTokenDays   int      `pulumi:"refreshTokenDays,optional"`
}

// Annotate documents Client in the schema.
func (c *Client) Annotate(an infer.Annotator) {
	an.Describe(&c.Name, "Unique within the pool: letters, digits, '-', '_'.")
	an.Describe(&c.Confidential, "Has a client secret (a server-side client). Its secret is a Pulumi secret.")
	an.Describe(&c.OAuthFlows, "code (with PKCE, for browsers) or client_credentials (machine to machine).")
	an.Describe(&c.Scopes, "OAuth scopes the client may request.")
	an.Describe(&c.CallbackURLs, "https:// redirect URLs of the code flow (http://localhost only for development).")
	an.Describe(&c.LogoutURLs, "https:// URLs the hosted UI may send users to after sign-out.")
	an.Describe(&c.AccessTokenMinutes, "Access-token lifetime, 5 to 1440. Defaults to 60.")
	an.Describe(&c.IDTokenMinutes, "ID-token lifetime, 5 to 1440. Defaults to 60.")
	an.Describe(&c.RefreshTokenDays, "Refresh-token lifetime, 1 to 3650. Defaults to 30.")
}

// ResourceServer declares custom scopes.
type ResourceServer struct {
	Identifier string  `pulumi:"identifier"`
	Scopes     []Scope `pulumi:"scopes"`
}

// Annotate documents ResourceServer in the schema.
func (r *ResourceServer) Annotate(an infer.Annotator) {
	an.Describe(&r.Identifier, `The scopes' prefix, e.g. "api" for api/items.read.`)
	an.Describe(&r.Scopes, "The custom scopes.")
}

// Scope is one custom scope.
type Scope struct {
	Name        string `pulumi:"name"`
	Description string `pulumi:"description"`
}

// Annotate documents Scope in the schema.
func (s *Scope) Annotate(an infer.Annotator) {
	an.Describe(&s.Name, "The scope's name without the identifier, e.g. items.read.")
	an.Describe(&s.Description, "What the scope grants.")
}

func (in UserPoolArgs) userPoolArgs() *userpool.Args {
	u := &userpool.Args{Tier: in.Tier, ThreatProtection: in.ThreatProtection, MFA: in.MFA,
		PasswordMinLength: in.PasswordMinLength, TemporaryPasswordDays: in.TemporaryPasswordDays,
		SelfSignUp: in.SelfSignUp, DomainPrefix: in.DomainPrefix, Protect: in.Protect, Tags: tags(in.Tags)}
	for _, c := range in.Clients {
		u.Clients = append(u.Clients, userpool.Client{Name: c.Name, Confidential: c.Confidential,
			OAuthFlows: c.OAuthFlows, Scopes: c.Scopes, CallbackURLs: c.CallbackURLs, LogoutURLs: c.LogoutURLs,
			AccessTokenMinutes: c.AccessTokenMinutes, IDTokenMinutes: c.IDTokenMinutes,
			RefreshTokenDays: c.RefreshTokenDays})
	}
	if rs := in.ResourceServer; rs != nil {
		s := &userpool.ResourceServer{Identifier: rs.Identifier}
		for _, sc := range rs.Scopes {
			s.Scopes = append(s.Scopes, userpool.Scope{Name: sc.Name, Description: sc.Description})
		}
		u.ResourceServer = s
	}
	return u
}
