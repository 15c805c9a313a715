package jwtauth_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

func TestRejectsEveryBadToken(t *testing.T) {
	k := newKeyring(t)
	with := func(mut func(c jwt.MapClaims)) string {
		c := claims()
		mut(c)
		return k.sign(t, "k1", c)
	}
	valid := k.sign(t, "k1", claims())
	parts := strings.Split(valid, ".")
	tamperedPayload := func() string {
		c := claims()
		c["scope"] = "admin"
		other := strings.Split(k.sign(t, "k1", c), ".")
		return parts[0] + "." + other[1] + "." + parts[2]
	}()
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	sig[10] ^= 0x01 // one bit of the decoded signature: still well-formed, no longer valid
	tamperedSignature := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
	none := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodNone, claims())
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
		require.NoError(t, err)
		return s
	}()
	hsConfusion := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims())
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(k.publicPEM(t, "k1"))
		require.NoError(t, err)
		return s
	}()
	unknownKid := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims())
		tok.Header["kid"] = "nobody"
		s, err := tok.SignedString(k.rsa["k1"])
		require.NoError(t, err)
		return s
	}()
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"empty", "", jwtauth.ErrNoToken},
		{"expired", with(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() }), jwtauth.ErrExpired},
		{"no exp", with(func(c jwt.MapClaims) { delete(c, "exp") }), jwtauth.ErrMissingClaim},
		{"future nbf", with(func(c jwt.MapClaims) { c["nbf"] = time.Now().Add(5 * time.Minute).Unix() }), jwtauth.ErrNotYetValid},
		{"future iat", with(func(c jwt.MapClaims) { c["iat"] = time.Now().Add(5 * time.Minute).Unix() }), jwtauth.ErrNotYetValid},
		{"wrong iss", with(func(c jwt.MapClaims) { c["iss"] = issuer + "x" }), jwtauth.ErrIssuer},
		{"iss prefix only", with(func(c jwt.MapClaims) { c["iss"] = "https://cognito-idp.eu-west-1.amazonaws.com" }), jwtauth.ErrIssuer},
		{"wrong client", with(func(c jwt.MapClaims) { c["client_id"] = "someone-else" }), jwtauth.ErrAudience},
		{"wrong aud", with(func(c jwt.MapClaims) { delete(c, "client_id"); c["aud"] = "someone-else" }), jwtauth.ErrAudience},
		{"id token where access required", with(func(c jwt.MapClaims) { c["token_use"] = "id" }), jwtauth.ErrTokenUse},
		{"no sub", with(func(c jwt.MapClaims) { delete(c, "sub") }), jwtauth.ErrMissingClaim},
		{"alg none", none, jwtauth.ErrAlgorithm},
		{"HS256 with the public key as secret", hsConfusion, jwtauth.ErrAlgorithm},
		{"ES256 not on the allow-list", k.sign(t, "e1", claims()), jwtauth.ErrAlgorithm},
		{"unknown kid", unknownKid, jwtauth.ErrUnknownKey},
		{"tampered payload", tamperedPayload, jwtauth.ErrSignature},
		{"tampered signature", tamperedSignature, jwtauth.ErrSignature},
		{"malformed: one part", "abc", jwtauth.ErrMalformed},
		{"malformed: bad base64", "a$.b$.c$", jwtauth.ErrMalformed},
		{"malformed: header not JSON", base64.RawURLEncoding.EncodeToString([]byte("nope")) + "." + parts[1] + "." + parts[2], jwtauth.ErrMalformed},
		{"oversized", valid + strings.Repeat("A", jwtauth.DefaultMaxTokenBytes), jwtauth.ErrTooLarge},
	}
	a, logs := newAuthorizer(t, config(k))
	verifier, err := jwtauth.NewVerifier(context.Background(), config(k))
	require.NoError(t, err)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := verifier.Verify(tt.token)
			require.ErrorIs(t, err, tt.want)

			resp, err := a.Handle(context.Background(), request("GET", "/partner/items", tt.token))
			assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "every bad token is a 401")
			assert.Equal(t, "Unauthorized", err.Error(), "API Gateway maps exactly this message to 401")
			assert.Empty(t, resp.PolicyDocument.Statement)
		})
	}
	assert.NotContains(t, logs.String(), parts[1], "a token never reaches the logs")
	assert.Contains(t, logs.String(), `"decision":"unauthorized"`)
}

