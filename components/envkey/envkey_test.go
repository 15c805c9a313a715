package envkey_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/envkey"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func TestKeyIsRotatedAndAdministeredOnlyThroughThisAccountsIAM(t *testing.T) {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := envkey.New(ctx, "env", &envkey.Args{Tags: pulumi.StringMap{"owner": pulumi.String("team")}}, pulumi.Protect(true))
		return err
	})
	require.NoError(t, err)
	assert.Empty(t, e.OwnershipProblems("secure-apigw:lambda:EnvKey", "env"))
	key := e.Named("aws:kms/key:Key", "env-key")
	require.NotNil(t, key)
	rotation, _ := key.Bool("enableKeyRotation")
	assert.True(t, rotation)
	window, _ := key.Num("deletionWindowInDays")
	assert.Equal(t, 30.0, window)
	assert.True(t, key.Protect, "protect is inherited from the component")
	assert.Equal(t, "team", key.Str("tags.owner"))
	assert.Contains(t, key.Str("description"), "environment variables")

	// No service principal: Lambda uses the key through the grant the deploying principal's CreateGrant makes.
	var doc struct {
		Statement []struct {
			Principal map[string]string
			Action    string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(key.Str("policy")), &doc))
	require.Len(t, doc.Statement, 1)
	assert.Equal(t, map[string]string{"AWS": "arn:aws:iam::123456789012:root"}, doc.Statement[0].Principal)
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	for _, args := range []*envkey.Args{nil, {DeletionWindowDays: 6}, {DeletionWindowDays: 31}} {
		e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
			_, err := envkey.New(ctx, "env", args)
			return err
		})
		require.Error(t, err)
		if args != nil {
			assert.ErrorContains(t, err, "DeletionWindowDays")
			assert.ErrorContains(t, err, "7 to 30")
		}
		assert.Empty(t, e.Resources())
	}
}
