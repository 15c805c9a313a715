package main_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stallingIdP is a JWKS endpoint on loopback that, while stalled, answers only after 5 s (longer than any fetch
// timeout the authorizer allows itself, like an IdP behind a black-holed route) and records when each fetch arrived.
type stallingIdP struct {
	url     string
	stalled atomic.Bool
	mu      sync.Mutex
	fetches []time.Time
}

func newStallingIdP(t *testing.T, body []byte) *stallingIdP {
	t.Helper()
	idp := &stallingIdP{}
	idp.stalled.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		idp.mu.Lock()
		idp.fetches = append(idp.fetches, time.Now())
		idp.mu.Unlock()
		if idp.stalled.Load() {
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done(): // the authorizer gave up on this fetch
				return
			}
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	idp.url = srv.URL + "/.well-known/jwks.json"
	return idp
}

func (idp *stallingIdP) fetchTimes() []time.Time {
	idp.mu.Lock()
	defer idp.mu.Unlock()
	return append([]time.Time(nil), idp.fetches...)
}

// A cold start while the IdP stalls: API Gateway waits for the authorizer only as long as its Lambda timeout (5 s
// here) and answers 500 past it, so the first decision must come within one fetch timeout of the process starting —
// the failed init prefetch is the penalty window's one fetch, and the request after it must not wait for a second.
// Once the cooldown has passed and the IdP answers again, the next request fetches the keys and is allowed.
func TestColdStartUnderAStalledJWKS(t *testing.T) {
	const (
		fetchTimeout = 2 * time.Second // jwtauth.DefaultHTTPTimeout: the binary has no setting for it
		cooldown     = 4 * time.Second // AUTHZ_JWKS_COOLDOWN_SECONDS below
		bound        = fetchTimeout + 500*time.Millisecond
	)
	unauthorized := `{"errorMessage":"Unauthorized","errorType":"errorString"}`
	bin := build(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	idp := newStallingIdP(t, jwksBody(t, &key.PublicKey, "k1"))
	api := newRuntimeAPI(t)
	token := sign(t, key, jwt.MapClaims{"iss": issuer, "sub": "partner-1", "client_id": clientID,
		"token_use": "access", "scope": "api/partner.read", "iat": time.Now().Unix(),
		"exp": time.Now().Add(time.Hour).Unix()})

	began := time.Now()
	stdout := start(t, bin, api, map[string]string{
		"AUTHZ_ISSUER": issuer, "AUTHZ_JWKS_URL": idp.url, "AUTHZ_AUDIENCES": clientID, "AUTHZ_TOKEN_USE": "access",
		"AUTHZ_ENTITLEMENTS": `{"api/partner.read":["GET /partner/items"]}`, "AUTHZ_LEEWAY_SECONDS": "0",
		"AUTHZ_JWKS_COOLDOWN_SECONDS": "4",
	})

	first := api.invoke(t, event("Bearer "+token, nil))
	cold, own := first.answered.Sub(began), first.answered.Sub(first.delivered)
	t.Logf("cold decision %s from process start, of which the first invocation %s", cold.Round(time.Millisecond),
		own.Round(time.Millisecond))
	assert.True(t, first.errored, "fail closed: %s", first.body)
	assert.JSONEq(t, unauthorized, string(first.body))
	assert.LessOrEqual(t, cold, bound, "cold decision (init prefetch included) within one fetch timeout + 0.5 s")
	assert.LessOrEqual(t, own, bound, "the first invocation within one fetch timeout + 0.5 s")

	// More requests inside the cooldown: each denied at once, none fetching.
	for range 3 {
		r := api.invoke(t, event("Bearer "+token, nil))
		assert.JSONEq(t, unauthorized, string(r.body))
		assert.LessOrEqual(t, r.answered.Sub(r.delivered), bound)
	}
	fetches := idp.fetchTimes()
	assert.Len(t, fetches, 1, "the stalled IdP got one fetch in the cooldown, the failed prefetch")
	require.NotEmpty(t, fetches, "the init prefetch reached the IdP")
	assert.Contains(t, stdout.String(), "JWKS fetch failed", "the decision log says why the keys are missing")

	// The IdP recovers; once the cooldown has passed the next request fetches the keys and is allowed.
	idp.stalled.Store(false)
	deadline := fetches[0].Add(fetchTimeout + cooldown + 2*time.Second)
	var ok result
	for {
		ok = api.invoke(t, event("Bearer "+token, nil))
		if !ok.errored {
			break
		}
		assert.LessOrEqual(t, ok.answered.Sub(ok.delivered), bound)
		require.True(t, time.Now().Before(deadline), "not allowed within the cooldown after the IdP recovered: %s", ok.body)
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("allowed %s after the process started", ok.answered.Sub(began).Round(time.Millisecond))
	var resp struct {
		PolicyDocument struct{ Statement []struct{ Effect string } } `json:"policyDocument"`
	}
	require.NoError(t, json.Unmarshal(ok.body, &resp))
	require.NotEmpty(t, resp.PolicyDocument.Statement)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect)
	fetches = idp.fetchTimes()
	if assert.Len(t, fetches, 2, "one fetch per cooldown: the failed prefetch, then the recovery") {
		assert.GreaterOrEqual(t, fetches[1].Sub(fetches[0]), cooldown, "the second fetch waited out the cooldown")
	}
}
