package baseline_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
)

const certificateType = "aws:acm/certificate:Certificate"

// rsaCertificate is a self-signed certificate with an RSA key of bits, as a user would import it.
func rsaCertificate(t *testing.T, bits int) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, bits)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "api.example.com"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// certificateSlugs are the rules judged on networkFixture's certificates and security groups, here.
var certificateSlugs = []string{"acm-transparency-logging", "acm-no-wildcard", "acm-rsa-key-length", "sg-described"}

func TestCertificateAndSecurityGroupRulesFollowTheirCatalogs(t *testing.T) {
	const sgType = "aws:ec2/securityGroup:SecurityGroup"
	undescribed := property.New(property.NewArray([]property.Value{property.New(property.NewMap(map[string]property.Value{
		"protocol": property.New("tcp"), "fromPort": property.New(443.0), "toPort": property.New(443.0),
		"cidrBlocks": property.New(property.NewArray([]property.Value{property.New("10.0.0.0/16")}))}))}))
	weak := rsaCertificate(t, 1024)
	strong := rsaCertificate(t, 2048)
	cases := []struct {
		name, slug string
		edit       func(rs []policyx.AnalyzerResource)
		want       baseline.Status
	}{
		{"as built", "acm-transparency-logging", func([]policyx.AnalyzerResource) {}, baseline.Pass},
		{"CT logging unset passes (checkov's missing result)", "acm-transparency-logging", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "options", nil)
		}, baseline.Pass},
		{"CT logging disabled", "acm-transparency-logging", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "options.certificateTransparencyLoggingPreference", val("DISABLED"))
		}, baseline.Fail},
		{"as built", "acm-no-wildcard", func([]policyx.AnalyzerResource) {}, baseline.Pass},
		{"wildcard name", "acm-no-wildcard", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "internal-certificate", "domainName", val("*.internal.example.com"))
		}, baseline.Fail},
		{"wildcard alternative name", "acm-no-wildcard", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "internal-certificate", "subjectAlternativeNames",
				val(property.NewArray([]property.Value{property.New("api.internal.example.com"), property.New("*.example.com")})))
		}, baseline.Fail},
		{"as built", "acm-rsa-key-length", func([]policyx.AnalyzerResource) {}, baseline.Pass},
		{"requested RSA_1024", "acm-rsa-key-length", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "keyAlgorithm", val("RSA_1024"))
		}, baseline.Fail},
		{"requested EC key", "acm-rsa-key-length", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "keyAlgorithm", val("EC_prime256v1"))
		}, baseline.Pass},
		{"imported 1024-bit RSA", "acm-rsa-key-length", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "keyAlgorithm", nil)
			mutate(t, rs, certificateType, "domain-certificate", "certificateBody", val(weak))
		}, baseline.Fail},
		{"imported 2048-bit RSA", "acm-rsa-key-length", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "keyAlgorithm", nil)
			mutate(t, rs, certificateType, "domain-certificate", "certificateBody", val(strong))
		}, baseline.Pass},
		{"imported body that is not a certificate", "acm-rsa-key-length", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, certificateType, "domain-certificate", "certificateBody", val("not PEM"))
		}, baseline.Fail},
		{"as built", "sg-described", func([]policyx.AnalyzerResource) {}, baseline.Pass},
		{"no group description and an undescribed rule (CKV_AWS_23)", "sg-described", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, sgType, "endpoint-sg", "description", nil)
			mutate(t, rs, sgType, "endpoint-sg", "ingress", &undescribed)
		}, baseline.Fail},
		{"a described group with an undescribed inline rule fails CKV_AWS_23", "sg-described", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, sgType, "endpoint-sg", "ingress", &undescribed)
		}, baseline.Fail},
		{"one-character group description (EC27)", "sg-described", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, sgType, "alb-sg", "description", val("x"))
		}, baseline.Fail},
	}
	failing := map[string]bool{}
	for _, c := range cases {
		failing[c.slug] = failing[c.slug] || c.want == baseline.Fail
		t.Run(c.slug+"/"+c.name, func(t *testing.T) {
			rs := networkFixture(t)
			c.edit(rs)
			assert.Equal(t, c.want, networkStatus(t, rs, c.slug))
		})
	}
	for _, slug := range certificateSlugs {
		assert.True(t, failing[slug], "rule %s has no failing fixture", slug)
	}
}
