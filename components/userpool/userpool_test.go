package userpool_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const (
	poolType   = "aws:cognito/userPool:UserPool"
	clientType = "aws:cognito/userPoolClient:UserPoolClient"
)

func fullArgs() *userpool.Args {
	return &userpool.Args{
		Tier: "PLUS",
		ResourceServer: &userpool.ResourceServer{Identifier: "api", Scopes: []userpool.Scope{
			{Name: "items.read"}, {Name: "items.write"}, {Name: "partner.read"}}},
		Clients: []userpool.Client{
			{Name: "web", OAuthFlows: []string{"code"}, Scopes: []string{"openid", "items.read"},
				CallbackURLs: []string{"https://app.example.com/callback"}},
			{Name: "partner", Confidential: true, OAuthFlows: []string{"client_credentials"}, Scopes: []string{"partner.read"}},
		},
		DomainPrefix: "shop-auth",
	}
}

// evaluate runs New and returns what capture recorded, secrets redacted.
func evaluate(t *testing.T, args *userpool.Args, capture func(p *userpool.UserPool, c *mockengine.Captured)) (*mockengine.Engine, map[string]any) {
	t.Helper()
	var captured mockengine.Captured
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		p, err := userpool.New(ctx, "users", args)
		if err == nil && capture != nil {
			capture(p, &captured)
		}
		return err
	})
	require.NoError(t, err)
	return e, captured.Redacted()
}

func TestPoolIsSecureByDefault(t *testing.T) {
	e, out := evaluate(t, fullArgs(), func(p *userpool.UserPool, c *mockengine.Captured) {
		c.Capture("issuer", p.Issuer)
		c.Capture("domain", p.DomainURL)
		c.Capture("partnerSecret", p.ClientSecrets["partner"])
	})
	assert.Empty(t, e.OwnershipProblems("secure-apigw:cognito:UserPool", "users"))
	pool := e.Named(poolType, "users-pool")
	minLen, _ := pool.Num("passwordPolicy.minimumLength")
	assert.Equal(t, 12.0, minLen)
	for _, req := range []string{"requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"} {
		v, _ := pool.Bool("passwordPolicy." + req)
		assert.True(t, v, req)
	}
	assert.Equal(t, "ON", pool.Str("mfaConfiguration"))
	totp, _ := pool.Bool("softwareTokenMfaConfiguration.enabled")
	assert.True(t, totp)
	assert.Equal(t, "ENFORCED", pool.Str("userPoolAddOns.advancedSecurityMode"))
	assert.Equal(t, "PLUS", pool.Str("userPoolTier"))
	adminOnly, _ := pool.Bool("adminCreateUserConfig.allowAdminCreateUserOnly")
	assert.True(t, adminOnly, "no self sign-up")
	caseSensitive, set := pool.Bool("usernameConfiguration.caseSensitive")
	assert.True(t, set)
	assert.False(t, caseSensitive)
	assert.Equal(t, "email", pool.Str("autoVerifiedAttributes.0"))
	assert.Equal(t, "verified_email", pool.Str("accountRecoverySetting.recoveryMechanisms.0.name"))
	assert.Equal(t, "INACTIVE", pool.Str("deletionProtection"))

	web := e.Named(clientType, "users-client-web")
	assert.Equal(t, "ENABLED", web.Str("preventUserExistenceErrors"))
	gen, _ := web.Bool("generateSecret")
	assert.False(t, gen, "a public client has no secret")
	assert.Equal(t, []any{"openid", "api/items.read"}, mockengine.Plain(web.Inputs["allowedOauthScopes"]))
	assert.Equal(t, "code", web.Str("allowedOauthFlows.0"))
	access, _ := web.Num("accessTokenValidity")
	assert.Equal(t, 60.0, access)

	partner := e.Named(clientType, "users-client-partner")
	gen, _ = partner.Bool("generateSecret")
	assert.True(t, gen)
	assert.Contains(t, partner.AdditionalSecretOutputs, "clientSecret", "the secret is a Pulumi secret")
	assert.Equal(t, []any{"api/partner.read"}, mockengine.Plain(partner.Inputs["allowedOauthScopes"]))
	server := e.Named("aws:cognito/resourceServer:ResourceServer", "users-resource-server")
	assert.True(t, partner.DependsOn(server), "scopes must exist before a client requests them")

	assert.Regexp(t, `^https://cognito-idp\.us-east-1\.amazonaws\.com/us-east-1_[A-Z0-9]{9}$`, out["issuer"])
	assert.Equal(t, "https://shop-auth.auth.us-east-1.amazoncognito.com", out["domain"])
	assert.Equal(t, mockengine.Redacted, out["partnerSecret"], "ClientSecrets are Pulumi secrets")
}

