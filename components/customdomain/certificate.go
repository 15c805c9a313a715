package customdomain

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// certificate returns the ARN the domain serves: the given one, or a certificate requested for DomainName and
// validated through a DNS record in the zone. The ARN comes from the validation resource, so the domain is created
// only once ACM has issued the certificate.
func (b *builder) certificate() (pulumi.StringOutput, error) {
	a := b.args
	if a.CertificateArn != "" {
		return pulumi.String(a.CertificateArn).ToStringOutput(), nil
	}
	// An EDGE certificate is requested in us-east-1 through the caller's provider; the DNS record is global.
	acmOpts := []pulumi.ResourceOption{b.parent}
	if a.endpointType() == Edge {
		acmOpts = append(acmOpts, pulumi.Provider(a.EdgeProvider))
	}
	cert, err := acm.NewCertificate(b.ctx, b.name+"-certificate", &acm.CertificateArgs{
		DomainName:       pulumi.String(a.DomainName),
		ValidationMethod: pulumi.String("DNS"),
		KeyAlgorithm:     pulumi.String("RSA_2048"),
		Options: &acm.CertificateOptionsArgs{
			// Public CT logs are what let the domain's owner notice a certificate they did not ask for.
			CertificateTransparencyLoggingPreference: pulumi.String("ENABLED"),
		},
		Tags: a.Tags,
	}, acmOpts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("request certificate: %w", err)
	}
	// One name, so one validation option: index 0 is known before the certificate exists, which keeps the record a
	// plain resource rather than one created inside an apply.
	option := cert.DomainValidationOptions.Index(pulumi.Int(0))
	record, err := route53.NewRecord(b.ctx, b.name+"-certificate-validation", &route53.RecordArgs{
		ZoneId:  b.zoneID,
		Name:    option.ResourceRecordName().Elem(),
		Type:    option.ResourceRecordType().Elem(),
		Records: pulumi.StringArray{option.ResourceRecordValue().Elem()},
		Ttl:     pulumi.Int(validationRecordTTL),
	}, b.parent)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("create certificate validation record: %w", err)
	}
	validation, err := acm.NewCertificateValidation(b.ctx, b.name+"-certificate-validated", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: pulumi.StringArray{record.Fqdn},
	}, acmOpts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("wait for certificate validation: %w", err)
	}
	return validation.CertificateArn, nil
}
