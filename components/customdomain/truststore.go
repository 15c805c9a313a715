package customdomain

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
)

// truststore stores the CA bundle in a bucket that is versioned, encrypted, private and TLS-only, and returns the
// object's s3:// URI and version. The object waits for every bucket control, so it is never readable without them.
func (b *builder) truststore() (pulumi.StringOutput, pulumi.StringOutput, error) {
	a := b.args
	stateful := []pulumi.ResourceOption{b.parent, pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect)}
	bucket, err := awsres.NewBucketV2(b.ctx, b.name+"-truststore", pulumi.Map{"tags": a.Tags}, stateful...)
	if err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("create truststore bucket: %w", err)
	}
	sse := pulumi.Map{"sseAlgorithm": pulumi.String("AES256")}
	rule := pulumi.Map{"applyServerSideEncryptionByDefault": sse}
	if k := a.MutualTLS.KmsKeyArn; k != nil {
		sse["sseAlgorithm"], sse["kmsMasterKeyId"] = pulumi.String("aws:kms"), k
		rule["bucketKeyEnabled"] = pulumi.Bool(true)
	}
	var controls []pulumi.Resource
	for _, c := range []struct {
		token, suffix, what string
		props               pulumi.Map
	}{
		{awsres.BucketPublicAccessBlockType, "public-access", "block public access", pulumi.Map{
			"blockPublicAcls": pulumi.Bool(true), "blockPublicPolicy": pulumi.Bool(true),
			"ignorePublicAcls": pulumi.Bool(true), "restrictPublicBuckets": pulumi.Bool(true)}},
		{awsres.BucketOwnershipControlsType, "ownership", "disable ACLs", pulumi.Map{
			"rule": pulumi.Map{"objectOwnership": pulumi.String("BucketOwnerEnforced")}}},
		{awsres.BucketVersioningV2Type, "versioning", "enable versioning", pulumi.Map{
			"versioningConfiguration": pulumi.Map{"status": pulumi.String("Enabled")}}},
		{awsres.BucketServerSideEncryptionConfigurationV2Type, "encryption", "encrypt bucket", pulumi.Map{
			"rules": pulumi.Array{rule}}},
	} {
		c.props["bucket"] = bucket.ID()
		r, err := awsres.NewBucketControl(b.ctx, c.token, b.name+"-truststore-"+c.suffix, c.props, b.parent)
		if err != nil {
			return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("%s: %w", c.what, err)
		}
		controls = append(controls, r)
	}
	policy, err := awsres.NewBucketControl(b.ctx, awsres.BucketPolicyType, b.name+"-truststore-tls-only", pulumi.Map{
		"bucket": bucket.ID(), "policy": bucket.Arn.ApplyT(tlsOnlyPolicy).(pulumi.StringOutput),
	}, b.parent, pulumi.DependsOn(controls[:1])) // a policy is refused until public access is blocked
	if err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, fmt.Errorf("attach bucket policy: %w", err)
	}
	object, err := awsres.NewBucketObjectv2(b.ctx, b.name+"-truststore-bundle", pulumi.Map{
		"bucket":      bucket.ID(),
		"key":         pulumi.String(TruststoreKey),
		"content":     pulumi.String(a.MutualTLS.TruststorePEM),
		"contentType": pulumi.String("application/x-pem-file"),
	}, b.parent, pulumi.DependsOn(append(controls, policy)))
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
