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
