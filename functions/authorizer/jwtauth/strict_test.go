package jwtauth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// The cases aws-jwt-verify's own unit tests hold it to (tests/unit/jwt-verifier.test.ts, jwk.test.ts), and the ones
// where we are stricter on purpose. Each names the reason the verifier must give.

// rawClaims is a valid access token's claims as literal JSON, with members replaced ("" drops one) and extra raw
// members appended verbatim — the only way to write a string date or a duplicate member.
func rawClaims(replace map[string]string, extra ...string) string {
	now := time.Now()
	base := [][2]string{
		{"iss", fmt.Sprintf("%q", issuer)}, {"sub", `"user-1"`}, {"client_id", fmt.Sprintf("%q", clientID)},
		{"token_use", `"access"`}, {"scope", `"partner.read"`}, {"iat", fmt.Sprint(now.Unix())},
		{"exp", fmt.Sprint(now.Add(time.Hour).Unix())},
	}
	var members []string
	for _, m := range base {
		v, ok := replace[m[0]]
		if !ok {
			v = m[1]
		}
		if v != "" {
			members = append(members, fmt.Sprintf("%q:%s", m[0], v))
		}
	}
	return "{" + strings.Join(append(members, extra...), ",") + "}"
}

const rs256k1 = `{"alg":"RS256","kid":"k1"}`

