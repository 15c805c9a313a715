// Package acmcert requests the DNS-validated ACM certificates components serve (a custom domain's, the private
// backend ALB's) and looks up the Route53 zones that validate them, the same way everywhere.
package acmcert

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// validationRecordTTL keeps the ACM validation CNAME short-lived in resolvers' caches.
const validationRecordTTL = 300

// Request asks ACM for a public RSA-2048 certificate for domain, validated through a CNAME record in the public
// hosted zone zoneID, and returns its ARN from the validation resource, so whatever serves it is created only once
// ACM has issued it. The resources are name-certificate, name-certificate-validation (the record) and
// name-certificate-validated. acmOpts (the caller's parent, and for EDGE a us-east-1 provider) apply to the ACM
// resources; the record, global, gets only parent.
func Request(ctx *pulumi.Context, name, domain string, zoneID pulumi.StringInput, tags pulumi.StringMap,
	parent pulumi.ResourceOption, acmOpts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	acmOpts = append([]pulumi.ResourceOption{parent}, acmOpts...)
	cert, err := acm.NewCertificate(ctx, name+"-certificate", &acm.CertificateArgs{
		DomainName:       pulumi.String(domain),
		ValidationMethod: pulumi.String("DNS"),
		KeyAlgorithm:     pulumi.String("RSA_2048"),
		Options: &acm.CertificateOptionsArgs{
			// Public CT logs are what let the domain's owner notice a certificate they did not ask for.
			CertificateTransparencyLoggingPreference: pulumi.String("ENABLED"),
		},
		Tags: tags,
	}, acmOpts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("request certificate: %w", err)
	}
	// One name, so one validation option: index 0 is known before the certificate exists, which keeps the record a
	// plain resource rather than one created inside an apply.
	option := cert.DomainValidationOptions.Index(pulumi.Int(0))
	record, err := awsres.NewRecord(ctx, name+"-certificate-validation", pulumi.Map{
		"zoneId":  zoneID,
		"name":    option.ResourceRecordName().Elem(),
		"type":    option.ResourceRecordType().Elem(),
		"records": pulumi.StringArray{option.ResourceRecordValue().Elem()},
		"ttl":     pulumi.Int(validationRecordTTL),
	}, parent)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("create certificate validation record: %w", err)
	}
	validation, err := acm.NewCertificateValidation(ctx, name+"-certificate-validated", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: pulumi.StringArray{record.Fqdn},
	}, acmOpts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("wait for certificate validation: %w", err)
	}
	return validation.CertificateArn, nil
}

// Zone is a hosted zone's id: id as given, or the public (or private) zone looked up by name; an empty output when
// neither is given.
func Zone(ctx *pulumi.Context, name, id string, private bool, opts ...pulumi.InvokeOption) pulumi.StringOutput {
	switch {
	case id != "":
		return pulumi.String(id).ToStringOutput()
	case name != "":
		return awsres.LookupZoneID(ctx, strings.TrimSuffix(name, "."), private, opts...)
	}
	return pulumi.StringOutput{}
}

var zoneIDPattern = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)

// CheckZone checks a zone given by name (nameField) or id (idField) that must hold domain (domainField): not both,
// a name that is a domain containing domain, an id shaped like Z…. Neither given is the caller's to judge.
func CheckZone(nameField, idField, name, id, domainField, domain string) []error {
	var errs []error
	if name != "" && id != "" {
		errs = append(errs, fmt.Errorf("%s, %s: give one of them, not both", nameField, idField))
	}
	if name != "" {
		zone := strings.TrimSuffix(name, ".")
		if !netcheck.IsDNSName(zone) {
			errs = append(errs, fmt.Errorf("%s: %q is not a domain name", nameField, name))
		} else if domain != zone && !strings.HasSuffix(domain, "."+zone) {
			errs = append(errs, fmt.Errorf("%s: %q does not contain %s %q", nameField, name, domainField, domain))
		}
	}
	if id != "" && !zoneIDPattern.MatchString(id) {
		errs = append(errs, fmt.Errorf("%s: %q is not a hosted zone id (Z followed by upper-case letters and digits)",
			idField, id))
	}
	return errs
}
