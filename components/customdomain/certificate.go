package customdomain

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/acmcert"
)

// certificate returns the ARN the domain serves: the given one, or a certificate requested for DomainName and
// validated through a DNS record in the public zone, in us-east-1 through the caller's provider for EDGE.
func (b *builder) certificate() (pulumi.StringOutput, error) {
	a := b.args
	if a.CertificateArn != "" {
		return pulumi.String(a.CertificateArn).ToStringOutput(), nil
	}
	var acmOpts []pulumi.ResourceOption
	if a.endpointType() == Edge {
		acmOpts = append(acmOpts, pulumi.Provider(a.EdgeProvider))
	}
	return acmcert.Request(b.ctx, b.name, a.DomainName, b.zoneID, a.Tags, b.parent, acmOpts...)
}