func TestRejectsWhatAWSJWTVerifyRejects(t *testing.T) {
	k := newKeyring(t)
	inAnHour := fmt.Sprint(time.Now().Add(time.Hour).Unix())
	now := fmt.Sprint(time.Now().Unix())
	raw := func(header, payload string) string { return k.signRaw(t, "k1", "", header, payload) }
	attacker, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	embeddedJWK := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims())
		tok.Header["kid"] = "k1"
		tok.Header["jwk"] = map[string]any{"kty": "RSA", "n": "attacker", "e": "AQAB"}
		tok.Header["jku"] = "https://attacker.example/jwks.json"
		s, err := tok.SignedString(attacker)
		require.NoError(t, err)
		return s
	}()

	tests := []struct {
		name  string
		token string
		want  error
	}{
		// Dates are JSON numbers (RFC 7519 §2 NumericDate); aws-jwt-verify: "exp claim is not a number".
		{"exp as a numeric string", raw(rs256k1, rawClaims(map[string]string{"exp": `"` + inAnHour + `"`})), jwtauth.ErrMalformed},
		{"exp as a fractional string", raw(rs256k1, rawClaims(map[string]string{"exp": `"` + inAnHour + `.5"`})), jwtauth.ErrMalformed},
		{"exp null", raw(rs256k1, rawClaims(map[string]string{"exp": `null`})), jwtauth.ErrMalformed},
		{"exp boolean", raw(rs256k1, rawClaims(map[string]string{"exp": `true`})), jwtauth.ErrMalformed},
		{"exp beyond float64", raw(rs256k1, rawClaims(map[string]string{"exp": `1e400`})), jwtauth.ErrMalformed},
		{"nbf as a string", raw(rs256k1, rawClaims(nil, `"nbf":"`+now+`"`)), jwtauth.ErrMalformed},
		{"iat as a string", raw(rs256k1, rawClaims(map[string]string{"iat": `"` + now + `"`})), jwtauth.ErrMalformed},
		// Claims of the wrong JSON type.
		{"iss as a number", raw(rs256k1, rawClaims(map[string]string{"iss": `12345`})), jwtauth.ErrMalformed},
		{"sub as a number", raw(rs256k1, rawClaims(map[string]string{"sub": `12345`})), jwtauth.ErrMalformed},
		{"scope as a list", raw(rs256k1, rawClaims(map[string]string{"scope": `["partner.read"]`})), jwtauth.ErrMalformed},
		{"aud with a non-string member", raw(rs256k1, rawClaims(nil, `"aud":["`+clientID+`",5678]`)), jwtauth.ErrMalformed},
		{"aud as a number", raw(rs256k1, rawClaims(map[string]string{"client_id": ""}, `"aud":12345`)), jwtauth.ErrMalformed},
		{"aud list without an accepted client", raw(rs256k1, rawClaims(map[string]string{"client_id": ""}, `"aud":["a","b"]`)), jwtauth.ErrAudience},
		{"aud empty list", raw(rs256k1, rawClaims(map[string]string{"client_id": ""}, `"aud":[]`)), jwtauth.ErrAudience},
		{"payload is a JSON list", raw(rs256k1, `[1,2]`), jwtauth.ErrMalformed},
		{"payload is null", raw(rs256k1, `null`), jwtauth.ErrMalformed},
		{"header is a JSON list", raw(`["RS256"]`, rawClaims(nil)), jwtauth.ErrMalformed},
		// A member given twice: RFC 7515 §5.2 and RFC 7519 §4 allow refusing; we do, so no reader can disagree with us.
		{"duplicate claim", raw(rs256k1, rawClaims(nil, `"scope":"admin"`)), jwtauth.ErrMalformed},
		{"duplicate claim, one name escaped", raw(rs256k1, rawClaims(nil, `"\u0073cope":"admin"`)), jwtauth.ErrMalformed},
		{"invalid UTF-8 in a claim", raw(rs256k1, rawClaims(map[string]string{"sub": "\"user-\xff\""})), jwtauth.ErrMalformed},
		{"duplicate header member", raw(`{"alg":"RS256","kid":"k2","kid":"k1"}`, rawClaims(nil)), jwtauth.ErrMalformed},
		// kid is required, and a JWK's alg binds the token's.
		{"no kid", raw(`{"alg":"RS256"}`, rawClaims(nil)), jwtauth.ErrNoKeyID},
		{"empty kid", raw(`{"alg":"RS256","kid":""}`, rawClaims(nil)), jwtauth.ErrNoKeyID},
		{"kid not a string", raw(`{"alg":"RS256","kid":1}`, rawClaims(nil)), jwtauth.ErrMalformed},
		{"no alg", raw(`{"kid":"k1"}`, rawClaims(nil)), jwtauth.ErrAlgorithm},
		// RFC 7515 §4.1.11: a critical extension the recipient does not understand means reject; we understand none.
		{"crit with an unknown extension", raw(`{"alg":"RS256","kid":"k1","crit":["exp"],"exp":1}`, rawClaims(nil)), jwtauth.ErrCritical},
		{"crit b64 (unencoded payload)", raw(`{"alg":"RS256","kid":"k1","b64":false,"crit":["b64"]}`, rawClaims(nil)), jwtauth.ErrCritical},
		{"crit empty", raw(`{"alg":"RS256","kid":"k1","crit":[]}`, rawClaims(nil)), jwtauth.ErrCritical},
		// Keys come only from the configured JWKS, never from the token.
		{"embedded jwk and jku ignored", embeddedJWK, jwtauth.ErrSignature},
		{"8,193 bytes", tokenOfSize(t, k, jwtauth.DefaultMaxTokenBytes+1), jwtauth.ErrTooLarge},
	}
	v, err := jwtauth.NewVerifier(context.Background(), config(k))
	require.NoError(t, err)
	a, _ := newAuthorizer(t, config(k))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.Verify(tt.token)
			require.ErrorIs(t, err, tt.want)
			_, err = a.Handle(context.Background(), request("GET", "/partner/items", tt.token))
			assert.ErrorIs(t, err, jwtauth.ErrUnauthorized)
		})
	}
}

func TestKidAndAlgorithmBindToTheJWK(t *testing.T) {
	k := newKeyring(t)
	cfg := config(k)
	cfg.Algorithms = []string{"RS256", "RS384"}
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)

	noKid := k.signWith(t, "k1", jwt.SigningMethodRS384, claims(), func(h map[string]any) { delete(h, "kid") })
	_, err = v.Verify(noKid)
	assert.ErrorIs(t, err, jwtauth.ErrNoKeyID, "a kid-less RS384 token signed by the RS256 key is never tried against every key")

	_, err = v.Verify(k.signWith(t, "k1", jwt.SigningMethodRS384, claims(), nil))
	assert.ErrorIs(t, err, jwtauth.ErrAlgorithm, "the JWK says RS256: an RS384 token naming it is refused")

	k.jwkAlg["k2"] = "" // a JWK without alg: the token's alg must then be on the allow-list and fit the key
	k.jwkUse["e1"] = "enc"
	k.publish("k1", "k2", "e1")
	fresh, err := jwtauth.NewVerifier(context.Background(), cfg)
	require.NoError(t, err)
	_, err = fresh.Verify(k.signWith(t, "k2", jwt.SigningMethodRS384, claims(), nil))
	assert.NoError(t, err, "a JWK without alg verifies any allowed algorithm of its key type")
	_, err = fresh.Verify(k.signWith(t, "k2", jwt.SigningMethodPS256, claims(), nil))
	assert.ErrorIs(t, err, jwtauth.ErrAlgorithm, "PS256 is not on this allow-list")

	ecCfg := cfg
	ecCfg.Algorithms = []string{"RS256", "ES256"}
	ecv, err := jwtauth.NewVerifier(context.Background(), ecCfg)
	require.NoError(t, err)
	_, err = ecv.Verify(k.sign(t, "e1", claims()))
	assert.ErrorIs(t, err, jwtauth.ErrKeyUse, `a JWK published with use "enc" never verifies a signature`)
}

