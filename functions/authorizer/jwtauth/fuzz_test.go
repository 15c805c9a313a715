package jwtauth_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// FuzzHandle throws arbitrary Authorization headers at the authorizer. Whatever the input: no panic, and either a
// 401 or — only for a token that verifies — a policy. A fuzzer cannot forge an RS256 signature, so any Allow from a
// fuzzed input would be a verification bypass.
func FuzzHandle(f *testing.F) {
	k := newKeyring(f)
	valid := k.sign(f, "k1", claims())
	parts := strings.Split(valid, ".")
	for _, seed := range []string{
		"Bearer " + valid, valid, "Bearer ", "Bearer a.b.c", "Bearer " + parts[0] + "." + parts[1] + ".",
		"Bearer " + parts[0] + ".." + parts[2], "Bearer eyJhbGciOiJub25lIn0.e30.", "Basic dXNlcjpwYXNz",
		"Bearer " + strings.Repeat("A", 9000),
		// The header and payload paths: crit, duplicates, string dates, escaped names, a list payload.
		"Bearer " + k.signRaw(f, "k1", "", `{"alg":"RS256","kid":"k1","crit":["x"]}`, rawClaims(nil)),
		k.signRaw(f, "k1", "", `{"alg":"RS256","kid":"k1","kid":"k2"}`, rawClaims(nil)),
		k.signRaw(f, "k1", "", rs256k1, rawClaims(map[string]string{"exp": `"1767225600"`})),
		k.signRaw(f, "k1", "", rs256k1, rawClaims(nil, `"\u0073cope":"admin"`)),
		k.signRaw(f, "k1", "", rs256k1, `[{"sub":"x"}]`),
	} {
		f.Add(seed)
	}
	a, _ := newAuthorizer(f, config(k))
	f.Fuzz(func(t *testing.T, header string) {
		req := request("GET", "/partner/items", "")
		req.Headers = map[string]string{"Authorization": header}
		resp, err := a.Handle(context.Background(), req)
		if err != nil {
			if !errors.Is(err, jwtauth.ErrUnauthorized) || err.Error() != "Unauthorized" {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !strings.Contains(header, valid) {
			t.Fatalf("a fuzzed header %q was authorized: %+v", header, resp)
		}
	})
}
