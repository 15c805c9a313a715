package userpool

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cognito"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// UserPool is a secured Cognito user pool with its clients.
type UserPool struct {
	pulumi.ResourceState

	// Pool is exposed for composition (authorizers, triggers).
	Pool *cognito.UserPool

	UserPoolID  pulumi.StringOutput `pulumi:"userPoolId"`
	UserPoolArn pulumi.StringOutput `pulumi:"userPoolArn"`
	// Issuer is the tokens' iss: https://cognito-idp.<region>.amazonaws.com/<poolId>.
	Issuer pulumi.StringOutput `pulumi:"issuer"`
	// ClientIDs by client name.
	ClientIDs map[string]pulumi.StringOutput
	// ClientSecrets by client name, confidential clients only; always Pulumi secrets.
	ClientSecrets map[string]pulumi.StringOutput
	// DomainURL is the hosted domain's base URL, when DomainPrefix is set.
	DomainURL pulumi.StringOutput `pulumi:"domainUrl"`

	identifier string
}

// ScopeName is a resource-server scope's full name, as tokens and authorizers carry it ("api/items.read").
func (p *UserPool) ScopeName(short string) string {
	if p.identifier == "" {
		return short
	}
	return p.identifier + "/" + short
}

// New creates the pool, its resource server, clients and domain.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*UserPool, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("userpool %q: %w", name, err)
	}
	a := args.withDefaults()
	c := &UserPool{ClientIDs: map[string]pulumi.StringOutput{}, ClientSecrets: map[string]pulumi.StringOutput{}}
	if a.ResourceServer != nil {
		c.identifier = a.ResourceServer.Identifier
	}
	if err := ctx.RegisterComponentResource("secure-apigw:cognito:UserPool", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	poolArgs := &cognito.UserPoolArgs{
		UserPoolTier: pulumi.String(a.Tier),
		PasswordPolicy: &cognito.UserPoolPasswordPolicyArgs{
			MinimumLength:                 pulumi.Int(a.PasswordMinLength),
			RequireLowercase:              pulumi.Bool(true),
			RequireUppercase:              pulumi.Bool(true),
			RequireNumbers:                pulumi.Bool(true),
			RequireSymbols:                pulumi.Bool(true),
			TemporaryPasswordValidityDays: pulumi.Int(a.TemporaryPasswordDays),
		},
		MfaConfiguration:              pulumi.String(a.MFA),
		SoftwareTokenMfaConfiguration: &cognito.UserPoolSoftwareTokenMfaConfigurationArgs{Enabled: pulumi.Bool(true)},
		AdminCreateUserConfig: &cognito.UserPoolAdminCreateUserConfigArgs{
			AllowAdminCreateUserOnly: pulumi.Bool(!a.SelfSignUp),
		},
		UsernameAttributes:     pulumi.StringArray{pulumi.String("email")},
		AutoVerifiedAttributes: pulumi.StringArray{pulumi.String("email")},
		UsernameConfiguration:  &cognito.UserPoolUsernameConfigurationArgs{CaseSensitive: pulumi.Bool(false)},
		AccountRecoverySetting: &cognito.UserPoolAccountRecoverySettingArgs{
			RecoveryMechanisms: cognito.UserPoolAccountRecoverySettingRecoveryMechanismArray{
				&cognito.UserPoolAccountRecoverySettingRecoveryMechanismArgs{
					Name: pulumi.String("verified_email"), Priority: pulumi.Int(1)},
			},
		},
		DeletionProtection: pulumi.String("INACTIVE"),
		Tags:               a.Tags,
	}
	if a.ThreatProtection != "OFF" {
		poolArgs.UserPoolAddOns = &cognito.UserPoolUserPoolAddOnsArgs{AdvancedSecurityMode: pulumi.String(a.ThreatProtection)}
	}
	if a.Protect {
		poolArgs.DeletionProtection = pulumi.String("ACTIVE")
	}
	pool, err := cognito.NewUserPool(ctx, name+"-pool", poolArgs, parent,
		pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect))
	if err != nil {
		return nil, fmt.Errorf("create user pool %q: %w", name, err)
	}
	c.Pool = pool

	var deps []pulumi.Resource
	if rs := a.ResourceServer; rs != nil {
		scopes := cognito.ResourceServerScopeArray{}
		for _, s := range rs.Scopes {
			desc := s.Description
			if desc == "" {
				desc = s.Name
			}
			scopes = append(scopes, &cognito.ResourceServerScopeArgs{
				ScopeName: pulumi.String(s.Name), ScopeDescription: pulumi.String(desc)})
		}
		server, err := cognito.NewResourceServer(ctx, name+"-resource-server", &cognito.ResourceServerArgs{
			UserPoolId: pool.ID(),
			Identifier: pulumi.String(rs.Identifier),
			Name:       pulumi.Sprintf(defaultResourceServerNameTemplate, name),
			Scopes:     scopes,
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("create resource server %q: %w", name, err)
		}
		// Clients can only request scopes that already exist.
		deps = append(deps, server)
	}

	for _, cl := range a.Clients {
		client, err := cognito.NewUserPoolClient(ctx, name+"-client-"+cl.Name, c.clientArgs(pool, cl), parent,
			pulumi.DependsOn(deps), pulumi.AdditionalSecretOutputs([]string{"clientSecret"}))
		if err != nil {
			return nil, fmt.Errorf("create client %q of %q: %w", cl.Name, name, err)
		}
		c.ClientIDs[cl.Name] = client.ID().ToStringOutput()
		if cl.Confidential {
			c.ClientSecrets[cl.Name] = pulumi.ToSecret(client.ClientSecret).(pulumi.StringOutput)
		}
	}

	if a.DomainPrefix != "" {
		domain, err := cognito.NewUserPoolDomain(ctx, name+"-domain", &cognito.UserPoolDomainArgs{
			UserPoolId: pool.ID(),
			Domain:     pulumi.String(a.DomainPrefix),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("create domain %q: %w", name, err)
		}
		region := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, parent)
		c.DomainURL = pulumi.Sprintf("https://%s.auth.%s.amazoncognito.com", domain.Domain, region.Name())
	} else {
		c.DomainURL = pulumi.String("").ToStringOutput()
	}

	c.UserPoolID = pool.ID().ToStringOutput()
	c.UserPoolArn = pool.Arn
	c.Issuer = pulumi.Sprintf("https://%s", pool.Endpoint)
	clientIDs := pulumi.StringMap{}
	for k, v := range c.ClientIDs {
		clientIDs[k] = v
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"userPoolId": c.UserPoolID, "userPoolArn": c.UserPoolArn, "issuer": c.Issuer, "clientIds": clientIDs,
		"domainUrl": c.DomainURL,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (p *UserPool) clientArgs(pool *cognito.UserPool, cl Client) *cognito.UserPoolClientArgs {
	args := &cognito.UserPoolClientArgs{
		UserPoolId:                 pool.ID(),
		Name:                       pulumi.String(cl.Name),
		GenerateSecret:             pulumi.Bool(cl.Confidential),
		PreventUserExistenceErrors: pulumi.String("ENABLED"),
		EnableTokenRevocation:      pulumi.Bool(true),
		AccessTokenValidity:        pulumi.Int(cl.AccessTokenMinutes),
		IdTokenValidity:            pulumi.Int(cl.IDTokenMinutes),
		RefreshTokenValidity:       pulumi.Int(cl.RefreshTokenDays),
		TokenValidityUnits: &cognito.UserPoolClientTokenValidityUnitsArgs{
			AccessToken: pulumi.String("minutes"), IdToken: pulumi.String("minutes"), RefreshToken: pulumi.String("days"),
		},
		// SRP keeps the password off the wire; no USER_PASSWORD_AUTH.
		ExplicitAuthFlows: pulumi.ToStringArray([]string{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"}),
	}
	if cl.Confidential {
		args.ExplicitAuthFlows = pulumi.ToStringArray([]string{"ALLOW_REFRESH_TOKEN_AUTH"})
	}
	if len(cl.OAuthFlows) > 0 {
		scopes := make([]string, 0, len(cl.Scopes))
		for _, s := range cl.Scopes {
			if slices.Contains(standardScope, s) {
				scopes = append(scopes, s)
			} else {
				scopes = append(scopes, p.ScopeName(s))
			}
		}
		args.AllowedOauthFlowsUserPoolClient = pulumi.Bool(true)
		args.AllowedOauthFlows = pulumi.ToStringArray(cl.OAuthFlows)
		args.AllowedOauthScopes = pulumi.ToStringArray(scopes)
		args.SupportedIdentityProviders = pulumi.ToStringArray([]string{"COGNITO"})
		if len(cl.CallbackURLs) > 0 {
			args.CallbackUrls = pulumi.ToStringArray(cl.CallbackURLs)
		}
		if len(cl.LogoutURLs) > 0 {
			args.LogoutUrls = pulumi.ToStringArray(cl.LogoutURLs)
		}
	}
	return args
}