func TestAcceptsWhatAWSJWTVerifyAccepts(t *testing.T) {
	k := newKeyring(t)
	inAnHour := float64(time.Now().Add(time.Hour).Unix())
	raw := func(payload string) string { return k.signRaw(t, "k1", "", rs256k1, payload) }
	for _, tt := range []struct {
		name  string
		cfg   func(*jwtauth.Config)
		token string
	}{
		{"fractional exp", nil, raw(rawClaims(map[string]string{"exp": fmt.Sprint(inAnHour + 0.5)}))},
		{"aud list with the client", func(c *jwtauth.Config) { c.TokenUse = "" },
			raw(rawClaims(map[string]string{"client_id": "", "token_use": `"id"`}, `"aud":["someone-else","`+clientID+`"]`))},
		{"unicode values", nil, raw(rawClaims(map[string]string{"sub": `"ユーザー-\u00e9"`}))},
		{"8,191 bytes", nil, tokenOfSize(t, k, jwtauth.DefaultMaxTokenBytes-1)},
		{"8,192 bytes: the limit itself", nil, tokenOfSize(t, k, jwtauth.DefaultMaxTokenBytes)},
		{"typ JWT and unrelated header members", nil, k.signRaw(t, "k1", "", `{"typ":"JWT","alg":"RS256","kid":"k1","x-other":{"a":[1]}}`, rawClaims(nil))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(k)
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			v, err := jwtauth.NewVerifier(context.Background(), cfg)
			require.NoError(t, err)
			_, err = v.Verify(tt.token)
			assert.NoError(t, err)
		})
	}
}

// Claim names match exactly. Go's encoding/json would fill "scope" from "Scope", "SCOPE" or "ſcope" (U+017F folds to
// s), and JavaScript parsers have met "__proto__": none of them may widen what a token is entitled to.
func TestClaimNamesMatchExactly(t *testing.T) {
	k := newKeyring(t)
	a, _ := newAuthorizer(t, config(k))
	for _, extra := range []string{
		`"Scope":"admin"`, `"SCOPE":"admin"`, `"ſcope":"admin"`, `"scope\u0000":"admin"`,
		`"__proto__":{"scope":"admin"}`, `"constructor":{"prototype":{"scope":"admin"}}`,
	} {
		t.Run(extra, func(t *testing.T) {
			token := k.signRaw(t, "k1", "", rs256k1, rawClaims(nil, extra))
			resp, err := a.Handle(context.Background(), request("GET", "/admin/users", token))
			require.NoError(t, err, "a valid token with an extra claim is still valid")
			require.NotEmpty(t, resp.PolicyDocument.Statement)
			last := resp.PolicyDocument.Statement[len(resp.PolicyDocument.Statement)-1]
			assert.Equal(t, "Deny", last.Effect, "the extra claim granted nothing")
			assert.Equal(t, "partner.read", resp.Context["scope"])
		})
	}
	// The registered claims too: a valid value under another spelling is a missing claim, not a valid one.
	for name, value := range map[string]string{
		"Exp": fmt.Sprint(time.Now().Add(time.Hour).Unix()), "EXP": fmt.Sprint(time.Now().Add(time.Hour).Unix()),
		"Iss": fmt.Sprintf("%q", issuer), "Sub": `"user-1"`, "Client_ID": fmt.Sprintf("%q", clientID),
	} {
		token := k.signRaw(t, "k1", "", rs256k1, rawClaims(map[string]string{strings.ToLower(name): ""},
			fmt.Sprintf("%q:%s", name, value)))
		_, err := a.Handle(context.Background(), request("GET", "/partner/items", token))
		assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "%s does not stand in for %s", name, strings.ToLower(name))
	}
}

