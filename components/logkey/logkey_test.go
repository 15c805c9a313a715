package logkey_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/logkey"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

func TestKeyLetsOnlyThisAccountsLogGroupsUseIt(t *testing.T) {
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := logkey.New(ctx, "logs", &logkey.Args{}, pulumi.Protect(true))
		return err
	})
	require.NoError(t, err)
	assert.Empty(t, e.OwnershipProblems("secure-apigw:logs:LogKey", "logs"))
	key := e.Named("aws:kms/key:Key", "logs-key")
	rotation, _ := key.Bool("enableKeyRotation")
	assert.True(t, rotation)
	window, _ := key.Num("deletionWindowInDays")
	assert.Equal(t, 30.0, window)
	assert.True(t, key.Protect, "protect is inherited from the component")

	var doc struct {
		Statement []struct {
			Principal map[string]string
			Condition map[string]map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(key.Str("policy")), &doc))
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, "arn:aws:iam::123456789012:root", doc.Statement[0].Principal["AWS"])
	assert.Equal(t, "logs.us-east-1.amazonaws.com", doc.Statement[1].Principal["Service"])
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:*",
		doc.Statement[1].Condition["ArnLike"]["kms:EncryptionContext:aws:logs:arn"])
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	for _, args := range []*logkey.Args{nil, {DeletionWindowDays: 3}} {
		e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
			_, err := logkey.New(ctx, "logs", args)
			return err
		})
		require.Error(t, err)
		assert.Empty(t, e.Resources())
	}
	assert.ErrorContains(t, (&logkey.Args{DeletionWindowDays: 31}).Validate(), "DeletionWindowDays")
}
