package main_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the built authorizer binary as Lambda runs it: the process polls the Lambda Runtime API
// (runtimeAPI below speaks the protocol the Runtime Interface Emulator serves) for API Gateway REQUEST events and
// posts its answers back. Nothing of the package is called directly.

const (
	issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_BLACKBOX"
	clientID = "partner-client"
	arn      = "arn:aws:execute-api:eu-west-1:123456789012:abc123/v1"
)

func TestBinaryUnderTheRuntimeAPI(t *testing.T) {
	bin := build(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	jwks := serveJWKS(t, &key.PublicKey, "k1")
	api := newRuntimeAPI(t)
	stdout := start(t, bin, api, map[string]string{
		"AUTHZ_ISSUER": issuer, "AUTHZ_JWKS_URL": jwks, "AUTHZ_AUDIENCES": clientID, "AUTHZ_TOKEN_USE": "access",
		"AUTHZ_ENTITLEMENTS":           `{"api/partner.read":["GET /partner/items"]}`,
		"AUTHZ_USAGE_IDENTIFIER_CLAIM": "client_id", "AUTHZ_LEEWAY_SECONDS": "0",
	})
	token := sign(t, key, jwt.MapClaims{"iss": issuer, "sub": "partner-1", "client_id": clientID,
		"token_use": "access", "scope": "api/partner.read", "iat": time.Now().Unix(),
		"exp": time.Now().Add(time.Hour).Unix()})

	ok := api.invoke(t, event("Bearer "+token, nil))
	require.False(t, ok.errored, string(ok.body))
	var resp struct {
		PrincipalID    string `json:"principalId"`
		PolicyDocument struct {
			Statement []struct{ Effect string }
		} `json:"policyDocument"`
		UsageIdentifierKey string `json:"usageIdentifierKey"`
	}
	require.NoError(t, json.Unmarshal(ok.body, &resp))
	assert.Equal(t, "partner-1", resp.PrincipalID)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect)
	assert.Equal(t, clientID, resp.UsageIdentifierKey)

	bare := api.invoke(t, event(token, nil))
	assert.False(t, bare.errored, "a bare JWT is accepted: %s", bare.body)

	for name, ev := range map[string]string{
		"no header":         event("", nil),
		"Basic scheme":      event("Basic "+token, nil),
		"both spellings":    event("Bearer "+token, map[string]string{"authorization": "Bearer x.y.z"}),
		"header sent twice": multiValue("Bearer "+token, "Bearer x.y.z"),
		"exp as a string": event("Bearer "+sign(t, key, jwt.MapClaims{"iss": issuer, "sub": "p", "client_id": clientID,
			"token_use": "access", "scope": "api/partner.read", "exp": fmt.Sprint(time.Now().Add(time.Hour).Unix())}), nil),
		"not JSON-shaped": `{"type":"REQUEST","methodArn":42}`,
	} {
		r := api.invoke(t, ev)
		assert.True(t, r.errored, "%s: %s", name, r.body)
		assert.JSONEq(t, `{"errorMessage":"Unauthorized","errorType":"errorString"}`, string(r.body),
			"%s: API Gateway answers 401 for exactly this error", name)
	}
	logs := stdout.String()
	assert.Contains(t, logs, `"decision":"allow"`)
	assert.Contains(t, logs, "disagree")
	assert.NotContains(t, logs, strings.Split(token, ".")[2], "no token in the logs")
}

func TestBinaryRefusesABadConfigurationAtStart(t *testing.T) {
	bin := build(t)
	for name, env := range map[string]map[string]string{
		"AUTHZ_MAX_TOKEN_BYTES":       {"AUTHZ_MAX_TOKEN_BYTES": "0"},
		"AUTHZ_JWKS_COOLDOWN_SECONDS": {"AUTHZ_JWKS_COOLDOWN_SECONDS": "0"},
		"AUTHZ_LEEWAY_SECONDS":        {"AUTHZ_LEEWAY_SECONDS": "-1"},
		"AUTHZ_ALGORITHMS":            {"AUTHZ_ALGORITHMS": "HS256"},
	} {
		env["AUTHZ_ISSUER"], env["AUTHZ_AUDIENCES"] = issuer, clientID
		env["AUTHZ_ENTITLEMENTS"] = `{"s":["GET /x"]}`
		cmd := exec.Command(bin)
		cmd.Env = []string{"AWS_LAMBDA_RUNTIME_API=127.0.0.1:1"}
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.Output()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, name)
		assert.Equal(t, 1, exit.ExitCode(), name)
		assert.Contains(t, string(out), name, "the log names the variable")
		assert.Contains(t, string(out), "allowed", "and says what is allowed")
	}
}