func TestScopesMatchWholeWords(t *testing.T) {
	k := newKeyring(t)
	a, _ := newAuthorizer(t, config(k))
	for _, scope := range []string{"partner.rea", "partner.readx", "xpartner.read", "partner.read/", "PARTNER.READ", "partner.read,admin"} {
		c := claims()
		c["scope"] = scope
		resp, err := a.Handle(context.Background(), request("GET", "/partner/items", k.sign(t, "k1", c)))
		require.NoError(t, err)
		require.Len(t, resp.PolicyDocument.Statement, 1, "scope %q", scope)
		assert.Equal(t, "Deny", resp.PolicyDocument.Statement[0].Effect, "scope %q is not partner.read", scope)
	}
	c := claims()
	c["scope"] = "other partner.read more"
	resp, err := a.Handle(context.Background(), request("GET", "/partner/items", k.sign(t, "k1", c)))
	require.NoError(t, err)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect, "scopes are separated by one space")
}

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). A scope
// claim written any other way is refused (401) as a TOKEN and as a REQUEST event: a reader splitting on other white
// space would grant scopes this one does not, or the other way round.
func TestScopeClaimSyntax(t *testing.T) {
	k := newKeyring(t)
	a, logs := newAuthorizer(t, config(k))
	refused := map[string]string{
		"tab":                   "other\tpartner.read",
		"newline":               "other\npartner.read",
		"carriage return":       "other\rpartner.read",
		"two spaces":            "other  partner.read",
		"leading space":         " partner.read",
		"trailing space":        "partner.read ",
		"no-break space U+00A0": "other\u00a0partner.read",
		"ideographic space":     "other\u3000partner.read",
		"vertical tab":          "other\u000bpartner.read",
		"form feed":             "other\u000cpartner.read",
		"double quote":          "partner.\"read",
		"backslash":             "partner.\\read",
		"non-ASCII letter":      "partnér.read",
		"empty":                 "",
		"only a space":          " ",
		"NUL":                   "partner.read\u0000",
	}
	for name, scope := range refused {
		for _, typ := range []string{"TOKEN", "REQUEST"} {
			logs.Reset()
			quoted, err := json.Marshal(scope)
			require.NoError(t, err)
			token := k.signRaw(t, "k1", "", rs256k1, rawClaims(map[string]string{"scope": string(quoted)}))
			req := request("GET", "/partner/items", token)
			if typ == "TOKEN" {
				req = jwtauth.Request{Type: "TOKEN", MethodArn: req.MethodArn, AuthorizationToken: "Bearer " + token}
			}
			_, err = a.Handle(context.Background(), req)
			assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "%s (%s): %q", name, typ, scope)
			assert.Contains(t, logs.String(), "claim scope", "%s (%s)", name, typ)
		}
	}
	// Every character the grammar allows, in tokens one space apart, is one scope each.
	var allowed []rune
	for r := rune(0x21); r <= 0x7e; r++ {
		if r != '"' && r != '\\' {
			allowed = append(allowed, r)
		}
	}
	c := claims()
	c["scope"] = string(allowed) + " partner.read , !"
	resp, err := a.Handle(context.Background(), request("GET", "/partner/items", k.sign(t, "k1", c)))
	require.NoError(t, err, logs.String())
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect)
}

// tokenOfSize is a valid token exactly n bytes long, padded with a filler claim (and, where base64 cannot land on n,
// a filler header member).
func tokenOfSize(t testing.TB, k *keyring, n int) string {
	t.Helper()
	for h := 0; h < 4; h++ {
		header := fmt.Sprintf(`{"alg":"RS256","kid":"k1","x":"%s"}`, strings.Repeat("h", h))
		probe := k.signRaw(t, "k1", "", header, rawClaims(nil, `"filler":""`))
		for pad := max(0, (n-len(probe))*3/4-4); pad <= (n-len(probe))*3/4+4; pad++ {
			token := k.signRaw(t, "k1", "", header, rawClaims(nil, `"filler":"`+strings.Repeat("f", pad)+`"`))
			if len(token) == n {
				return token
			}
		}
	}
	t.Fatalf("no token of exactly %d bytes", n)
	return ""
}
