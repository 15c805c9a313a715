package jwtauth_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// The authorizer's whole decision with a warm JWKS cache, next to bare RS256 verifications of the same token, so the
// ratio shows what everything beyond the signature check costs. Run: go test -bench . -benchmem ./functions/authorizer/jwtauth

// benchToken is the one token every benchmark verifies, so the ratios compare the same work.
func benchToken(b *testing.B, k *keyring) string {
	c := claims()
	c["scope"] = "partner.read partner.write"
	return k.sign(b, "k1", c)
}

func BenchmarkDecisionWarmJWKS(b *testing.B) {
	k := newKeyring(b)
	v, err := jwtauth.NewVerifier(context.Background(), config(k))
	if err != nil {
		b.Fatal(err)
	}
	a := jwtauth.New(v, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	req := request("GET", "/partner/items/42", benchToken(b, k))
	if _, err := a.Handle(context.Background(), req); err != nil { // warms the JWKS cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Handle(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareRS256JWT is golang-jwt parsing and verifying the token with the key in hand: no JWKS, no claim policy.
func BenchmarkBareRS256JWT(b *testing.B) {
	k := newKeyring(b)
	token := benchToken(b, k)
	pub := &k.rsa["k1"].PublicKey
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parser.Parse(token, func(*jwt.Token) (any, error) { return pub, nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareRS256Signature is only the RSA PKCS#1 v1.5 check over the signing input: the floor.
func BenchmarkBareRS256Signature(b *testing.B) {
	k := newKeyring(b)
	token := benchToken(b, k)
	i := strings.LastIndex(token, ".")
	sig, err := base64.RawURLEncoding.DecodeString(token[i+1:])
	if err != nil {
		b.Fatal(err)
	}
	pub := &k.rsa["k1"].PublicKey
	b.ReportAllocs()
	for b.Loop() {
		sum := sha256.Sum256([]byte(token[:i]))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnknownKidInsideTheCooldown is the penalty box's denial: a kid the cached JWKS lacks, while the cooldown
// forbids a refetch. It must cost no more than a cache lookup — the IdP is never asked — however slow the IdP is.
func BenchmarkUnknownKidInsideTheCooldown(b *testing.B) {
	k := newKeyring(b)
	k.setLatency(5 * time.Second) // any fetch would show as a 50 ms stall per op
	cfg := config(k)
	cfg.HTTPTimeout = 50 * time.Millisecond
	cfg.UnknownKIDCooldown = time.Hour
	v, err := jwtauth.NewVerifier(context.Background(), cfg) // the prefetch times out: the cooldown starts
	if err != nil {
		b.Fatal(err)
	}
	token := benchToken(b, k)
	fetches := k.fetches.Load()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(token); !errors.Is(err, jwtauth.ErrUnknownKey) {
			b.Fatal(err)
		}
	}
	if k.fetches.Load() != fetches {
		b.Fatal("a request inside the cooldown fetched the JWKS")
	}
}
