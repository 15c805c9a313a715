//go:build integration

package jwtauth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
	"github.com/secure-apigw/secure-apigw/internal/motoserver"
)

// TestRealCognitoTokenThroughTheAuthorizer signs a user in to a Cognito user pool (moto's emulator: real RS256 JWTs,
// real JWKS) and runs the token through the authorizer exactly as deployed: the expected issuer in its real-AWS form,
// the JWKS fetched from the emulator's address.
func TestRealCognitoTokenThroughTheAuthorizer(t *testing.T) {
	endpoint := motoserver.Start(t)
	ctx := context.Background()
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("eu-west-1"),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
	require.NoError(t, err)
	idp := cip.NewFromConfig(cfg, func(o *cip.Options) { o.BaseEndpoint = aws.String(endpoint) })

	pool, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("integration")})
	require.NoError(t, err)
	poolID := aws.ToString(pool.UserPool.Id)
	client, err := idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(poolID), ClientName: aws.String("partner"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserPasswordAuth},
	})
	require.NoError(t, err)
	clientID := aws.ToString(client.UserPoolClient.ClientId)
	_, err = idp.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(poolID),
		Username: aws.String("alice"), TemporaryPassword: aws.String("Tmp-Passw0rd!"),
		MessageAction: types.MessageActionTypeSuppress})
	require.NoError(t, err)
	_, err = idp.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: aws.String(poolID),
		Username: aws.String("alice"), Password: aws.String("Perm-Passw0rd!-2026"), Permanent: true})
	require.NoError(t, err)
	auth, err := idp.InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: aws.String(clientID),
		AuthFlow:       types.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": "Perm-Passw0rd!-2026"}})
	require.NoError(t, err)
	access := aws.ToString(auth.AuthenticationResult.AccessToken)
	id := aws.ToString(auth.AuthenticationResult.IdToken)

	authzCfg := jwtauth.Config{
		Issuer:       "https://cognito-idp.eu-west-1.amazonaws.com/" + poolID,
		JWKSURL:      endpoint + "/" + poolID + "/.well-known/jwks.json",
		Audiences:    []string{clientID},
		TokenUse:     "access",
		Entitlements: map[string][]string{"aws.cognito.signin.user.admin": {"GET /partner/items"}},
	}
	a, logs := newAuthorizer(t, authzCfg)

	resp, err := a.Handle(ctx, request("GET", "/partner/items", access))
	require.NoError(t, err, logs.String())
	require.NotEmpty(t, resp.PolicyDocument.Statement)
	assert.Equal(t, "Allow", resp.PolicyDocument.Statement[0].Effect)
	assert.Equal(t, clientID, resp.Context["clientId"])
	assert.NotEmpty(t, resp.PrincipalID)

	_, err = a.Handle(ctx, request("GET", "/partner/items", id))
	assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "an ID token is refused where access tokens are required")

	parts := strings.Split(access, ".")
	_, err = a.Handle(ctx, request("GET", "/partner/items", parts[0]+"."+parts[1]+"x."+parts[2]))
	assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "a tampered token is refused")

	other := authzCfg
	other.Audiences = []string{"another-client"}
	b, _ := newAuthorizer(t, other)
	_, err = b.Handle(ctx, request("GET", "/partner/items", access))
	assert.ErrorIs(t, err, jwtauth.ErrUnauthorized, "a token for another client is refused")
	assert.NotContains(t, logs.String(), parts[2], "the token never reaches the logs")
}
