package customdomain

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/secure-apigw/secure-apigw/components/internal/acmcert"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
	"github.com/secure-apigw/secure-apigw/components/internal/sourcevpce"
)

var (
	certArnPattern  = regexp.MustCompile(`^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):\d{12}:certificate/[0-9a-f-]{36}$`)
	basePathPattern = regexp.MustCompile(`^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$`)
)

// Validate reports every problem at once, each naming its field and what is allowed.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("customdomain: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if !netcheck.IsDNSName(a.DomainName) {
		bad("DomainName: %q is not a fully qualified lower-case domain name like api.example.com (no wildcard, "+
			"no trailing dot)", a.DomainName)
	}
	edge := false
	switch a.endpointType() {
	case Regional:
	case Edge:
		edge = true
	case Private:
	default:
		bad("EndpointType: %q is not allowed; allowed: REGIONAL, EDGE, PRIVATE", a.EndpointType)
	}
	if !netcheck.IsRegion(a.Region) {
		bad("Region: %q is not an AWS region name (e.g. eu-west-1)", a.Region)
	}
	a.validateZone(bad)
	errs = append(errs, a.validatePrivate()...)
	a.validateCertificate(edge, bad)
	switch p := a.SecurityPolicy; {
	case p == "" || p == DefaultSecurityPolicy:
	case p == "TLS_1_0":
		bad("SecurityPolicy: TLS_1_0 accepts TLS 1.0 clients (CKV_AWS_206); allowed: TLS_1_2")
	case strings.HasPrefix(p, "SecurityPolicy_"):
		bad("SecurityPolicy: %q is an enhanced policy, which AWS accepts only with an endpoint access mode that "+
			"pulumi-aws v6.83.4's DomainName cannot set; allowed: TLS_1_2 (it already accepts TLS 1.3)", p)
	default:
		bad("SecurityPolicy: %q is not allowed; allowed: TLS_1_2", p)
	}
	if len(a.Mappings) == 0 {
		bad("Mappings: at least one API stage must be mapped")
	}
	seen := map[string]bool{}
	for i, m := range a.Mappings {
		if m.BasePath != "" && !basePathPattern.MatchString(m.BasePath) {
			bad("Mappings[%d].BasePath: %q is not allowed; use segments of letters, digits, '.', '_', '~', '-' "+
				"separated by '/', without leading or trailing '/'", i, m.BasePath)
		}
		if seen[m.BasePath] {
			bad("Mappings[%d].BasePath: %q is mapped twice", i, m.BasePath)
		}
		seen[m.BasePath] = true
		if m.RestAPIID == nil || m.StageName == nil {
			bad("Mappings[%d]: RestAPIID and StageName are required", i)
		}
	}
	if a.MutualTLS != nil {
		if a.endpointType() != Regional {
			bad("MutualTLS: mutual TLS works on REGIONAL domains only; EndpointType is %s", a.endpointType())
		}
		if err := checkTruststore(a.MutualTLS.TruststorePEM); err != nil {
			bad("MutualTLS.TruststorePEM: %v", err)
		}
	}
	return errors.Join(errs...)
}

func (a *Args) validateZone(bad func(string, ...any)) {
	// A PRIVATE domain's records go to the private zone: the public one only validates a requested certificate.
	publicRecords := a.records() && a.endpointType() != Private
	switch {
	case a.ZoneName != "" && a.ZoneID != "":
	case a.ZoneName == "" && a.ZoneID == "" && a.endpointType() == Private && a.CertificateArn == "":
		bad("ZoneName: a public hosted zone is required to validate the requested certificate (ACM resolves the " +
			"validation record publicly); or give CertificateArn")
	case a.ZoneName == "" && a.ZoneID == "" && (a.CertificateArn == "" || publicRecords):
		bad("ZoneName: a hosted zone (ZoneName or ZoneID) is required to validate the certificate and hold the " +
			"alias records; without one, give CertificateArn and set Records to false")
	}
	for _, err := range acmcert.CheckZone("ZoneName", "ZoneID", a.ZoneName, a.ZoneID, "DomainName", a.DomainName) {
		bad("%v", err)
	}
}