func TestProtectAndOptions(t *testing.T) {
	args := fullArgs()
	args.Protect = true
	args.MFA = "OPTIONAL"
	args.Tier = "ESSENTIALS"
	args.ThreatProtection = "OFF"
	args.SelfSignUp = true
	e, _ := evaluate(t, args, nil)
	pool := e.Named(poolType, "users-pool")
	assert.True(t, pool.Protect)
	assert.True(t, pool.RetainOnDelete)
	assert.Equal(t, "ACTIVE", pool.Str("deletionProtection"))
	assert.Equal(t, "OPTIONAL", pool.Str("mfaConfiguration"))
	assert.Empty(t, pool.Str("userPoolAddOns.advancedSecurityMode"), "OFF is stated, not defaulted")
	adminOnly, _ := pool.Bool("adminCreateUserConfig.allowAdminCreateUserOnly")
	assert.False(t, adminOnly)
	for _, c := range e.ByType(clientType) {
		assert.False(t, c.Protect, "clients are replaceable")
	}
}

func TestInvalidArgsAreRefusedAndRegisterNothing(t *testing.T) {
	mut := func(f func(a *userpool.Args)) *userpool.Args {
		a := fullArgs()
		f(a)
		return a
	}
	tests := []struct {
		name string
		args *userpool.Args
		want []string
	}{
		{"nil", nil, []string{"args are required"}},
		{"no tier", mut(func(a *userpool.Args) { a.Tier = "" }), []string{"Tier: required"}},
		{"enforced needs plus", mut(func(a *userpool.Args) { a.Tier = "ESSENTIALS" }), []string{"Tier: ESSENTIALS has no threat protection", "needs Tier PLUS"}},
		{"explicitly enforced needs plus", mut(func(a *userpool.Args) { a.Tier, a.ThreatProtection = "ESSENTIALS", "ENFORCED" }), []string{"ThreatProtection: ENFORCED needs Tier PLUS"}},
		{"audit needs plus", mut(func(a *userpool.Args) { a.Tier = "ESSENTIALS"; a.ThreatProtection = "AUDIT" }), []string{"AUDIT needs Tier PLUS"}},
		{"mfa off", mut(func(a *userpool.Args) { a.MFA = "OFF" }), []string{"MFA", "COG2"}},
		{"short passwords", mut(func(a *userpool.Args) { a.PasswordMinLength = 6 }), []string{"PasswordMinLength"}},
		{"domain", mut(func(a *userpool.Args) { a.DomainPrefix = "My_Auth" }), []string{"DomainPrefix"}},
		{"implicit flow", mut(func(a *userpool.Args) { a.Clients[0].OAuthFlows = []string{"implicit"} }), []string{"Clients[0].OAuthFlows", "implicit"}},
		{"public client_credentials", mut(func(a *userpool.Args) { a.Clients[1].Confidential = false }), []string{"Clients[1].OAuthFlows", "confidential"}},
		{"code without callback", mut(func(a *userpool.Args) { a.Clients[0].CallbackURLs = nil }), []string{"Clients[0].CallbackURLs"}},
		{"http callback", mut(func(a *userpool.Args) { a.Clients[0].CallbackURLs = []string{"http://app.example.com/cb"} }), []string{"must be https"}},
		{"unknown scope", mut(func(a *userpool.Args) { a.Clients[0].Scopes = []string{"items.delete"} }), []string{`"items.delete"`}},
		{"openid for machines", mut(func(a *userpool.Args) { a.Clients[1].Scopes = []string{"openid"} }), []string{"only request resource-server scopes"}},
		{"duplicate client", mut(func(a *userpool.Args) { a.Clients[1].Name = "web" }), []string{"used twice"}},
		{"token lifetime", mut(func(a *userpool.Args) { a.Clients[0].AccessTokenMinutes = 2000 }), []string{"AccessTokenMinutes"}},
		{"no scopes on server", mut(func(a *userpool.Args) { a.ResourceServer.Scopes = nil; a.Clients = nil }), []string{"ResourceServer.Scopes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
				_, err := userpool.New(ctx, "users", tt.args)
				return err
			})
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Empty(t, e.Resources())
		})
	}
}
