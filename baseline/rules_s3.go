package baseline

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

const (
	// Both bucket types are Terraform's aws_s3_bucket, which the catalogs judge: BucketV2 (the v6 type) and the legacy
	// Bucket with its inline versioning and policy.
	typeBucket         = "aws:s3/bucketV2:BucketV2"
	typeLegacyBucket   = "aws:s3/bucket:Bucket"
	typePublicAccess   = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeVersioning     = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	typeBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
	typeOwnership      = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	publicAccessFields = "blockPublicAcls blockPublicPolicy ignorePublicAcls restrictPublicBuckets"
)

var bucketTypes = []string{typeBucket, typeLegacyBucket}

func s3Rules() []Rule {
	return []Rule{
		{
			Slug: "s3-public-access",
			// checkov S3BlockPublicACLs/Policy, S3IgnorePublicACLs, S3RestrictPublicBuckets: each field true on every
			// public access block (absent fails). cdk-nag S2 (S3BucketLevelPublicAccessProhibited.ts, since 579f3c9):
			// a bucket's block, when it has one, has all four true; a bucket with none is compliant (S3 has blocked
			// public access on new buckets by default since April 2023). Security Hub S3.8 judges the deployed
			// bucket's settings. A bucket with no block fails here, and its message says it is stricter.
			IDs:         []string{"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "cdk-nag S2", "Security Hub S3.8"},
			Description: "Every S3 bucket has a public access block with all four settings on.",
			Fix:         "add a BucketPublicAccessBlock naming the bucket, with every setting true (components/customdomain does)",
			Types:       append([]string{typePublicAccess}, bucketTypes...),
			checkStack:  checkPublicAccess,
		},
		{
			Slug: "s3-versioning",
			// checkov S3BucketVersioning.yaml: aws_s3_bucket versioning.enabled true, or a connected
			// aws_s3_bucket_versioning with status Enabled; absent fails.
			IDs:         []string{"CKV_AWS_21"},
			Description: "Every S3 bucket has versioning Enabled.",
			Fix:         "add a BucketVersioningV2 naming the bucket, with status Enabled",
			Types:       bucketTypes,
			checkStack:  checkVersioning,
		},
		{
			Slug: "s3-tls-only",
			// cdk-nag S3BucketSSLRequestsOnly.ts, Security Hub S3.5: a policy of the bucket (its `bucket` input names
			// it) has a statement denying s3:* (or *) to every principal when aws:SecureTransport is "false", whose
			// Resource list covers the bucket's ARN and ARN/*.
			IDs:         []string{"cdk-nag S10", "Security Hub S3.5"},
			Description: "Every S3 bucket's policy denies requests that do not use TLS, on the bucket and its objects.",
			Fix:         "add a Deny s3:* statement on the bucket's ARN and ARN/* with Bool aws:SecureTransport \"false\" (components/customdomain does)",
			Types:       bucketTypes,
			checkStack:  checkTLSOnly,
		},
		{
			Slug: "s3-acls-disabled",
			// checkov AWSdisableS3ACL.yaml: evaluated on ownership controls only — object_ownership BucketOwnerEnforced.
			IDs:           []string{"CKV2_AWS_65"},
			Description:   "Every S3 ownership control is BucketOwnerEnforced (ACLs disabled).",
			Fix:           "set rule.objectOwnership BucketOwnerEnforced",
			Types:         []string{typeOwnership},
			checkResource: checkOwnership,
		},
	}
}

func buckets(all []res) []res {
	return append(ofType(all, typeBucket), ofType(all, typeLegacyBucket)...)
}

// forBucket are the configuration resources of type typ whose `bucket` input names bucket: by reference, or by the
// bucket's explicit name.
func forBucket(all []res, bucket res, typ string) []res {
	var out []res
	for _, r := range ofType(all, typ) {
		if r.refersTo("bucket", bucket, bucket.str("bucket")) {
			out = append(out, r)
		}
	}
	return out
}

func allPublicAccessBlocked(p res) bool {
	for _, f := range strings.Fields(publicAccessFields) {
		if on, _ := p.boolean(f, true); !on {
			return false
		}
	}
	return true
}

func checkPublicAccess(all []res) []violation {
	var out []violation
	for _, b := range buckets(all) {
		blocks := forBucket(all, b, typePublicAccess)
		switch {
		case slices.ContainsFunc(blocks, allPublicAccessBlocked):
		case len(blocks) == 0:
			out = append(out, violation{b.URN, fmt.Sprintf("bucket %s has no public access block", b.Name) +
				stricterThan("cdk-nag S2 and CKV_AWS_53–56", "pass a bucket with no block (S3's own default blocks new buckets)")})
		default:
			out = append(out, violation{b.URN, fmt.Sprintf("bucket %s has no public access block with all four settings on", b.Name)})
		}
	}
	for _, p := range ofType(all, typePublicAccess) {
		if !allPublicAccessBlocked(p) {
			out = append(out, violation{p.URN, fmt.Sprintf("public access block %s leaves a setting off", p.Name)})
		}
	}
	return out
}

// inlineVersioning is the legacy Bucket's versioning.enabled or BucketV2's versionings.0.enabled.
func inlineVersioning(b res) bool {
	path := "versioning.enabled"
	if b.Type == typeBucket {
		path = "versionings.0.enabled"
	}
	on, _ := b.boolean(path, true)
	return on
}

func checkVersioning(all []res) []violation {
	var out []violation
	for _, b := range buckets(all) {
		enabled := func(v res) bool {
			return v.str("versioningConfiguration.status") == "Enabled" || v.unknown("versioningConfiguration.status")
		}
		if !inlineVersioning(b) && !slices.ContainsFunc(forBucket(all, b, typeVersioning), enabled) {
			msg := fmt.Sprintf("bucket %s has no versioning Enabled", b.Name)
			if slices.ContainsFunc(ofType(all, typeVersioning), func(v res) bool {
				return enabled(v) && slices.Contains(v.Dependencies, b.URN)
			}) {
				msg += stricterThan("CKV_AWS_21", "counts a versioning resource connected to the bucket by any reference; this one depends on the bucket but names another in its bucket input")
			}
			out = append(out, violation{b.URN, msg})
		}
	}
	return out
}

func checkTLSOnly(all []res) []violation {
	var out []violation
	for _, b := range buckets(all) {
		// The bucket's own policy input, then every BucketPolicy naming it.
		policies := append([]res{b}, forBucket(all, b, typeBucketPolicy)...)
		var why []string
		holds := false
		for _, p := range policies {
			reasons, ok := deniesInsecureTransport(p, b, all)
			holds = holds || ok
			why = append(why, reasons...)
		}
		if !holds {
			msg := fmt.Sprintf("bucket %s has no policy denying plain-HTTP requests on the bucket and its objects", b.Name)
			if len(why) > 0 {
				msg += " (" + strings.Join(why, "; ") + ")"
			}
			out = append(out, violation{b.URN, msg})
		}
	}
	return out
}

var bucketARN = regexp.MustCompile(`^arn:aws[a-z-]*:s3:::([^/*]+)$`)

// bucketNames are the names a bucket is known by before deploy: its explicit name, and the name in its ARN when the
// recording knows it.
func bucketNames(b res) []string {
	var names []string
	if n := b.str("bucket"); n != "" {
		names = append(names, n)
	}
	if m := bucketARN.FindStringSubmatch(b.str("arn")); m != nil {
		names = append(names, m[1])
	}
	return names
}

// coversBucket reports whether resources name bucket's ARN and ARN/*, as S10 asks. The bucket's ARN is known by its
// explicit name; when the policy was built from the bucket's outputs (its policy input depends on the bucket), the
// ARN's value is the provider's, so a bucket ARN listed with its /* counts — but only a pair that names no other
// bucket of the stack (a pair naming bucket B is B's, whatever the policy depends on), and only if there are as
// many such pairs as buckets the policy is built from: a policy built from buckets A and B that covers one of them
// may cover A only.
func coversBucket(resources []string, policy, bucket res, all []res) bool {
	fromBucket := policy.URN != bucket.URN && policy.inputFrom("policy", bucket.URN)
	sources := 0
	var others []string
	for _, other := range buckets(all) {
		if policy.inputFrom("policy", other.URN) {
			sources++
		}
		if other.URN != bucket.URN {
			others = append(others, bucketNames(other)...)
		}
	}
	names := bucketNames(bucket)
	pairs := 0
	for _, r := range resources {
		m := bucketARN.FindStringSubmatch(r)
		if m == nil || !slices.Contains(resources, r+"/*") {
			continue
		}
		if slices.Contains(names, m[1]) {
			return true
		}
		if !slices.Contains(others, m[1]) {
			pairs++
		}
	}
	return fromBucket && pairs >= sources
}

// deniesInsecureTransport reports whether policy p holds S10's statement for bucket b, and otherwise why each of
// its Deny statements is not it. S10 (S3BucketSSLRequestsOnly.ts): Effect "Deny"; Action "*" or, lower-cased,
// "s3:*" (so "S3:*" too); Principal "*", or AWS "*" alone or in a list (no other form); Condition Bool
// aws:SecureTransport "false" or false; Resource a list holding b's ARN and ARN/*. A policy known only after
// deploy is judged then.
func deniesInsecureTransport(p, b res, all []res) ([]string, bool) {
	if p.unknown("policy") {
		return nil, true
	}
	var why []string
	for i, s := range policyStatements(p) {
		if s["Effect"] != "Deny" {
			continue
		}
		reason := s10Mismatch(s, p, b, all)
		if reason == "" {
			return nil, true
		}
		why = append(why, fmt.Sprintf("%s statement %d: %s", p.Name, i, reason))
	}
	if len(why) == 0 && p.URN != b.URN {
		why = append(why, fmt.Sprintf("%s has no Deny statement", p.Name))
	}
	return why, false
}

// s10Mismatch says which part of Deny statement s is not S10's, or "".
func s10Mismatch(s map[string]any, p, b res, all []res) string {
	var principal []string
	switch pr := s["Principal"].(type) {
	case string:
		principal = []string{pr}
	case map[string]any:
		principal = anyStrings(pr["AWS"])
	}
	if !slices.Contains(principal, "*") {
		return fmt.Sprintf(`Principal %v is not "*" or {"AWS": "*"}`, s["Principal"])
	}
	if !slices.ContainsFunc(anyStrings(s["Action"]), func(a string) bool { return a == "*" || strings.ToLower(a) == "s3:*" }) {
		return fmt.Sprintf(`Action %v holds neither "s3:*" nor "*"`, s["Action"])
	}
	c, _ := s["Condition"].(map[string]any)
	cond, _ := c["Bool"].(map[string]any)
	if v := cond["aws:SecureTransport"]; v != "false" && v != false {
		return fmt.Sprintf(`Condition %v is not Bool aws:SecureTransport "false"`, s["Condition"])
	}
	resources, isList := s["Resource"].([]any)
	if !isList {
		return fmt.Sprintf("Resource %v is not a list", s["Resource"])
	}
	if !coversBucket(anyStrings(resources), p, b, all) {
		return fmt.Sprintf("Resource %v does not hold bucket %s's ARN and ARN/*", anyStrings(resources), b.Name)
	}
	return ""
}

func checkOwnership(r res, _ map[string]any) []string {
	if r.str("rule.objectOwnership") != "BucketOwnerEnforced" && !r.unknown("rule.objectOwnership") {
		return []string{fmt.Sprintf("ownership controls %s keep ACLs (%q)", r.Name, r.str("rule.objectOwnership"))}
	}
	return nil
}
