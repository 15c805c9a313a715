package jwtauth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/go-json-experiment/json/jsontext"
	"golang.org/x/time/rate"
)

// header is what the verifier reads from a token's JOSE header (its first, base64url segment).
type header struct {
	alg string
	kid string
}

// parseHeader reads the token's header by exact name and type before anything else is done with the token: alg on
// the allow-list, kid present (Cognito always sends one; without it a verifier would have to try every key), no
// member given twice, and no crit — RFC 7515 §4.1.11 says to refuse a critical extension one does not understand,
// and this verifier understands none.
func parseHeader(seg string, allowed []string) (header, error) {
	b, err := segments.DecodeString(seg)
	if err != nil {
		return header{}, fmt.Errorf("%w: header is not base64url", ErrMalformed)
	}
	var h header
	var hasAlg, hasKid bool
	err = members(b, func(name []byte, v jsontext.Value) error {
		var err error
		switch string(name) {
		case "alg":
			hasAlg = true
			if h.alg, err = jsonString(v); err != nil {
				return fmt.Errorf("%w: alg is not a string", ErrAlgorithm)
			}
		case "kid":
			hasKid = true
			if h.kid, err = jsonString(v); err != nil {
				return fmt.Errorf("%w: kid is not a string", ErrMalformed)
			}
		case "crit":
			return ErrCritical
		}
		return nil
	})
	switch {
	case errors.Is(err, ErrAlgorithm), errors.Is(err, ErrMalformed), errors.Is(err, ErrCritical):
		return header{}, err
	case err != nil:
		return header{}, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	case !hasAlg || !slices.Contains(allowed, h.alg):
		return header{}, fmt.Errorf("%w: %q", ErrAlgorithm, h.alg)
	case !hasKid || h.kid == "":
		return header{}, ErrNoKeyID
	}
	return h, nil
}

// keySet is the issuer's JWKS (jwkset parses and stores it), cached for the life of the function instance and
// refreshed hourly in the background. A kid it does not hold triggers one refetch, at most once per cooldown:
//
//   - inside the cooldown, the request is denied at once; it never waits for the cooldown to end;
//   - the refetch itself gets the full HTTP timeout. (keyfunc ran it under the 1 ms it allowed for waiting on the
//     cooldown, so a real IdP's answer never arrived and a rotated-in key was refused until the hourly refresh.)
//   - a failed init fetch (the prefetch) is the cooldown's fetch: a cold start while the IdP stalls spends one HTTP
//     timeout in init, and its first requests are denied at once instead of each waiting out a second timeout —
//     which would take a cold decision past API Gateway's wait, and a 401 would become a 500.
//
// Every fetch is bounded in time (HTTPTimeout) and size (maxJWKSBytes), follows no redirect, and replaces the cached
// keys only when the answer is a JWK Set: if the IdP is down or answers garbage, the keys already held keep working.
type keySet struct {
	ctx     context.Context
	cached  jwkset.Storage // the keys last fetched; reading it never touches the network
	refetch jwkset.Storage // the same keys, refetched once when a kid is missing
	box     penaltyBox     // one fetch per UnknownKIDCooldown
	timeout time.Duration

	mu        sync.Mutex
	lastFetch error // why the last fetch failed, for the decision log; nil after a good one
}

// maxJWKSBytes bounds a JWKS answer. Cognito's is about 1 KiB; a megabyte is a broken or hostile IdP.
const maxJWKSBytes = 1 << 20

func newKeySet(ctx context.Context, cfg Config) (*keySet, error) {
	s := &keySet{ctx: ctx, box: penaltyBox{period: cfg.UnknownKIDCooldown}, timeout: cfg.HTTPTimeout}
	client := &http.Client{
		Timeout:       cfg.HTTPTimeout,
		Transport:     cappedTransport{http.DefaultTransport},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	cached, err := jwkset.NewStorageFromHTTP(cfg.JWKSURL, jwkset.HTTPClientStorageOptions{
		Client:                    client,
		Ctx:                       ctx,
		HTTPTimeout:               cfg.HTTPTimeout,
		NoErrorReturnFirstHTTPReq: true, // a cold start while the IdP is down denies requests; it does not crash
		RefreshErrorHandler:       func(_ context.Context, err error) { s.setFetchError(err) },
		RefreshInterval:           DefaultRefreshInterval,
	})
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", cfg.JWKSURL, err)
	}
	s.cached = cached
	if s.fetchError() != nil { // jwkset fetched synchronously and reported the failure through RefreshErrorHandler
		s.box.fetched()
	}
	s.refetch, err = jwkset.NewHTTPClient(jwkset.HTTPClientOptions{
		HTTPURLs: map[string]jwkset.Storage{cfg.JWKSURL: cached},
		// s.box decides whether to refetch; once it has, jwkset must fetch at once under the context it is given.
		RefreshUnknownKID: rate.NewLimiter(rate.Inf, 1),
	})
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", cfg.JWKSURL, err)
	}
	return s, nil
}

// setFetchError records why the last fetch failed (nil before a new attempt).
func (s *keySet) setFetchError(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastFetch = err
}

func (s *keySet) fetchError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastFetch
}

