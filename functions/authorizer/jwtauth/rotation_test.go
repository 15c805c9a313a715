package jwtauth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// idpLatency is how long the test IdP takes to answer: a real one is tens of milliseconds away, never under 1 ms.
const idpLatency = 40 * time.Millisecond

func TestKeyRotationAgainstASlowIdP(t *testing.T) {
	k := newKeyring(t)
	k.setLatency(idpLatency)
	k.publish("k1")
	cfg := config(k)
	cfg.UnknownKIDCooldown = time.Second
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	_, err = v.Verify(k.sign(t, "k1", claims()))
	require.NoError(t, err)

	// The IdP rotates a new key in: the first token signed by it refetches the JWKS, and that fetch has the HTTP
	// timeout to finish, not the request's 1 ms budget for waiting on the cooldown.
	k.publish("k1", "rotated")
	before := k.fetches.Load()
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	require.NoError(t, err, "a token signed by the rotated-in key is accepted")
	assert.Equal(t, before+1, k.fetches.Load())

	// An attacker sprays random kids: at most one refetch per cooldown, and a request inside the cooldown is denied
	// at once, without a fetch.
	spray := func(d time.Duration) int32 {
		start, before := time.Now(), k.fetches.Load()
		for i := 0; time.Since(start) < d; i++ {
			forged := k.signWith(t, "k1", jwt.SigningMethodRS256, claims(), func(h map[string]any) { h["kid"] = fmt.Sprint("random-", i) })
			_, err := v.Verify(forged)
			require.ErrorIs(t, err, jwtauth.ErrUnknownKey)
			time.Sleep(5 * time.Millisecond)
		}
		return k.fetches.Load() - before
	}
	fetched := spray(2500 * time.Millisecond)
	assert.LessOrEqual(t, fetched, int32(3), "2.5 s of random kids with a 1 s cooldown: at most 3 refetches")
	assert.GreaterOrEqual(t, fetched, int32(2), "the cooldown ends: unknown kids refetch again")

	// The IdP rotates again just after a spray spent the refetch: the new key is accepted within one cooldown.
	k.publish("k1", "k2")
	rotated := time.Now()
	for {
		_, err = v.Verify(k.sign(t, "k2", claims()))
		if err == nil {
			break
		}
		require.ErrorIs(t, err, jwtauth.ErrUnknownKey)
		require.Less(t, time.Since(rotated), cfg.UnknownKIDCooldown+time.Second, "not accepted within one cooldown")
		time.Sleep(20 * time.Millisecond)
	}
	_, err = v.Verify(k.sign(t, "k1", claims()))
	assert.NoError(t, err, "the keys still published keep verifying")
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey, "a key the IdP withdrew no longer verifies")
}

// A cold start while the IdP is down: the failed init fetch is the cooldown's one fetch, so requests inside it are
// denied at once, even once the IdP is back, and the first request after it fetches the keys and is accepted.
func TestColdStartWhileTheIdPIsDownRecoversAfterTheCooldown(t *testing.T) {
	k := newKeyring(t)
	k.setLatency(idpLatency)
	k.down.Store(true)
	cfg := config(k)
	cfg.UnknownKIDCooldown = 500 * time.Millisecond
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err, "a failed first fetch does not stop the function")
	failed := time.Now()
	token := k.sign(t, "k1", claims())
	_, err = v.Verify(token)
	require.ErrorIs(t, err, jwtauth.ErrUnknownKey, "no keys yet")
	assert.Contains(t, err.Error(), "503", "the reason says why the JWKS is missing")

	k.down.Store(false)
	_, err = v.Verify(token)
	require.ErrorIs(t, err, jwtauth.ErrUnknownKey, "inside the cooldown nothing is fetched, even for a known-good kid")
	assert.Equal(t, int32(1), k.fetches.Load(), "only the init fetch")

	waitForAcceptance(t, v, token, failed.Add(cfg.UnknownKIDCooldown+time.Second))
	assert.GreaterOrEqual(t, time.Since(failed), cfg.UnknownKIDCooldown, "not before the cooldown ended")
	assert.Equal(t, int32(2), k.fetches.Load(), "the init fetch, then one after the cooldown")
}

