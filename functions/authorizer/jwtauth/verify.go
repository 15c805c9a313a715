package jwtauth

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// Rejection reasons, for decision logs and tests. They describe the token, never reveal it.
var (
	ErrNoToken         = errors.New("no bearer token")
	ErrAmbiguousHeader = errors.New("the request's Authorization headers disagree")
	ErrScheme          = errors.New("the Authorization scheme is not Bearer")
	ErrTooLarge        = errors.New("token exceeds the size limit")
	ErrMalformed       = errors.New("token is malformed")
	ErrAlgorithm       = errors.New("signing algorithm not allowed")
	ErrCritical        = errors.New("token header has crit: no critical extension is understood")
	ErrNoKeyID         = errors.New("token header has no kid")
	ErrUnknownKey      = errors.New("no key verifies the token (unknown kid, or the JWKS is unreachable)")
	ErrKeyUse          = errors.New(`the key is not for verifying signatures (its JWK use is not "sig", or its key_ops lack "verify")`)
	ErrWeakKey         = errors.New("the key is too weak for the token's algorithm")
	ErrSignature       = errors.New("signature does not verify")
	ErrIssuer          = errors.New("issuer does not match")
	ErrExpired         = errors.New("token expired")
	ErrNotYetValid     = errors.New("token not valid yet (nbf or iat in the future)")
	ErrAudience        = errors.New("neither aud nor client_id is an accepted client")
	ErrTokenUse        = errors.New("token_use does not match")
	ErrMissingClaim    = errors.New("a required claim is missing")
)

// Verifier checks tokens against one issuer.
type Verifier struct {
	cfg       Config
	keys      *keySet
	validator *jwt.Validator
}

// NewVerifier fetches the issuer's JWKS (a failure here is not fatal: requests are denied until a fetch succeeds)
// and returns a Verifier. ctx bounds the background refresh.
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	keys, err := newKeySet(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Verifier{cfg: cfg, keys: keys, validator: jwt.NewValidator(
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
	)}, nil
}

// segments is strict base64url without padding, as RFC 7515 §2 has it.
var segments = base64.RawURLEncoding.Strict()

// Verify returns the token's claims if every check passes, or an error wrapping one of the Err* reasons.
//
// The token is decoded once, here: header and claims by exact name and JSON type (parseHeader, Claims), so nothing
// can read it differently from the checks. golang-jwt then verifies the signature (SigningMethod.Verify) and the
// claims' times and issuer (Validator). Order: size; header (alg allowed, kid, no crit, no duplicate member);
// claims (scope as RFC 6749 §3.3 writes it); the key for kid, whose JWK use, key_ops and alg must fit
// and whose size or curve must suit the alg; signature; iss, exp, nbf, iat; sub; token_use; aud or
// client_id.
func (v *Verifier) Verify(raw string) (*Claims, error) {
	if raw == "" {
		return nil, ErrNoToken
	}
	if len(raw) > v.cfg.MaxTokenBytes {
		return nil, ErrTooLarge
	}
	head, rest, _ := strings.Cut(raw, ".")
	body, sig, ok := strings.Cut(rest, ".")
	if !ok || strings.Contains(sig, ".") {
		return nil, fmt.Errorf("%w: not three dot-separated parts", ErrMalformed)
	}
	h, err := parseHeader(head, v.cfg.Algorithms)
	if err != nil {
		return nil, err
	}
	payload, err := segments.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: payload is not base64url", ErrMalformed)
	}
	claims := &Claims{}
	if err := claims.UnmarshalJSON(payload); err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrMalformed, err)
	}
	signature, err := segments.DecodeString(sig)
	if err != nil {
		return nil, fmt.Errorf("%w: signature is not base64url", ErrMalformed)
	}
	key, err := v.keys.key(h)
	if err != nil {
		return nil, err
	}
	if err := jwt.GetSigningMethod(h.alg).Verify(raw[:len(head)+1+len(body)], signature, key); err != nil {
		return nil, ErrSignature
	}
	if err := v.validator.Validate(claims); err != nil {
		return nil, classify(err)
	}
	if claims.Subject == "" {
		return nil, fmt.Errorf("%w: sub", ErrMissingClaim)
	}
	if v.cfg.TokenUse != "" && claims.TokenUse != v.cfg.TokenUse {
		return nil, fmt.Errorf("%w: want %s", ErrTokenUse, v.cfg.TokenUse)
	}
	accepted := slices.Contains(v.cfg.Audiences, claims.ClientID)
	for _, aud := range claims.Audience {
		accepted = accepted || slices.Contains(v.cfg.Audiences, aud)
	}
	if !accepted {
		return nil, ErrAudience
	}
	return claims, nil
}

// classify maps golang-jwt's validation errors onto the reasons above.
func classify(err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return ErrIssuer
	case errors.Is(err, jwt.ErrTokenExpired):
		return ErrExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return ErrNotYetValid
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return fmt.Errorf("%w: %v", ErrMissingClaim, err)
	}
	return fmt.Errorf("%w: %v", ErrMalformed, err)
}
