package customdomain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/internal/testca"
)

const (
	component      = "secure-apigw:apigateway:CustomDomain"
	certType       = "aws:acm/certificate:Certificate"
	validationType = "aws:acm/certificateValidation:CertificateValidation"
	domainType     = "aws:apigateway/domainName:DomainName"
	mappingType    = "aws:apigateway/basePathMapping:BasePathMapping"
	recordType     = "aws:route53/record:Record"
	bucketType     = "aws:s3/bucketV2:BucketV2"
	objectType     = "aws:s3/bucketObjectv2:BucketObjectv2"
)

func regional() *customdomain.Args {
	return &customdomain.Args{
		DomainName: "api.example.com",
		Region:     "us-east-1",
		ZoneName:   "example.com",
		Mappings: []customdomain.Mapping{{RestAPIID: pulumi.String("a1b2c3d4e5"),
			StageName: pulumi.String("v1").ToStringOutput()}},
	}
}

func run(t *testing.T, fn func(ctx *pulumi.Context) (*customdomain.Args, error)) *mockengine.Engine {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		a, err := fn(ctx)
		if err != nil {
			return err
		}
		_, err = customdomain.New(ctx, "public", a)
		return err
	})
	require.NoError(t, err)
	return e
}

func plain(a *customdomain.Args) func(*pulumi.Context) (*customdomain.Args, error) {
	return func(*pulumi.Context) (*customdomain.Args, error) { return a, nil }
}

func TestRegionalDomainWithAValidatedCertificateAndAliases(t *testing.T) {
	e := run(t, plain(regional()))
	assert.Empty(t, e.OwnershipProblems(component, "public"))

	cert := e.Named(certType, "public-certificate")
	require.NotNil(t, cert)
	assert.Equal(t, "api.example.com", cert.Str("domainName"))
	assert.Equal(t, "DNS", cert.Str("validationMethod"))
	assert.Equal(t, "RSA_2048", cert.Str("keyAlgorithm"))
	assert.Equal(t, "ENABLED", cert.Str("options.certificateTransparencyLoggingPreference"))
	assert.False(t, cert.DeleteBeforeReplace, "a replacement certificate is issued before the old one goes")

	zone := "Z" // the looked-up zone's id starts with Z
	record := e.Named(recordType, "public-certificate-validation")
	require.NotNil(t, record)
	assert.True(t, strings.HasPrefix(record.Str("zoneId"), zone))
	assert.Equal(t, "CNAME", record.Str("type"))
	assert.Equal(t, cert.Outputs["domainValidationOptions"].ArrayValue()[0].ObjectValue()["resourceRecordName"].StringValue(),
		record.Str("name"))
	assert.True(t, strings.HasSuffix(record.Str("records.0"), ".acm-validations.aws."))

	validation := e.ByType(validationType)[0]
	assert.True(t, validation.DependsOn(record) && validation.DependsOn(cert))
	assert.Equal(t, strings.TrimSuffix(record.Str("name"), "."), validation.Str("validationRecordFqdns.0"))

	domain := e.ByType(domainType)[0]
	assert.True(t, domain.DependsOn(validation), "the domain is created only once the certificate is issued")
	assert.Equal(t, cert.Outputs["arn"].StringValue(), domain.Str("regionalCertificateArn"))
	assert.Empty(t, domain.Str("certificateArn"))
	assert.Equal(t, "TLS_1_2", domain.Str("securityPolicy"), "CKV_AWS_206, set explicitly")
	assert.Equal(t, "REGIONAL", domain.Str("endpointConfiguration.types"))
	assert.Equal(t, "dualstack", domain.Str("endpointConfiguration.ipAddressType"), "so the AAAA alias answers")

	mapping := e.ByType(mappingType)[0]
	assert.Equal(t, "api.example.com", mapping.Str("domainName"))
	assert.Equal(t, "a1b2c3d4e5", mapping.Str("restApi"))
	assert.Equal(t, "v1", mapping.Str("stageName"))
	assert.Empty(t, mapping.Str("basePath"), "the root of the domain")

	for _, kind := range []string{"a", "aaaa"} {
		alias := e.Named(recordType, "public-alias-"+kind)
		require.NotNil(t, alias, kind)
		assert.Equal(t, strings.ToUpper(kind), alias.Str("type"))
		assert.Equal(t, "api.example.com", alias.Str("name"))
		assert.Equal(t, record.Str("zoneId"), alias.Str("zoneId"))
		assert.Equal(t, domain.Outputs["regionalDomainName"].StringValue(), alias.Str("aliases.0.name"))
		assert.Equal(t, domain.Outputs["regionalZoneId"].StringValue(), alias.Str("aliases.0.zoneId"))
	}
	assert.Empty(t, e.ByType(bucketType), "no truststore without mutual TLS")
}

