package jwtauth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// What a JWK's own parameters and the key itself allow (RFC 7517 §4.2–4.3, RFC 7518 §3.3–3.4, NIST SP 800-131A):
// each case publishes one key in the JWKS, signs a valid token with it, and sends the token as a TOKEN and as a
// REQUEST event. A refused key is a 401 with the reason in the decision log; an accepted one reaches the policy.
func TestTheJWKAndTheKeyRestrictWhatVerifies(t *testing.T) {
	rsaKey := func(bits int) *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, bits) //nolint:gosec // G403: the weak keys are the point of the test
		require.NoError(t, err)
		return k
	}
	small, justUnder := rsaKey(1024), rsaKey(2047)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)

	tests := []struct {
		name  string
		setup func(k *keyring) (kid string, token func(t *testing.T, k *keyring) string)
		want  error // nil: accepted
	}{
		{"key_ops [verify]", ops("k1", "verify"), nil},
		{"key_ops [sign, verify] (one key for both ends)", ops("k1", "sign", "verify"), nil},
		{"key_ops [verify] with use sig (consistent)", ops("k1", "verify"), nil},
		{"key_ops [sign] only", ops("k1", "sign"), jwtauth.ErrKeyUse},
		{"key_ops [encrypt] with use sig (inconsistent: key_ops wins)", ops("k1", "encrypt"), jwtauth.ErrKeyUse},
		{"key_ops [wrapKey, unwrapKey]", ops("k1", "wrapKey", "unwrapKey"), jwtauth.ErrKeyUse},
		{"key_ops [verify, verify] (duplicates MUST NOT be present)", ops("k1", "verify", "verify"), jwtauth.ErrKeyUse},
		{"use enc", func(k *keyring) (string, func(*testing.T, *keyring) string) {
			k.jwkUse["k1"] = "enc"
			return "k1", signed("k1")
		}, jwtauth.ErrKeyUse},
		{"no use, no key_ops", func(k *keyring) (string, func(*testing.T, *keyring) string) {
			k.jwkUse["k1"] = ""
			return "k1", signed("k1")
		}, nil},
		{"RSA 2048 bits", func(k *keyring) (string, func(*testing.T, *keyring) string) { return "k1", signed("k1") }, nil},
		{"RSA 2047 bits (just under the floor)", addRSA("weak", justUnder), jwtauth.ErrWeakKey},
		{"RSA 1024 bits", addRSA("weak", small), jwtauth.ErrWeakKey},
		{"ES256 on P-256", func(k *keyring) (string, func(*testing.T, *keyring) string) { return "e1", signed("e1") }, nil},
		{"ES256 naming a P-384 key", func(k *keyring) (string, func(*testing.T, *keyring) string) {
			k.ec["p384"] = p384
			k.publish("k1", "p384")
			return "p384", func(t *testing.T, _ *keyring) string {
				// golang-jwt will not sign ES256 with a P-384 key; the curve check comes before the signature's.
				h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ES256","kid":"p384"}`))
				p := base64.RawURLEncoding.EncodeToString([]byte(rawClaims(nil)))
				return h + "." + p + "." + base64.RawURLEncoding.EncodeToString(make([]byte, 64))
			}
		}, jwtauth.ErrWeakKey},
	}
	for _, tc := range tests {
		for _, typ := range []string{"TOKEN", "REQUEST"} {
			t.Run(tc.name+"/"+typ, func(t *testing.T) {
				k := newKeyring(t)
				kid, token := tc.setup(k)
				cfg := config(k)
				cfg.Algorithms = []string{"RS256", "ES256"}
				a, logs := newAuthorizer(t, cfg)
				req := request("GET", "/partner/items", token(t, k))
				if typ == "TOKEN" {
					req = jwtauth.Request{Type: "TOKEN", MethodArn: req.MethodArn, AuthorizationToken: req.Headers["authorization"]}
				}
				resp, err := a.Handle(context.Background(), req)
				if tc.want == nil {
					require.NoError(t, err, logs.String())
					assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect, kid)
					return
				}
				assert.ErrorIs(t, err, jwtauth.ErrUnauthorized)
				var decision struct{ Reason, Decision string }
				require.NoError(t, json.Unmarshal(logs.Bytes(), &decision))
				assert.Contains(t, decision.Reason, tc.want.Error())
			})
		}
	}
}

// ops publishes kid with key_ops and returns a token it signs.
func ops(kid string, values ...string) func(k *keyring) (string, func(*testing.T, *keyring) string) {
	return func(k *keyring) (string, func(*testing.T, *keyring) string) {
		k.jwkOps[kid] = values
		return kid, signed(kid)
	}
}

// addRSA publishes key as kid (besides k1) and returns a token it signs.
func addRSA(kid string, key *rsa.PrivateKey) func(k *keyring) (string, func(*testing.T, *keyring) string) {
	return func(k *keyring) (string, func(*testing.T, *keyring) string) {
		k.rsa[kid] = key
		k.publish("k1", kid)
		return kid, signed(kid)
	}
}

func signed(kid string) func(*testing.T, *keyring) string {
	return func(t *testing.T, k *keyring) string { return k.sign(t, kid, claims()) }
}

// The verifier refuses the weak key itself, whatever the authorizer around it does with the error.
func TestVerifierRefusesAWeakRSAKey(t *testing.T) {
	k := newKeyring(t)
	weak, err := rsa.GenerateKey(rand.Reader, 1024) //nolint:gosec // G403: the weak key is the point of the test
	require.NoError(t, err)
	k.rsa["weak"] = weak
	k.publish("weak")
	v, err := jwtauth.NewVerifier(context.Background(), config(k))
	require.NoError(t, err)
	_, err = v.Verify(k.signWith(t, "weak", jwt.SigningMethodRS256, claims(), nil))
	assert.ErrorIs(t, err, jwtauth.ErrWeakKey)
	assert.ErrorContains(t, err, "1024 bits")
}
