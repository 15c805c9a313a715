package awsres

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Tokens of the s3 resources this package registers, and the older ones the SDK aliases.
const (
	BucketV2Type                                  = "aws:s3/bucketV2:BucketV2"
	BucketPublicAccessBlockType                   = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	BucketOwnershipControlsType                   = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	BucketVersioningV2Type                        = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	BucketServerSideEncryptionConfigurationV2Type = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	BucketPolicyType                              = "aws:s3/bucketPolicy:BucketPolicy"
	BucketObjectv2Type                            = "aws:s3/bucketObjectv2:BucketObjectv2"

	bucketV1Type       = "aws:s3/bucket:Bucket"
	bucketObjectV1Type = "aws:s3/BucketObject:BucketObject"
)

// BucketV2 is aws:s3/bucketV2:BucketV2.
type BucketV2 struct {
	pulumi.CustomResourceState

	Arn    pulumi.StringOutput `pulumi:"arn"`
	Bucket pulumi.StringOutput `pulumi:"bucket"`
}

// NewBucketV2 registers a bucket, aliased to aws:s3/bucket:Bucket as the SDK does; props are s3.BucketV2Args'
// properties.
func NewBucketV2(ctx *pulumi.Context, name string, props pulumi.Map, opts ...pulumi.ResourceOption) (*BucketV2, error) {
	return newResource[BucketV2](ctx, BucketV2Type, name, props, append(opts, renamed(bucketV1Type)))
}

// BucketControl is one of a bucket's settings kept as a resource of its own: public access block, ownership
// controls, versioning, default encryption, policy.
type BucketControl struct {
	pulumi.CustomResourceState

	Bucket pulumi.StringOutput `pulumi:"bucket"`
}

// NewBucketControl registers a bucket setting of type token, one of BucketPublicAccessBlockType,
// BucketOwnershipControlsType, BucketVersioningV2Type, BucketServerSideEncryptionConfigurationV2Type and
// BucketPolicyType; props are that type's Args' properties.
func NewBucketControl(ctx *pulumi.Context, token, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*BucketControl, error) {
	return newResource[BucketControl](ctx, token, name, props, opts)
}

// BucketObjectv2 is aws:s3/bucketObjectv2:BucketObjectv2.
type BucketObjectv2 struct {
	pulumi.CustomResourceState

	Key       pulumi.StringOutput `pulumi:"key"`
	VersionId pulumi.StringOutput `pulumi:"versionId"`
}

// NewBucketObjectv2 registers an object, aliased to aws:s3/BucketObject:BucketObject as the SDK does; props are
// s3.BucketObjectv2Args' properties.
func NewBucketObjectv2(ctx *pulumi.Context, name string, props pulumi.Map,
	opts ...pulumi.ResourceOption) (*BucketObjectv2, error) {
	return newResource[BucketObjectv2](ctx, BucketObjectv2Type, name, props, append(opts, renamed(bucketObjectV1Type)))
}
