package customdomain

const (
	// DefaultSecurityPolicy accepts TLS 1.2 and TLS 1.3 and refuses older versions.
	DefaultSecurityPolicy = "TLS_1_2"
	// EdgeCertificateRegion is where CloudFront, and so an EDGE domain, reads certificates from.
	EdgeCertificateRegion = "us-east-1"
	// TruststoreKey is the truststore object's key in its bucket.
	TruststoreKey = "truststore.pem"
	// dualStack makes a REGIONAL domain answer on IPv6 as well, for the AAAA alias.
	dualStack = "dualstack"
	// accessSourceVPCE is the one kind of source a private domain's access association takes.
	accessSourceVPCE = "VPCE"
)

func (a Args) securityPolicy() string {
	if a.SecurityPolicy == "" {
		return DefaultSecurityPolicy
	}
	return a.SecurityPolicy
}

func (a Args) endpointType() EndpointType {
	if a.EndpointType == "" {
		return Regional
	}
	return a.EndpointType
}

func (a Args) records() bool {
	return a.Records == nil || *a.Records
}