func TestEdgeDomainRequestsItsCertificateInUsEast1ThroughTheCallersProvider(t *testing.T) {
	e := run(t, func(ctx *pulumi.Context) (*customdomain.Args, error) {
		p, err := aws.NewProvider(ctx, "us-east-1", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		a := regional()
		a.Region = "eu-west-1"
		a.EndpointType = customdomain.Edge
		a.EdgeProvider = p
		return a, err
	})
	cert := e.ByType(certType)[0]
	assert.Contains(t, cert.Provider, "us-east-1", "the certificate is requested through the caller's provider")
	assert.Contains(t, e.ByType(validationType)[0].Provider, "us-east-1")
	assert.Empty(t, e.Named(recordType, "public-certificate-validation").Provider, "Route53 is global")
	assert.Len(t, e.ByType("pulumi:providers:aws"), 1, "the component builds no provider of its own")

	domain := e.ByType(domainType)[0]
	assert.Equal(t, "EDGE", domain.Str("endpointConfiguration.types"))
	assert.True(t, strings.HasPrefix(domain.Str("certificateArn"), "arn:aws:acm:us-east-1:"))
	assert.Empty(t, domain.Str("regionalCertificateArn"))
	alias := e.Named(recordType, "public-alias-aaaa")
	assert.Equal(t, domain.Outputs["cloudfrontDomainName"].StringValue(), alias.Str("aliases.0.name"))
	assert.Equal(t, "Z2FDTNDATAQYW2", alias.Str("aliases.0.zoneId"))
}

func TestExistingCertificateIsUsedAsGiven(t *testing.T) {
	a := regional()
	a.CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
	a.ZoneName, a.ZoneID = "", "Z0123456789ABC"
	e := run(t, plain(a))
	assert.Empty(t, e.ByType(certType))
	assert.Empty(t, e.ByType(validationType))
	assert.Equal(t, a.CertificateArn, e.ByType(domainType)[0].Str("regionalCertificateArn"))
	assert.Equal(t, "Z0123456789ABC", e.Named(recordType, "public-alias-a").Str("zoneId"))
}

func TestMutualTLSTruststoreIsVersionedEncryptedAndPrivate(t *testing.T) {
	a := regional()
	a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: testca.PEM(t)}
	a.Mappings = append(a.Mappings, customdomain.Mapping{BasePath: "partners/v2",
		RestAPIID: pulumi.String("f6g7h8i9j0"), StageName: pulumi.String("v2")})
	e := run(t, plain(a))
	buckets := e.ByType(bucketType)
	require.Len(t, buckets, 1)
	bucket := buckets[0]
	byType := func(typ string) *mockengine.Resource {
		rs := e.ByType(typ)
		require.Len(t, rs, 1, typ)
		assert.Equal(t, bucket.ID, rs[0].Str("bucket"), typ)
		return rs[0]
	}
	pab := byType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		v, _ := pab.Bool(k)
		assert.True(t, v, k)
	}
	assert.Equal(t, "BucketOwnerEnforced", byType("aws:s3/bucketOwnershipControls:BucketOwnershipControls").Str("rule.objectOwnership"))
	assert.Equal(t, "Enabled", byType("aws:s3/bucketVersioningV2:BucketVersioningV2").Str("versioningConfiguration.status"))
	sse := byType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
	assert.Equal(t, "AES256", sse.Str("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
	policy := byType("aws:s3/bucketPolicy:BucketPolicy")
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(policy.Str("policy")), &doc))
	stmt := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "Deny", stmt["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, stmt["Condition"])
	assert.True(t, policy.DependsOn(pab))

	object := e.ByType(objectType)[0]
	assert.Equal(t, a.MutualTLS.TruststorePEM, object.Str("content"))
	for _, r := range []*mockengine.Resource{pab, sse, policy} {
		assert.True(t, object.DependsOn(r), "the bundle is uploaded only once %s is in place", r.Type)
	}
	domain := e.ByType(domainType)[0]
	assert.Equal(t, "s3://"+bucket.ID+"/truststore.pem", domain.Str("mutualTlsAuthentication.truststoreUri"))
	assert.Equal(t, object.Outputs["versionId"].StringValue(), domain.Str("mutualTlsAuthentication.truststoreVersion"),
		"a new bundle is a new version, which rolls the domain")
	assert.Equal(t, "partners/v2", e.Named(mappingType, "public-mapping-1").Str("basePath"))

	a.MutualTLS.KmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/abc")
	a.Protect = true
	e = run(t, plain(a))
	sse = e.ByType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")[0]
	assert.Equal(t, "aws:kms", sse.Str("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/abc", sse.Str("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"))
	assert.True(t, e.ByType(bucketType)[0].Protect)
}

func TestInvalidArgsAreRefusedAndRegisterNothing(t *testing.T) {
	with := func(mut func(a *customdomain.Args)) *customdomain.Args {
		a := regional()
		mut(a)
		return a
	}
	euCert := "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
	tests := []struct {
		name string
		args *customdomain.Args
		want []string
	}{
		{"nil", nil, []string{"args are required"}},
		{"domain", with(func(a *customdomain.Args) { a.DomainName = "*.example.com" }), []string{"DomainName"}},
		{"upper-case domain", with(func(a *customdomain.Args) { a.DomainName = "API.example.com" }), []string{"DomainName"}},
		{"no zone and no certificate", with(func(a *customdomain.Args) { a.ZoneName = "" }), []string{"ZoneName: a hosted zone"}},
		{"certificate but records need a zone", with(func(a *customdomain.Args) { a.ZoneName = ""; a.CertificateArn = euCert; a.Region = "eu-west-1" }),
			[]string{"ZoneName: a hosted zone"}},
		{"both zone forms", with(func(a *customdomain.Args) { a.ZoneID = "Z123" }), []string{"ZoneName, ZoneID"}},
		{"zone does not hold the name", with(func(a *customdomain.Args) { a.ZoneName = "example.org" }), []string{"does not contain"}},
		{"certificate in the wrong region", with(func(a *customdomain.Args) { a.CertificateArn = euCert }),
			[]string{"CertificateArn: the certificate is in eu-west-1; a REGIONAL domain needs one in us-east-1"}},
		{"edge certificate outside us-east-1", with(func(a *customdomain.Args) {
			a.EndpointType = customdomain.Edge
			a.Region = "eu-west-1"
			a.CertificateArn = euCert
		}),
			[]string{"needs one in us-east-1"}},
		{"edge without a us-east-1 provider", with(func(a *customdomain.Args) { a.EndpointType = customdomain.Edge }),
			[]string{"EdgeProvider", "us-east-1"}},
		{"TLS 1.0", with(func(a *customdomain.Args) { a.SecurityPolicy = "TLS_1_0" }), []string{"SecurityPolicy", "CKV_AWS_206"}},
		{"enhanced policy", with(func(a *customdomain.Args) { a.SecurityPolicy = "SecurityPolicy_TLS13_1_3_2025_09" }),
			[]string{"SecurityPolicy", "endpoint access mode"}},
		{"unknown endpoint type", with(func(a *customdomain.Args) { a.EndpointType = "GLOBAL" }), []string{"EndpointType"}},
		{"no mapping", with(func(a *customdomain.Args) { a.Mappings = nil }), []string{"Mappings: at least one"}},
		{"mapping twice", with(func(a *customdomain.Args) { a.Mappings = append(a.Mappings, a.Mappings[0]) }), []string{"mapped twice"}},
		{"base path", with(func(a *customdomain.Args) { a.Mappings[0].BasePath = "/v1" }), []string{"Mappings[0].BasePath"}},
		{"mtls without truststore", with(func(a *customdomain.Args) { a.MutualTLS = &customdomain.MutualTLS{} }),
			[]string{"MutualTLS.TruststorePEM: required"}},
		{"mtls with a key", with(func(a *customdomain.Args) {
			a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}
		}), []string{"never put a private key"}},
		{"mtls on edge", with(func(a *customdomain.Args) {
			a.EndpointType = customdomain.Edge
			a.CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
			a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: testca.PEM(t)}
		}), []string{"MutualTLS: mutual TLS works on REGIONAL domains only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { refused(t, tt.args, tt.want...) })
	}
}

// refused asserts that New refuses args with an error containing each of want, registering nothing.
func refused(t *testing.T, args *customdomain.Args, want ...string) {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := customdomain.New(ctx, "public", args)
		return err
	})
	require.Error(t, err)
	for _, w := range want {
		assert.Contains(t, err.Error(), w)
	}
	assert.Empty(t, e.Resources(), "nothing registered")
}
