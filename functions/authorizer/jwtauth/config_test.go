package jwtauth_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

func fromEnv(extra map[string]string) (jwtauth.Config, error) {
	env := map[string]string{
		jwtauth.EnvIssuer: issuer, jwtauth.EnvAudiences: clientID, jwtauth.EnvEntitlements: `{"s":["GET /x"]}`,
	}
	for k, v := range extra {
		env[k] = v
	}
	return jwtauth.ConfigFromEnv(func(k string) string { return env[k] })
}

// An explicit setting is honoured — zero included — and a value out of range stops the function at start; only an
// unset variable takes the default.
func TestConfigFromEnvHonoursExplicitValues(t *testing.T) {
	unset, err := fromEnv(nil)
	require.NoError(t, err)
	assert.Equal(t, jwtauth.DefaultLeeway, unset.Leeway)
	assert.Equal(t, jwtauth.DefaultMaxTokenBytes, unset.MaxTokenBytes)
	assert.Equal(t, jwtauth.DefaultUnknownKIDCooldown, unset.UnknownKIDCooldown)

	explicit, err := fromEnv(map[string]string{jwtauth.EnvLeewaySeconds: "0", jwtauth.EnvMaxTokenBytes: "2048",
		jwtauth.EnvJWKSCooldownSeconds: "1"})
	require.NoError(t, err)
	assert.Equal(t, time.Duration(0), explicit.Leeway, "0 s of leeway is 0, not the default")
	assert.Equal(t, 2048, explicit.MaxTokenBytes)
	assert.Equal(t, time.Second, explicit.UnknownKIDCooldown)

	for name, bad := range map[string][]string{
		jwtauth.EnvLeewaySeconds:       {"-1", "301", "1.5", "ten"},
		jwtauth.EnvMaxTokenBytes:       {"0", "-1", "1023", "65537", "8k"},
		jwtauth.EnvJWKSCooldownSeconds: {"0", "-5", "3601", "5m"},
	} {
		for _, v := range bad {
			_, err := fromEnv(map[string]string{name: v})
			require.Error(t, err, "%s=%s", name, v)
			assert.Contains(t, err.Error(), name, "%s=%s names the variable", name, v)
			assert.Contains(t, err.Error(), "allowed", "%s=%s says what is allowed", name, v)
		}
	}
}

// With AUTHZ_LEEWAY_SECONDS=0 a token that expired a second ago is refused: the explicit 0 reaches the verifier.
func TestZeroLeewayReachesTheVerifier(t *testing.T) {
	k := newKeyring(t)
	cfg, err := fromEnv(map[string]string{jwtauth.EnvLeewaySeconds: "0", jwtauth.EnvJWKSURL: k.jwksURL(),
		jwtauth.EnvAudiences: clientID})
	require.NoError(t, err)
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	c := claims()
	c["exp"] = time.Now().Add(-2 * time.Second).Unix()
	_, err = v.Verify(k.sign(t, "k1", c))
	assert.ErrorIs(t, err, jwtauth.ErrExpired)

	c["exp"] = time.Now().Add(time.Minute).Unix()
	_, err = v.Verify(k.sign(t, "k1", c))
	assert.NoError(t, err)

	def, err := fromEnv(map[string]string{jwtauth.EnvJWKSURL: k.jwksURL(), jwtauth.EnvAudiences: clientID})
	require.NoError(t, err)
	dv, err := jwtauth.NewVerifier(context.Background(), def)
	require.NoError(t, err)
	c["exp"] = time.Now().Add(-2 * time.Second).Unix()
	_, err = dv.Verify(k.sign(t, "k1", c))
	assert.NoError(t, err, "unset, the leeway is the 30 s default")
}
