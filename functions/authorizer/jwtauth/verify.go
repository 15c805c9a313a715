package jwtauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

// Claims are the claims the decision reads. Cognito access tokens carry client_id and scope and no aud; ID tokens
// carry aud; other IdPs use aud with scope or scp.
type Claims struct {
	jwt.RegisteredClaims
	TokenUse string `json:"token_use,omitempty"`
	ClientID string `json:"client_id,omitempty"`
	Scope    string `json:"scope,omitempty"`
	Username string `json:"username,omitempty"`
}

// Scopes returns the space-separated scopes.
func (c *Claims) Scopes() []string { return strings.Fields(c.Scope) }

// Rejection reasons, for decision logs and tests. They describe the token, never reveal it.
var (
	ErrNoToken      = errors.New("no bearer token")
	ErrTooLarge     = errors.New("token exceeds the size limit")
	ErrMalformed    = errors.New("token is malformed")
	ErrAlgorithm    = errors.New("signing algorithm not allowed")
	ErrUnknownKey   = errors.New("no key verifies the token (unknown kid, or the JWKS is unreachable)")
	ErrSignature    = errors.New("signature does not verify")
	ErrIssuer       = errors.New("issuer does not match")
	ErrExpired      = errors.New("token expired")
	ErrNotYetValid  = errors.New("token not valid yet (nbf or iat in the future)")
	ErrAudience     = errors.New("neither aud nor client_id is an accepted client")
	ErrTokenUse     = errors.New("token_use does not match")
	ErrMissingClaim = errors.New("a required claim is missing")
)

// Verifier checks tokens against one issuer.
type Verifier struct {
	cfg    Config
	keys   jwt.Keyfunc
	parser *jwt.Parser
}

// NewVerifier fetches the issuer's JWKS (a failure here is not fatal: requests are denied until a fetch succeeds)
// and returns a Verifier. ctx bounds the background refresh.
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	noErrorOnFirstFetch := true
	keys, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{cfg.JWKSURL}, keyfunc.Override{
		Client:                    &http.Client{Timeout: cfg.HTTPTimeout},
		HTTPTimeout:               cfg.HTTPTimeout,
		NoErrorReturnFirstHTTPReq: &noErrorOnFirstFetch,
		RefreshInterval:           DefaultRefreshInterval,
		RefreshUnknownKID:         rate.NewLimiter(rate.Every(cfg.UnknownKIDCooldown), 1),
		// Never make a request wait for the cooldown: an unknown kid inside it is denied at once.
		RateLimitWaitMax:        time.Millisecond,
		RefreshErrorHandlerFunc: func(string) func(context.Context, error) { return func(context.Context, error) {} },
	})
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", cfg.JWKSURL, err)
	}
	return newVerifier(cfg, keys.KeyfuncCtx(ctx)), nil
}

func newVerifier(cfg Config, keys jwt.Keyfunc) *Verifier {
	return &Verifier{cfg: cfg, keys: keys, parser: jwt.NewParser(
		jwt.WithValidMethods(cfg.Algorithms),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithStrictDecoding(),
	)}
}

// Verify returns the token's claims if every check passes, or an error wrapping one of the Err* reasons.
func (v *Verifier) Verify(raw string) (*Claims, error) {
	if raw == "" {
		return nil, ErrNoToken
	}
	if len(raw) > v.cfg.MaxTokenBytes {
		return nil, ErrTooLarge
	}
	claims := &Claims{}
	if _, err := v.parser.ParseWithClaims(raw, claims, v.keys); err != nil {
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

// classify maps golang-jwt's errors onto the reasons above.
func classify(err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	case errors.Is(err, jwt.ErrTokenSignatureInvalid) && strings.Contains(err.Error(), "signing method"):
		return ErrAlgorithm
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return fmt.Errorf("%w: %v", ErrUnknownKey, err)
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return ErrSignature
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