func TestAcceptsWithinLeewayAndOtherAlgorithmsWhenAllowed(t *testing.T) {
	k := newKeyring(t)
	cfg := config(k)
	cfg.Algorithms = []string{"RS256", "ES256"}
	cfg.Leeway = 30 * time.Second
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	c := claims()
	c["exp"] = time.Now().Add(-10 * time.Second).Unix() // inside the 30s leeway
	_, err = v.Verify(k.sign(t, "k1", c))
	assert.NoError(t, err)
	_, err = v.Verify(k.sign(t, "e1", claims()))
	assert.NoError(t, err, "ES256 once allowed")

	idCfg := config(k)
	idCfg.TokenUse = ""
	idv, err := jwtauth.NewVerifier(context.Background(), idCfg)
	require.NoError(t, err)
	c = claims()
	delete(c, "client_id")
	c["aud"] = clientID
	c["token_use"] = "id"
	_, err = idv.Verify(k.sign(t, "k1", c))
	assert.NoError(t, err, "aud is accepted where client_id is absent (ID tokens, other IdPs)")
}

func TestPolicyCoversTheWholeEntitlementSoCachingIsSafe(t *testing.T) {
	k := newKeyring(t)
	a, logs := newAuthorizer(t, config(k))
	c := claims()
	c["scope"] = "partner.read partner.write"
	token := k.sign(t, "k1", c)

	resp, err := a.Handle(context.Background(), request("GET", "/partner/items/42", token))
	require.NoError(t, err)
	require.Len(t, resp.PolicyDocument.Statement, 1)
	allow := resp.PolicyDocument.Statement[0]
	assert.Equal(t, "Allow", allow.Effect)
	assert.ElementsMatch(t, []string{
		apiArn + "/GET/partner/items", apiArn + "/GET/partner/items/*", apiArn + "/POST/partner/items",
	}, allow.Resource, "the cached policy must also allow the token's other routes")
	assert.Equal(t, "user-1", resp.PrincipalID)
	assert.Equal(t, clientID, resp.UsageIdentifierKey)
	assert.Equal(t, map[string]any{"sub": "user-1", "clientId": clientID, "scope": "partner.read partner.write",
		"tokenUse": "access"}, resp.Context)
	assert.Contains(t, logs.String(), `"decision":"allow"`)
}

func TestValidTokenWithoutTheScopeIsAnExplicitDeny(t *testing.T) {
	k := newKeyring(t)
	a, logs := newAuthorizer(t, config(k))
	token := k.sign(t, "k1", claims()) // partner.read only

	resp, err := a.Handle(context.Background(), request("POST", "/partner/items", token))
	require.NoError(t, err, "a valid token is not a 401")
	require.Len(t, resp.PolicyDocument.Statement, 2)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect, "the token's own routes stay allowed in the cache")
	deny := resp.PolicyDocument.Statement[1]
	assert.Equal(t, "Deny", deny.Effect)
	assert.Equal(t, []string{apiArn + "/POST/partner/items"}, deny.Resource)
	assert.Contains(t, logs.String(), `"decision":"deny"`)

	none := claims()
	none["scope"] = "unrelated"
	resp, err = a.Handle(context.Background(), request("GET", "/partner/items", k.sign(t, "k1", none)))
	require.NoError(t, err)
	require.Len(t, resp.PolicyDocument.Statement, 1)
	assert.Equal(t, "Deny", resp.PolicyDocument.Statement[0].Effect)
}

func TestTokenEventAndBearerParsing(t *testing.T) {
	k := newKeyring(t)
	a, _ := newAuthorizer(t, config(k))
	token := k.sign(t, "k1", claims())
	resp, err := a.Handle(context.Background(), jwtauth.Request{Type: "TOKEN",
		MethodArn: apiArn + "/GET/partner/items", AuthorizationToken: "Bearer " + token})
	require.NoError(t, err)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect)
	for _, header := range []string{"Basic " + token, "Bearer", "bearer  " + token + " "} {
		req := request("GET", "/partner/items", "")
		req.Headers = map[string]string{"Authorization": header}
		_, err := a.Handle(context.Background(), req)
		if strings.HasPrefix(header, "bearer  ") {
			assert.NoError(t, err, "scheme is case-insensitive and whitespace trimmed")
		} else {
			assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "header %q", header)
		}
	}
	_, err = a.Handle(context.Background(), jwtauth.Request{MethodArn: "not-an-arn", AuthorizationToken: "Bearer " + token})
	assert.ErrorIs(t, err, jwtauth.ErrUnauthorized)
}

