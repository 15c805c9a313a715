package logkey

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/kmskey"
)

// Args configures a LogKey.
type Args struct {
	// Description is the key's description. Optional; defaults to "Encrypts CloudWatch Logs log groups".
	Description string
	// DeletionWindowDays is how long a deleted key stays recoverable, 7 to 30. Optional; defaults to 30.
	DeletionWindowDays int
	// Tags are applied to the key. Optional.
	Tags pulumi.StringMap
}

// Validate reports every problem with the Args at once.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("logkey: args are required")
	}
	return errors.Join(kmskey.CheckDeletionWindow("DeletionWindowDays", a.DeletionWindowDays))
}

// LogKey is a KMS key for CloudWatch Logs.
type LogKey struct {
	pulumi.ResourceState

	// Arn is the key ARN to pass as a log group's KmsKeyId.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// KeyID is the key's id.
	KeyID pulumi.StringOutput `pulumi:"keyId"`
}

// New creates the key. Pass pulumi.Protect(true) in production: losing the key makes its log groups unreadable.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*LogKey, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("logkey %q: %w", name, err)
	}
	a := args.withDefaults()
	c := &LogKey{}
	if err := ctx.RegisterComponentResource("secure-apigw:logs:LogKey", name, c, opts...); err != nil {
		return nil, err
	}
	key, err := kmskey.New(ctx, name, kmskey.Spec{
		Description: a.Description, DeletionWindowDays: a.DeletionWindowDays, Tags: a.Tags, Policy: Policy,
	}, c)
	if err != nil {
		return nil, fmt.Errorf("logkey %q: %w", name, err)
	}
	c.Arn = key.Arn
	c.KeyID = key.KeyId
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"arn": key.Arn, "keyId": key.KeyId}); err != nil {
		return nil, err
	}
	return c, nil
}

// Policy returns the key policy: the account administers the key through IAM, and CloudWatch Logs in region may use
// it only for this account's log groups in that region.
func Policy(accountID, region string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			kmskey.AccountAdministersThroughIAM(accountID),
			map[string]any{
				"Sid":       "CloudWatchLogsUsesKeyForThisAccountsLogGroups",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": fmt.Sprintf("logs.%s.amazonaws.com", region)},
				"Action": []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
					"kms:Describe*"},
				"Resource": "*",
				"Condition": map[string]any{"ArnLike": map[string]any{
					"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:aws:logs:%s:%s:log-group:*", region, accountID),
				}},
			},
		},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}