// A cold start while the IdP stalls past the HTTP timeout: the init fetch spends one timeout and then counts as the
// cooldown's fetch, so the decisions after it are immediate denials, not a second timeout each. This is what keeps
// a cold authorizer's first answer within API Gateway's wait (past it, API Gateway answers 500, not 401).
func TestColdStartWhileTheIdPStallsSpendsOneFetchPerCooldown(t *testing.T) {
	k := newKeyring(t)
	k.setLatency(5 * time.Second)
	cfg := config(k)
	cfg.HTTPTimeout = time.Second
	cfg.UnknownKIDCooldown = time.Second
	token := k.sign(t, "k1", claims())

	began := time.Now()
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	failed := time.Now()
	for range 3 {
		_, err = v.Verify(token)
		require.ErrorIs(t, err, jwtauth.ErrUnknownKey)
		assert.Contains(t, err.Error(), "fetch failed", "the reason names the failed fetch")
	}
	cold := time.Since(began)
	assert.Less(t, cold, cfg.HTTPTimeout+cfg.HTTPTimeout/2, "one fetch timeout, not two, before the first decisions")
	assert.Equal(t, int32(1), k.fetches.Load(), "the stalled IdP gets one fetch per cooldown")

	k.setLatency(0)
	waitForAcceptance(t, v, token, failed.Add(cfg.UnknownKIDCooldown+cfg.HTTPTimeout+time.Second))
	assert.Equal(t, int32(2), k.fetches.Load(), "after the cooldown, one fetch finds the keys")
}

// A warm instance whose IdP starts stalling: an unknown kid's refetch spends the HTTP timeout, and the cooldown
// counts from when it gave up, so the next unknown kid is denied at once even when the timeout outlasts the cooldown.
func TestATimedOutRefetchStartsTheCooldownWhenItEnds(t *testing.T) {
	k := newKeyring(t)
	cfg := config(k)
	cfg.HTTPTimeout = 600 * time.Millisecond
	cfg.UnknownKIDCooldown = 300 * time.Millisecond
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	k.setLatency(5 * time.Second)
	before := k.fetches.Load()
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	require.ErrorIs(t, err, jwtauth.ErrUnknownKey, "the refetch timed out")

	began := time.Now()
	_, err = v.Verify(k.sign(t, "rotated", claims()))
	require.ErrorIs(t, err, jwtauth.ErrUnknownKey)
	assert.Less(t, time.Since(began), cfg.HTTPTimeout/2, "denied at once, not after a second timeout")
	assert.Equal(t, before+1, k.fetches.Load(), "one refetch")
	_, err = v.Verify(k.sign(t, "k1", claims()))
	assert.NoError(t, err, "cached keys keep verifying")
}

// waitForAcceptance retries token until it verifies, failing the test at deadline.
func waitForAcceptance(t *testing.T, v *jwtauth.Verifier, token string, deadline time.Time) {
	t.Helper()
	for {
		_, err := v.Verify(token)
		if err == nil {
			return
		}
		require.ErrorIs(t, err, jwtauth.ErrUnknownKey)
		require.True(t, time.Now().Before(deadline), "not accepted after the cooldown: %v", err)
		time.Sleep(20 * time.Millisecond)
	}
}

// A JWKS answer that is late, not a JWK Set, or too large replaces nothing: the cached keys keep verifying, and the
// key the IdP rotated in meanwhile is not taken from it.
func TestBadJWKSAnswersKeepTheCachedKeys(t *testing.T) {
	for name, spoil := range map[string]func(k *keyring){
		"hangs past the HTTP timeout":  func(k *keyring) { k.setLatency(5 * time.Second) },
		"not a JWK Set":                func(k *keyring) { k.garbage.Store(true) },
		"over 1 MiB (a 2 MiB JWK Set)": func(k *keyring) { k.padding.Store(2 << 20) },
	} {
		t.Run(name, func(t *testing.T) {
			k := newKeyring(t)
			k.publish("k1")
			cfg := config(k)
			cfg.UnknownKIDCooldown = time.Millisecond
			cfg.HTTPTimeout = 200 * time.Millisecond
			v, err := jwtauth.NewVerifier(context.Background(), cfg)
			require.NoError(t, err)
			spoil(k)
			k.publish("k1", "rotated")
			time.Sleep(2 * time.Millisecond)
			_, err = v.Verify(k.sign(t, "rotated", claims()))
			assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
			_, err = v.Verify(k.sign(t, "k1", claims()))
			assert.NoError(t, err)
		})
	}
}

// Under the size cap a padded JWK Set is read: the cap cuts hostile answers, not large legitimate ones.
func TestPaddedJWKSUnderTheCapIsRead(t *testing.T) {
	k := newKeyring(t)
	k.publish("k1")
	k.padding.Store(100 << 10)
	v, err := jwtauth.NewVerifier(context.Background(), config(k))
	require.NoError(t, err)
	_, err = v.Verify(k.sign(t, "k1", claims()))
	assert.NoError(t, err)
}

func TestJWKSFetchFollowsNoRedirect(t *testing.T) {
	k := newKeyring(t)
	elsewhere := httptest.NewServer(http.RedirectHandler(k.jwksURL(), http.StatusFound))
	t.Cleanup(elsewhere.Close)
	cfg := config(k)
	cfg.JWKSURL = elsewhere.URL + "/jwks.json"
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	_, err = v.Verify(k.sign(t, "k1", claims()))
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey, "keys come from the configured URL only, never from where it redirects")
	assert.Contains(t, err.Error(), "302")
}