// build compiles the authorizer for this machine (Lambda runs the same source for arm64). It builds with the
// environment's own settings, as `go test` compiled the package's dependencies, so it reuses them: forcing
// CGO_ENABLED=0 here recompiled net and everything above it (jwx, aws-lambda-go), 8 CPU-s of a cold `make test`.
// The authorizer does not use cgo either way.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func start(t *testing.T, bin string, api *runtimeAPI, env map[string]string) *syncBuffer {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = []string{"AWS_LAMBDA_RUNTIME_API=" + api.addr, "AWS_LAMBDA_FUNCTION_NAME=authorizer"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return out
}

// event is an API Gateway REQUEST authorizer event with the Authorization header (when not empty) and extra headers.
func event(authorization string, extra map[string]string) string {
	headers := map[string]string{"Host": "abc123.execute-api.eu-west-1.amazonaws.com", "User-Agent": "curl/8.5.0"}
	if authorization != "" {
		headers["Authorization"] = authorization
	}
	for k, v := range extra {
		headers[k] = v
	}
	multi := map[string][]string{}
	for k, v := range headers {
		multi[k] = []string{v}
	}
	return eventJSON(headers, multi)
}

// multiValue is an event whose Authorization header was sent twice: headers keeps the last value.
func multiValue(values ...string) string {
	return eventJSON(map[string]string{"Authorization": values[len(values)-1]},
		map[string][]string{"Authorization": values})
}

func eventJSON(headers map[string]string, multi map[string][]string) string {
	b, err := json.Marshal(map[string]any{
		"type": "REQUEST", "methodArn": arn + "/GET/partner/items", "resource": "/partner/items",
		"path": "/partner/items", "httpMethod": "GET", "headers": headers, "multiValueHeaders": multi,
		"queryStringParameters": map[string]string{}, "pathParameters": map[string]string{},
		"stageVariables": map[string]string{},
		"requestContext": map[string]any{"accountId": "123456789012", "apiId": "abc123", "stage": "v1",
			"httpMethod": "GET", "resourcePath": "/partner/items", "requestId": "r-1"},
	})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func sign(t *testing.T, key *rsa.PrivateKey, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tok.Header["kid"] = "k1"
	s, err := tok.SignedString(key)
	require.NoError(t, err)
	return s
}

func serveJWKS(t *testing.T, pub *rsa.PublicKey, kid string) string {
	t.Helper()
	body := jwksBody(t, pub, kid)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body) }))
	t.Cleanup(srv.Close)
	return srv.URL + "/.well-known/jwks.json"
}

// jwksBody is a JWK Set holding pub as an RS256 signing key named kid.
func jwksBody(t *testing.T, pub *rsa.PublicKey, kid string) []byte {
	t.Helper()
	jwk, err := jwkset.NewJWKFromKey(pub, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{
		KID: kid, ALG: jwkset.AlgRS256, USE: jwkset.UseSig}})
	require.NoError(t, err)
	body, err := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{jwk.Marshal()}})
	require.NoError(t, err)
	return body
}

// runtimeAPI is the Lambda Runtime API's invocation loop (GET next, POST response or error), on loopback.
type runtimeAPI struct {
	addr    string
	events  chan invocation
	results chan result
}

type invocation struct{ id, body string }

type result struct {
	id      string
	errored bool
	body    []byte
	// delivered is when the function took the event (its GET next returned it), answered when its answer arrived.
	delivered, answered time.Time
}

func newRuntimeAPI(t *testing.T) *runtimeAPI {
	t.Helper()
	api := &runtimeAPI{events: make(chan invocation), results: make(chan result, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		select {
		case inv := <-api.events:
			w.Header().Set("Lambda-Runtime-Aws-Request-Id", inv.id)
			w.Header().Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(30*time.Second).UnixMilli()))
			w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:authorizer")
			_, _ = io.WriteString(w, inv.body)
		case <-r.Context().Done():
		}
	})
	answer := func(errored bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			api.results <- result{id: r.PathValue("id"), errored: errored, body: body}
			w.WriteHeader(http.StatusAccepted)
		}
	}
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", answer(false))
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", answer(true))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	api.addr = l.Addr().String()
	return api
}

var invocations int

// invoke hands the function one event and waits for its answer.
func (api *runtimeAPI) invoke(t *testing.T, body string) result {
	t.Helper()
	invocations++
	id := fmt.Sprint("req-", invocations)
	select {
	case api.events <- invocation{id: id, body: body}:
	case <-time.After(30 * time.Second):
		t.Fatal("the function never asked for the next invocation")
	}
	delivered := time.Now()
	select {
	case r := <-api.results:
		r.delivered, r.answered = delivered, time.Now()
		require.Equal(t, id, r.id)
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("the function never answered")
	}
	return result{}
}

// syncBuffer is the process's output, written by exec's copier while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