// validatePrivate checks the fields only a PRIVATE domain takes.
func (a *Args) validatePrivate() []error {
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if a.endpointType() != Private {
		if len(a.VpcEndpointIDs) > 0 {
			bad("VpcEndpointIDs: only a PRIVATE domain takes VPC endpoints; EndpointType is %s", a.endpointType())
		}
		if a.PrivateZoneName != "" || a.PrivateZoneID != "" {
			bad("PrivateZoneName: only a PRIVATE domain has a private zone; EndpointType is %s", a.endpointType())
		}
		if a.EndpointDNS != nil {
			bad("EndpointDNS: only a PRIVATE domain aliases a VPC endpoint; EndpointType is %s", a.endpointType())
		}
		return errs
	}
	errs = append(errs, sourcevpce.CheckIDs("VpcEndpointIDs", "PRIVATE domain", a.VpcEndpointIDs)...)
	switch {
	case a.PrivateZoneName == "" && a.PrivateZoneID == "" && a.records():
		bad("PrivateZoneName: a private hosted zone (PrivateZoneName or PrivateZoneID) associated with the " +
			"callers' VPC is required to hold the alias record; or set Records to false")
	}
	errs = append(errs, acmcert.CheckZone("PrivateZoneName", "PrivateZoneID", a.PrivateZoneName, a.PrivateZoneID,
		"DomainName", a.DomainName)...)
	if a.records() && (a.EndpointDNS == nil || a.EndpointDNS.Name == nil || a.EndpointDNS.ZoneID == nil) {
		bad("EndpointDNS: required (the execute-api endpoint's DNS name and hosted zone) for the alias record; " +
			"or set Records to false")
	}
	return errs
}

func (a *Args) validateCertificate(edge bool, bad func(string, ...any)) {
	want := a.Region
	if edge {
		want = EdgeCertificateRegion
	}
	if a.CertificateArn != "" {
		m := certArnPattern.FindStringSubmatch(a.CertificateArn)
		switch {
		case m == nil:
			bad("CertificateArn: %q is not an ACM certificate ARN", a.CertificateArn)
		case m[2] != want:
			bad("CertificateArn: the certificate is in %s; a %s domain needs one in %s", m[2], a.endpointType(), want)
		}
	}
	switch {
	case edge && a.CertificateArn == "" && a.EdgeProvider == nil:
		bad("EdgeProvider: an EDGE domain's certificate is requested in us-east-1: pass an AWS provider for " +
			"us-east-1 (or an existing certificate in CertificateArn)")
	case !edge && a.EdgeProvider != nil:
		bad("EdgeProvider: only an EDGE domain without CertificateArn uses it; EndpointType is %s", a.endpointType())
	case edge && a.CertificateArn != "" && a.EdgeProvider != nil:
		bad("EdgeProvider: not used when CertificateArn is given")
	}
}

// checkTruststore accepts one or more PEM CERTIFICATE blocks that parse as X.509, and nothing else.
func checkTruststore(bundle string) error {
	rest := []byte(bundle)
	n := 0
	for {
		block, next := pem.Decode(rest)
		if block == nil {
			break
		}
		n++
		if block.Type != "CERTIFICATE" {
			return fmt.Errorf("block %d is a %s, not a CERTIFICATE (never put a private key in a truststore)", n,
				block.Type)
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return fmt.Errorf("block %d is not an X.509 certificate: %v", n, err)
		}
		rest = next
	}
	switch {
	case n == 0:
		return errors.New("required: at least one PEM CA certificate")
	case strings.TrimSpace(string(rest)) != "":
		return errors.New("text after the last certificate is not PEM")
	}
	return nil
}
