package jwtauth_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

const (
	issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST"
	clientID = "client-partner"
	apiArn   = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod"
)

var entitlements = map[string][]string{
	"partner.read":  {"GET /partner/items", "GET /partner/items/{id}"},
	"partner.write": {"POST /partner/items"},
	"admin":         {"ANY /admin/*"},
}

// keyring holds test signing keys; its JWKS server lives on loopback and counts fetches. Like a real IdP it can
// answer slowly, fail, and rotate its keys.
type keyring struct {
	mu      sync.Mutex
	rsa     map[string]*rsa.PrivateKey
	ec      map[string]*ecdsa.PrivateKey
	served  []string            // kids currently published
	jwkAlg  map[string]string   // a published JWK's "alg" when not the key's own ("" omits it)
	jwkUse  map[string]string   // a published JWK's "use" when not "sig" ("" omits it)
	jwkOps  map[string][]string // a published JWK's "key_ops" (absent when not set)
	latency time.Duration       // how long each JWKS answer takes
	down    atomic.Bool         // answer 503 instead of the JWKS
	garbage atomic.Bool         // answer 200 with something that is not a JWK Set
	padding atomic.Int64        // bytes of filler in the JWK Set's JSON
	fetches atomic.Int32
	server  *httptest.Server
}

var (
	sharedRSAOnce sync.Once
	sharedRSA     [3]*rsa.PrivateKey // generating 2048-bit keys is slow: share them across tests
)

func newKeyring(t testing.TB) *keyring {
	t.Helper()
	sharedRSAOnce.Do(func() {
		for i := range sharedRSA {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			sharedRSA[i] = k
		}
	})
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	k := &keyring{
		rsa: map[string]*rsa.PrivateKey{"k1": sharedRSA[0], "k2": sharedRSA[1], "rotated": sharedRSA[2]},
		ec:  map[string]*ecdsa.PrivateKey{"e1": ec}, served: []string{"k1", "k2", "e1"},
		jwkAlg: map[string]string{}, jwkUse: map[string]string{}, jwkOps: map[string][]string{},
	}
	k.server = httptest.NewServer(http.HandlerFunc(k.serveJWKS))
	t.Cleanup(k.server.Close)
	return k
}

func (k *keyring) publish(kids ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.served = kids
}

func (k *keyring) serveJWKS(w http.ResponseWriter, r *http.Request) {
	k.fetches.Add(1)
	k.mu.Lock()
	latency := k.latency
	k.mu.Unlock()
	select {
	case <-time.After(latency):
	case <-r.Context().Done():
		return
	}
	if k.down.Load() {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if k.garbage.Load() {
		_, _ = w.Write([]byte(`<html>{"keys": oops`))
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	var set jwkset.JWKSMarshal
	for _, kid := range k.served {
		var pub any
		alg := jwkset.AlgRS256
		if key, ok := k.rsa[kid]; ok {
			pub = &key.PublicKey
		} else {
			pub, alg = &k.ec[kid].PublicKey, jwkset.AlgES256
			if k.ec[kid].Curve != elliptic.P256() {
				alg = ""
			}
		}
		if a, ok := k.jwkAlg[kid]; ok {
			alg = jwkset.ALG(a)
		}
		use := jwkset.UseSig
		if u, ok := k.jwkUse[kid]; ok {
			use = jwkset.USE(u)
		}
		var ops []jwkset.KEYOPS
		for _, op := range k.jwkOps[kid] {
			ops = append(ops, jwkset.KEYOPS(op))
		}
		jwk, err := jwkset.NewJWKFromKey(pub, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{
			KID: kid, ALG: alg, USE: use, KEYOPS: ops}})
		if err != nil {
			panic(err)
		}
		set.Keys = append(set.Keys, jwk.Marshal())
	}
	_ = json.NewEncoder(w).Encode(struct {
		Padding string `json:"padding,omitempty"`
		jwkset.JWKSMarshal
	}{strings.Repeat(" ", int(k.padding.Load())), set})
}

// setLatency makes every later JWKS answer take d, like a real IdP across a network.
func (k *keyring) setLatency(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency = d
}

func (k *keyring) jwksURL() string { return k.server.URL + "/jwks.json" }

// claims returns valid Cognito access-token claims; mutate them per case.
func claims() jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"iss": issuer, "sub": "user-1", "client_id": clientID, "token_use": "access",
		"scope": "partner.read", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": "j1",
	}
}

func (k *keyring) sign(t testing.TB, kid string, c jwt.MapClaims) string {
	t.Helper()
	var tok *jwt.Token
	var key any
	if rk, ok := k.rsa[kid]; ok {
		tok, key = jwt.NewWithClaims(jwt.SigningMethodRS256, c), rk
	} else {
		tok, key = jwt.NewWithClaims(jwt.SigningMethodES256, c), k.ec[kid]
	}
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

// signRaw signs header and payload given as literal JSON (duplicate members, string dates, crit…) with kid's key,
// using alg (RS256 when empty).
func (k *keyring) signRaw(t testing.TB, kid, alg, header, payload string) string {
	t.Helper()
	if alg == "" {
		alg = "RS256"
	}
	input := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." +
		base64.RawURLEncoding.EncodeToString([]byte(payload))
	var key any = k.rsa[kid]
	if ec, ok := k.ec[kid]; ok {
		key = ec
	}
	sig, err := jwt.GetSigningMethod(alg).Sign(input, key)
	require.NoError(t, err)
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// signWith signs claims with kid's key, with the header changed by mut (nil to keep the default alg and kid).
func (k *keyring) signWith(t testing.TB, kid string, method jwt.SigningMethod, c jwt.MapClaims, mut func(h map[string]any)) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, c)
	tok.Header["kid"] = kid
	if mut != nil {
		mut(tok.Header)
	}
	var key any = k.rsa[kid]
	if ec, ok := k.ec[kid]; ok {
		key = ec
	}
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

// publicPEM is the RSA public key as PEM: what an HS256 key-confusion attack uses as the HMAC secret.
func (k *keyring) publicPEM(t testing.TB, kid string) []byte {
	der, err := x509.MarshalPKIXPublicKey(&k.rsa[kid].PublicKey)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func config(k *keyring) jwtauth.Config {
	return jwtauth.Config{
		Issuer: issuer, JWKSURL: k.jwksURL(), Audiences: []string{clientID}, TokenUse: "access",
		Entitlements: entitlements, UsageIdentifierClaim: "client_id",
	}
}

func newAuthorizer(t testing.TB, cfg jwtauth.Config) (*jwtauth.Authorizer, *bytes.Buffer) {
	t.Helper()
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	var logs bytes.Buffer
	return jwtauth.New(v, slog.New(slog.NewJSONHandler(&logs, nil))), &logs
}

func request(method, path, token string) jwtauth.Request {
	return jwtauth.Request{Type: "REQUEST", MethodArn: apiArn + "/" + method + path,
		Headers: map[string]string{"authorization": "Bearer " + token}}
}
