package jwtauth_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

// The Authorization header as API Gateway's own Cognito authorizer reads it: "Bearer <jwt>" with the scheme in any
// case, or the bare JWT; any other scheme is refused, and so is a request whose header spellings disagree.
func TestAuthorizationHeaderForms(t *testing.T) {
	k := newKeyring(t)
	a, logs := newAuthorizer(t, config(k))
	token := k.sign(t, "k1", claims())
	other := k.sign(t, "k2", claims())
	call := func(req jwtauth.Request) error {
		req.Type, req.MethodArn = "REQUEST", apiArn+"/GET/partner/items"
		_, err := a.Handle(context.Background(), req)
		return err
	}
	header := func(v string) jwtauth.Request {
		return jwtauth.Request{Headers: map[string]string{"Authorization": v}}
	}

	for _, v := range []string{"Bearer " + token, "bearer " + token, "BEARER " + token, "Bearer   " + token + "  ",
		token, " " + token + " ", "Bearer\t" + token} {
		assert.NoError(t, call(header(v)), "header %.20q… is accepted", v)
	}
	for _, v := range []string{"Basic " + token, "Token " + token, "Bearer", "Bearer ", "", "Bearer " + token + " extra",
		"Bearer Bearer " + token, "JWT " + token} {
		assert.ErrorIs(t, call(header(v)), jwtauth.ErrUnauthorized, "header %.20q… is refused", v)
	}

	// Both spellings: the same value is one header; different values are refused every time, whatever the map order.
	same := jwtauth.Request{Headers: map[string]string{"Authorization": "Bearer " + token, "authorization": "Bearer " + token}}
	assert.NoError(t, call(same))
	for range 32 {
		both := jwtauth.Request{Headers: map[string]string{"Authorization": "Bearer " + token, "authorization": "Bearer garbage"}}
		require.ErrorIs(t, call(both), jwtauth.ErrUnauthorized)
		both.Headers = map[string]string{"Authorization": "Bearer " + token, "AUTHORIZATION": "Bearer " + other}
		require.ErrorIs(t, call(both), jwtauth.ErrUnauthorized, "two valid tokens are still two answers")
	}
	assert.Contains(t, logs.String(), jwtauth.ErrAmbiguousHeader.Error())

	// A header sent twice arrives in multiValueHeaders; headers holds only the last.
	twice := jwtauth.Request{Headers: map[string]string{"Authorization": "Bearer " + token},
		MultiValueHeaders: map[string][]string{"Authorization": {"Bearer garbage", "Bearer " + token}}}
	assert.ErrorIs(t, call(twice), jwtauth.ErrUnauthorized)
	once := jwtauth.Request{Headers: map[string]string{"Authorization": "Bearer " + token},
		MultiValueHeaders: map[string][]string{"Authorization": {"Bearer " + token}}}
	assert.NoError(t, call(once))

	// A TOKEN authorizer gets the identity source's value alone, in the same forms.
	for _, v := range []string{"Bearer " + token, token} {
		_, err := a.Handle(context.Background(), jwtauth.Request{Type: "TOKEN", MethodArn: apiArn + "/GET/partner/items",
			AuthorizationToken: v})
		assert.NoError(t, err)
	}
	_, err := a.Handle(context.Background(), jwtauth.Request{Type: "TOKEN", MethodArn: apiArn + "/GET/partner/items",
		AuthorizationToken: "Basic " + token})
	assert.ErrorIs(t, err, jwtauth.ErrUnauthorized)
	assert.NotContains(t, logs.String(), token[len(token)-20:], "no token in the logs")
}