func TestJWKSRefetchOnUnknownKidAtMostOncePerCooldown(t *testing.T) {
	k := newKeyring(t)
	k.publish("k1")
	v, err := jwtauth.NewVerifier(context.Background(), config(k))
	require.NoError(t, err)
	start := k.fetches.Load()
	_, err = v.Verify(k.sign(t, "k1", claims()))
	require.NoError(t, err)
	assert.Equal(t, start, k.fetches.Load(), "a known kid is served from the cache")

	k.publish("k1", "rotated") // the IdP rotates in a new key
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	require.NoError(t, err, "an unknown kid triggers one refetch that finds the new key")
	assert.Equal(t, start+1, k.fetches.Load())

	for range 5 {
		_, err = v.Verify(k.sign(t, "k2", claims()))
		assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
	}
	assert.Equal(t, start+1, k.fetches.Load(), "within the cooldown an unknown kid never refetches")
}

func TestJWKSUnreachableKeepsCachedKeysAndDeniesTheRest(t *testing.T) {
	k := newKeyring(t)
	cfg := config(k)
	cfg.UnknownKIDCooldown = time.Nanosecond // would refetch at once, but the IdP is gone
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	k.server.Close()
	_, err = v.Verify(k.sign(t, "k1", claims()))
	assert.NoError(t, err, "a cached key still verifies")
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey, "anything else is denied")

	dead := config(k)
	cold, err := jwtauth.NewVerifier(context.Background(), dead) // a cold start while the IdP is down
	require.NoError(t, err, "a cold start must not crash the function")
	_, err = cold.Verify(k.sign(t, "k1", claims()))
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
}

func TestConfigFromEnvNamesEveryBadVariable(t *testing.T) {
	env := map[string]string{
		jwtauth.EnvIssuer: "http://idp.example.com", jwtauth.EnvAlgorithms: "RS256,HS256,none",
		jwtauth.EnvTokenUse: "refresh", jwtauth.EnvLeewaySeconds: "ten", jwtauth.EnvEntitlements: `{"s":["FETCH /x"]}`,
		jwtauth.EnvJWKSURL: "http://idp.example.com/keys", jwtauth.EnvUsageIdentifierClaim: "email",
	}
	_, err := jwtauth.ConfigFromEnv(func(k string) string { return env[k] })
	require.Error(t, err)
	for _, name := range []string{jwtauth.EnvIssuer, jwtauth.EnvAudiences, jwtauth.EnvAlgorithms, jwtauth.EnvTokenUse,
		jwtauth.EnvLeewaySeconds, jwtauth.EnvEntitlements, jwtauth.EnvJWKSURL, jwtauth.EnvUsageIdentifierClaim} {
		assert.Contains(t, err.Error(), name)
	}
	assert.Contains(t, err.Error(), `"HS256" is not allowed`)
	assert.Contains(t, err.Error(), `"none" is not allowed`)

	good := map[string]string{
		jwtauth.EnvIssuer: issuer, jwtauth.EnvAudiences: "a, b", jwtauth.EnvEntitlements: `{"s":["GET /x/{id}"]}`,
	}
	cfg, err := jwtauth.ConfigFromEnv(func(k string) string { return good[k] })
	require.NoError(t, err)
	assert.Equal(t, issuer+"/.well-known/jwks.json", cfg.JWKSURL, "JWKS URL defaults from the issuer")
	assert.Equal(t, []string{"a", "b"}, cfg.Audiences)
	assert.Equal(t, []string{"RS256"}, cfg.Algorithms)
	assert.Equal(t, jwtauth.DefaultLeeway, cfg.Leeway)
}

func TestParseMethodARN(t *testing.T) {
	m, err := jwtauth.ParseMethodARN(apiArn + "/GET/partner/items/42")
	require.NoError(t, err)
	assert.Equal(t, jwtauth.MethodARN{Prefix: apiArn, Method: "GET", Path: "/partner/items/42"}, m)
	m, err = jwtauth.ParseMethodARN(apiArn + "/GET/")
	require.NoError(t, err)
	assert.Equal(t, "/", m.Path)
	for _, bad := range []string{"", "arn:aws:s3:::bucket", "arn:aws:execute-api:eu-west-1:1:abc", "arn:aws:execute-api:r:a:api//GET/x"} {
		_, err := jwtauth.ParseMethodARN(bad)
		assert.Error(t, err, bad)
	}
}
