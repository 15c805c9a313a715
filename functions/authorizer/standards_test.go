package main_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The built binary, under the Runtime API, refuses the tokens the standards refuse, as TOKEN and as REQUEST events:
// a key its JWK restricts to other operations (RFC 7517 §4.3), an RSA key under 2048 bits (NIST SP 800-131A,
// RFC 7518 §3.3), and a scope claim not written as RFC 6749 §3.3 has it. The same token otherwise valid, from a
// sound key, is allowed, so each refusal is the one thing the case changes.
func TestBinaryRefusesWhatTheStandardsRefuse(t *testing.T) {
	bin := build(t)
	good, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	weak, err := rsa.GenerateKey(rand.Reader, 1024) //nolint:gosec // G403: the weak key is the point of the test
	require.NoError(t, err)
	jwk := func(kid string, key *rsa.PrivateKey, ops ...jwkset.KEYOPS) jwkset.JWKMarshal {
		j, err := jwkset.NewJWKFromKey(&key.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{
			KID: kid, ALG: jwkset.AlgRS256, USE: jwkset.UseSig, KEYOPS: ops}})
		require.NoError(t, err)
		return j.Marshal()
	}
	body, err := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{
		jwk("k1", good), jwk("weak", weak), jwk("sign-only", good, jwkset.KeyOpsSign),
		jwk("verify", good, jwkset.KeyOpsVerify),
	}})
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) }))
	t.Cleanup(srv.Close)

	api := newRuntimeAPI(t)
	stdout := start(t, bin, api, map[string]string{
		"AUTHZ_ISSUER": issuer, "AUTHZ_JWKS_URL": srv.URL + "/jwks.json", "AUTHZ_AUDIENCES": clientID,
		"AUTHZ_TOKEN_USE": "access", "AUTHZ_ENTITLEMENTS": `{"api/partner.read":["GET /partner/items"]}`,
	})
	token := func(kid string, key *rsa.PrivateKey, scope string) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"iss": issuer, "sub": "partner-1",
			"client_id": clientID, "token_use": "access", "scope": scope, "iat": time.Now().Unix(),
			"exp": time.Now().Add(time.Hour).Unix()})
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		require.NoError(t, err)
		return s
	}
	tokenEvent := func(authorization string) string {
		b, err := json.Marshal(map[string]string{"type": "TOKEN", "methodArn": arn + "/GET/partner/items",
			"authorizationToken": authorization})
		require.NoError(t, err)
		return string(b)
	}

	for _, tc := range []struct {
		name, token string
		allowed     bool
	}{
		{"sound key, key_ops absent", token("k1", good, "api/partner.read"), true},
		{"key_ops [verify]", token("verify", good, "api/partner.read"), true},
		{"scopes one space apart", token("k1", good, "other api/partner.read"), true},
		{"key_ops [sign] only", token("sign-only", good, "api/partner.read"), false},
		{"RSA 1024 bits", token("weak", weak, "api/partner.read"), false},
		{"scopes tab-separated", token("k1", good, "other\tapi/partner.read"), false},
		{"scopes two spaces apart", token("k1", good, "other  api/partner.read"), false},
		{"scope with a no-break space", token("k1", good, "other\u00a0api/partner.read"), false},
	} {
		for typ, ev := range map[string]string{"TOKEN": tokenEvent("Bearer " + tc.token), "REQUEST": event("Bearer "+tc.token, nil)} {
			r := api.invoke(t, ev)
			if tc.allowed {
				assert.False(t, r.errored, "%s (%s): %s", tc.name, typ, r.body)
				assert.Contains(t, string(r.body), `"Effect":"Allow"`, "%s (%s)", tc.name, typ)
				continue
			}
			assert.True(t, r.errored, "%s (%s) must be refused: %s", tc.name, typ, r.body)
			assert.JSONEq(t, `{"errorMessage":"Unauthorized","errorType":"errorString"}`, string(r.body), "%s (%s)", tc.name, typ)
		}
	}
	logs := stdout.String()
	for _, reason := range []string{"1024 bits", "key_ops", "claim scope"} {
		assert.Contains(t, logs, reason, "the decision log says why")
	}
}
