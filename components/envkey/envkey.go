package envkey

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/kmskey"
)

// Args configures an EnvKey. Every field is optional.
type Args struct {
	// Description is the key's description. Optional; defaults to DefaultDescription.
	Description string
	// DeletionWindowDays is how long a deleted key stays recoverable, 7 to 30. Optional; defaults to 30.
	DeletionWindowDays int
	// Tags are applied to the key. Optional.
	Tags pulumi.StringMap
}

// Validate reports every problem with the Args at once.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("envkey: args are required")
	}
	return errors.Join(kmskey.CheckDeletionWindow("DeletionWindowDays", a.DeletionWindowDays))
}

// EnvKey is a KMS key for Lambda environment variables.
type EnvKey struct {
	pulumi.ResourceState

	// Arn is the key ARN to pass as gofunction.Args.EnvironmentKmsKeyArn.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// KeyID is the key's id.
	KeyID pulumi.StringOutput `pulumi:"keyId"`
}

// New creates the key. Pass pulumi.Protect(true) in production: without the key, the functions it serves cannot start.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*EnvKey, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("envkey %q: %w", name, err)
	}
	a := args.withDefaults()
	c := &EnvKey{}
	if err := ctx.RegisterComponentResource("secure-apigw:lambda:EnvKey", name, c, opts...); err != nil {
		return nil, err
	}
	key, err := kmskey.New(ctx, name, kmskey.Spec{
		Description: a.Description, DeletionWindowDays: a.DeletionWindowDays, Tags: a.Tags,
		Policy: func(accountID, _ string) (string, error) { return Policy(accountID) },
	}, c)
	if err != nil {
		return nil, fmt.Errorf("envkey %q: %w", name, err)
	}
	c.Arn = key.Arn
	c.KeyID = key.KeyId
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"arn": key.Arn, "keyId": key.KeyId}); err != nil {
		return nil, err
	}
	return c, nil
}

// Policy returns the key policy: the account administers and uses the key through IAM, nothing else.
func Policy(accountID string) (string, error) {
	b, err := json.Marshal(map[string]any{
		"Version":   "2012-10-17",
		"Statement": []any{kmskey.AccountAdministersThroughIAM(accountID)},
	})
	return string(b), err
}