// key returns the public key for the token's kid, checked against its JWK (RFC 7517 §4.2–4.4): use "sig" when
// stated; key_ops, when stated, holding "verify" and no value twice; alg, when stated, equal to the token's. The key
// itself must be strong enough for the token's alg (keyStrength).
func (s *keySet) key(h header) (crypto.PublicKey, error) {
	jwk, err := s.lookup(h.kid)
	if err != nil {
		return nil, err
	}
	m := jwk.Marshal()
	if m.USE != "" && m.USE != jwkset.UseSig {
		return nil, fmt.Errorf("%w: kid %q has use %q", ErrKeyUse, h.kid, m.USE)
	}
	if err := keyOps(m.KEYOPS); err != nil {
		return nil, fmt.Errorf("%w: kid %q %v", ErrKeyUse, h.kid, err)
	}
	if a := m.ALG.String(); a != "" && a != h.alg {
		return nil, fmt.Errorf("%w: token %s, but kid %q is an %s key", ErrAlgorithm, h.alg, h.kid, a)
	}
	key := jwk.Key()
	if private, ok := key.(interface{ Public() crypto.PublicKey }); ok { // a JWKS that wrongly publishes private keys
		key = private.Public()
	}
	if err := keyStrength(h.alg, key); err != nil {
		return nil, fmt.Errorf("%w: kid %q: %v", ErrWeakKey, h.kid, err)
	}
	return key, nil
}

// keyOps checks a JWK's key_ops (RFC 7517 §4.3): absent means any operation; present, it must permit "verify" —
// a key published for sign-only, encryption or wrapping must not verify tokens, whatever its use says — and
// "Duplicate key operation values MUST NOT be present".
func keyOps(ops []jwkset.KEYOPS) error {
	if len(ops) == 0 {
		return nil
	}
	seen := map[jwkset.KEYOPS]bool{}
	for _, op := range ops {
		if seen[op] {
			return fmt.Errorf("lists key_ops %q twice", op)
		}
		seen[op] = true
	}
	if !seen[jwkset.KeyOpsVerify] {
		return fmt.Errorf("has key_ops %q, without %q", ops, jwkset.KeyOpsVerify)
	}
	return nil
}

// minRSABits is NIST SP 800-131A Rev. 2's floor for RSA signature verification keys beyond legacy use (112-bit
// security); RFC 7518 §3.3 asks the same for RS256 ("a key of size 2048 bits or larger MUST be used").
const minRSABits = 2048

// algCurves are the curves RFC 7518 §3.4 names for each ECDSA alg.
var algCurves = map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}

// keyStrength refuses a key too weak for alg: an RSA modulus below minRSABits, or an EC key on a curve other than
// the one alg names (RFC 7518 §3.4: ES256 is P-256, ES384 P-384, ES512 P-521).
func keyStrength(alg string, key crypto.PublicKey) error {
	switch k := key.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < minRSABits {
			return fmt.Errorf("RSA key of %d bits (at least %d required)", bits, minRSABits)
		}
	case *ecdsa.PublicKey:
		if want := algCurves[alg]; want != nil && k.Curve != want {
			return fmt.Errorf("EC key on %s, but %s needs %s", k.Params().Name, alg, want.Params().Name)
		}
	}
	return nil
}

func (s *keySet) lookup(kid string) (jwkset.JWK, error) {
	jwk, err := s.cached.KeyRead(s.ctx, kid)
	if !errors.Is(err, jwkset.ErrKeyNotFound) {
		return jwk, err
	}
	if !s.box.enter() {
		if fetch := s.fetchError(); fetch != nil {
			return jwkset.JWK{}, fmt.Errorf("%w: kid %q: the JWKS fetch failed and is not retried until %s after it: %v",
				ErrUnknownKey, kid, s.box.period, fetch)
		}
		return jwkset.JWK{}, fmt.Errorf("%w: kid %q is not in the cached JWKS, which was fetched less than %s ago",
			ErrUnknownKey, kid, s.box.period)
	}
	s.setFetchError(nil)
	ctx, cancel := context.WithTimeout(s.ctx, s.timeout)
	jwk, err = s.refetch.KeyRead(ctx, kid)
	cancel()
	s.box.fetched()
	if err == nil {
		return jwk, nil
	}
	if fetch := s.fetchError(); fetch != nil {
		return jwkset.JWK{}, fmt.Errorf("%w: kid %q: the JWKS fetch failed: %v", ErrUnknownKey, kid, fetch)
	}
	return jwkset.JWK{}, fmt.Errorf("%w: kid %q is not in the JWKS", ErrUnknownKey, kid)
}

// penaltyBox spaces JWKS fetches one cooldown apart, counted from when a fetch ended. Counting from the end, not the
// start, keeps a stalled IdP (each fetch spending the whole HTTP timeout) at one fetch per timeout + cooldown, and
// denies the request right after a timed-out fetch at once, however the cooldown compares with the timeout. While a
// fetch is under way, other requests are denied rather than queued behind it.
type penaltyBox struct {
	period time.Duration

	mu    sync.Mutex
	busy  bool      // a fetch is under way
	until time.Time // no fetch before this
}

// enter reports whether the caller may fetch now; if so, it must call fetched when the fetch ends.
func (p *penaltyBox) enter() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.busy || time.Now().Before(p.until) {
		return false
	}
	p.busy = true
	return true
}

// fetched starts the cooldown: a fetch (a refetch, or the failed init fetch) has just ended.
func (p *penaltyBox) fetched() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.busy = false
	p.until = time.Now().Add(p.period)
}

// cappedTransport cuts every answer at maxJWKSBytes: the JSON decoder then fails and the cached keys stay.
type cappedTransport struct{ base http.RoundTripper }

func (c cappedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.LimitReader(resp.Body, maxJWKSBytes), resp.Body}
	return resp, nil
}
