// Package kmskey holds what the project's customer-managed KMS keys share: a symmetric key with rotation on, the
// longest deletion window by default, and a key policy built from the deploying account and region, which are known
// only once the provider runs.
package kmskey

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DefaultDeletionWindowDays is the longest window KMS allows: a key scheduled for deletion by mistake can be recovered
// for a month, and what it encrypts stays readable meanwhile.
const DefaultDeletionWindowDays = 30

// CheckDeletionWindow refuses a window KMS would refuse; 0 means the default.
func CheckDeletionWindow(field string, days int) error {
	if days != 0 && (days < 7 || days > 30) {
		return fmt.Errorf("%s: %d is out of range; allowed: 7 to 30", field, days)
	}
	return nil
}

// Spec describes one key.
type Spec struct {
	Description        string
	DeletionWindowDays int
	Tags               pulumi.StringMap
	// Policy builds the key policy from the account id and region.
	Policy func(accountID, region string) (string, error)
}

// New creates the key as a child of parent, named name+"-key".
func New(ctx *pulumi.Context, name string, spec Spec, component pulumi.Resource) (*kms.Key, error) {
	parent := pulumi.Parent(component)
	identity := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent)
	region := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, parent)
	policy := pulumi.All(identity.AccountId(), region.Name()).ApplyT(func(v []any) (string, error) {
		return spec.Policy(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	window := spec.DeletionWindowDays
	if window == 0 {
		window = DefaultDeletionWindowDays
	}
	key, err := kms.NewKey(ctx, name+"-key", &kms.KeyArgs{
		Description:          pulumi.String(spec.Description),
		DeletionWindowInDays: pulumi.Int(window),
		EnableKeyRotation:    pulumi.Bool(true),
		Policy:               policy,
		Tags:                 spec.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create key %q: %w", name, err)
	}
	return key, nil
}

// AccountAdministersThroughIAM is the statement AWS's default key policy holds: the account's IAM policies decide
// who may use and manage the key. Without it no IAM policy could grant anything on the key.
func AccountAdministersThroughIAM(accountID string) map[string]any {
	return map[string]any{
		"Sid":       "AccountAdministersKeyThroughIam",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": fmt.Sprintf("arn:aws:iam::%s:root", accountID)},
		"Action":    "kms:*",
		"Resource":  "*",
	}
}
