package customdomain

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// truststore stores the CA bundle in a bucket that is versioned, encrypted, private and TLS-only, and returns the
// object's s3:// URI and version. The object waits for every bucket control, so it is never readable without them.
func (b *builder) truststore() (pulumi.StringOutput, pulumi.StringOutput, error) {
	a := b.args
	stateful := []pulumi.ResourceOption{b.parent, pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect)}
	bucket, err := s3.NewBucketV2(b.ctx, b.name+"-truststore", &s3.BucketV2Args{Tags: a.Tags}, stateful...)
	if err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("create truststore bucket: %w", err)
	}
	var controls []pulumi.Resource
	add := func(r pulumi.Resource, err error) error {
		controls = append(controls, r)
		return err
	}
	if err := add(s3.NewBucketPublicAccessBlock(b.ctx, b.name+"-truststore-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket: bucket.ID(), BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true),
		IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true),
	}, b.parent)); err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("block public access: %w", err)
	}
	if err := add(s3.NewBucketOwnershipControls(b.ctx, b.name+"-truststore-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, b.parent)); err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("disable ACLs: %w", err)
	}
	if err := add(s3.NewBucketVersioningV2(b.ctx, b.name+"-truststore-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, b.parent)); err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("enable versioning: %w", err)
	}
	sse := &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm: pulumi.String("AES256")}
	rule := &s3.BucketServerSideEncryptionConfigurationV2RuleArgs{ApplyServerSideEncryptionByDefault: sse}
	if k := a.MutualTLS.KmsKeyArn; k != nil {
		sse.SseAlgorithm, sse.KmsMasterKeyId = pulumi.String("aws:kms"), k
		rule.BucketKeyEnabled = pulumi.Bool(true)
	}
	if err := add(s3.NewBucketServerSideEncryptionConfigurationV2(b.ctx, b.name+"-truststore-encryption",
		&s3.BucketServerSideEncryptionConfigurationV2Args{
			Bucket: bucket.ID(), Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{rule},
		}, b.parent)); err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("encrypt bucket: %w", err)
	}
	if err := add(s3.NewBucketPolicy(b.ctx, b.name+"-truststore-tls-only", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(), Policy: bucket.Arn.ApplyT(tlsOnlyPolicy).(pulumi.StringOutput),
	}, b.parent, pulumi.DependsOn(controls[:1]))); err != nil { // a policy is refused until public access is blocked
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("attach bucket policy: %w", err)
	}
	object, err := s3.NewBucketObjectv2(b.ctx, b.name+"-truststore-bundle", &s3.BucketObjectv2Args{
		Bucket:      bucket.ID(),
		Key:         pulumi.String(TruststoreKey),
		Content:     pulumi.String(a.MutualTLS.TruststorePEM),
		ContentType: pulumi.String("application/x-pem-file"),
	}, b.parent, pulumi.DependsOn(controls))
	if err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("upload truststore: %w", err)
	}
	uri := pulumi.Sprintf("s3://%s/%s", bucket.Bucket, object.Key)
	return uri, object.VersionId, nil
}

// tlsOnlyPolicy denies every request to the bucket that does not use TLS (S3.5, cdk-nag S10).
func tlsOnlyPolicy(bucketArn string) (string, error) {
	out, err := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
			"Resource":  []string{bucketArn, bucketArn + "/*"},
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		}},
	})
	return string(out), err
}
