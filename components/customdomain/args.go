package customdomain

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// EndpointType is where the domain is served from; it must match the mapped APIs' endpoint type.
type EndpointType string

const (
	// Regional serves the domain from the stack's region. The default, and the only type mutual TLS works on.
	Regional EndpointType = "REGIONAL"
	// Edge serves the domain through CloudFront; its certificate lives in us-east-1.
	Edge EndpointType = "EDGE"
	// Private serves the domain only inside VPCs, through execute-api interface endpoints, for PRIVATE APIs. Its
	// certificate is in the stack's region; its name resolves in a private hosted zone.
	Private EndpointType = "PRIVATE"
)

// Args configures a custom domain.
type Args struct {
	// DomainName is the fully qualified name clients call, e.g. "api.example.com" (lower case, no wildcard, no
	// trailing dot). Required.
	DomainName string
	// EndpointType is REGIONAL, EDGE or PRIVATE. Optional; defaults to REGIONAL.
	EndpointType EndpointType
	// Region is the region of the stack's AWS provider (where the domain and a REGIONAL certificate live), e.g.
	// "eu-west-1". Required.
	Region string
	// ZoneName is the public Route53 hosted zone that holds the domain ("example.com"), looked up by name: it holds
	// the certificate's validation record and, for REGIONAL and EDGE, the alias records. One of ZoneName or ZoneID is
	// required unless CertificateArn is given (and, for REGIONAL and EDGE, Records is false).
	ZoneName string
	// ZoneID is the hosted zone's id (Z…), instead of ZoneName.
	ZoneID string
	// CertificateArn is an existing ACM certificate for DomainName, in Region (REGIONAL) or us-east-1 (EDGE).
	// Optional; defaults to a certificate the component requests and validates by DNS in the zone.
	CertificateArn string
	// EdgeProvider is an AWS provider for us-east-1, used to request an EDGE domain's certificate. Required for EDGE
	// without CertificateArn; refused otherwise.
	EdgeProvider pulumi.ProviderResource
	// SecurityPolicy is the TLS policy. Optional; defaults to TLS_1_2 (TLS 1.2 and 1.3), the only one accepted (see
	// the package doc).
	SecurityPolicy string
	// Mappings route base paths of the domain to API stages. Required: at least one.
	Mappings []Mapping
	// Records creates alias A and AAAA records for DomainName in the zone (PRIVATE: an A record in the private zone).
	// Optional; defaults to true.
	Records *bool
	// VpcEndpointIDs are the execute-api interface endpoints that may call a PRIVATE domain: its policy admits only
	// them, and each gets the access association without which it cannot reach the domain. Literal ids are checked;
	// outputs (vpcendpoint.Endpoint.EndpointID) are left to AWS. Required for PRIVATE; refused otherwise.
	VpcEndpointIDs []pulumi.StringInput
	// PrivateZoneName is the private hosted zone, associated with the callers' VPC, that holds a PRIVATE domain's
	// alias record ("internal.example.com"), looked up by name. One of PrivateZoneName or PrivateZoneID is required
	// for PRIVATE with Records; refused otherwise.
	PrivateZoneName string
	// PrivateZoneID is the private hosted zone's id (Z…), instead of PrivateZoneName (e.g. when several private zones
	// share the name).
	PrivateZoneID string
	// EndpointDNS is the interface endpoint's regional DNS name and hosted zone (vpcendpoint.Endpoint.DNSName and
	// DNSZoneID) that a PRIVATE domain's alias record points at. Required for PRIVATE with Records; refused otherwise.
	EndpointDNS *AliasTarget
	// MutualTLS makes clients present a certificate signed by a CA in the truststore. Optional; defaults to off.
	// REGIONAL only.
	MutualTLS *MutualTLS
	// Protect protects the truststore bucket from deletion and retains it when the stack is destroyed. Optional;
	// defaults to false.
	Protect bool
	// Tags are applied to every taggable child. Optional.
	Tags pulumi.StringMap
}

// Mapping exposes one API stage under a base path of the domain.
type Mapping struct {
	// BasePath is the first path segment ("orders"), or "" for the domain's root. Optional; defaults to "".
	BasePath string
	// RestAPIID is the API's id (restapi.RestAPI.RestAPIID). Required.
	RestAPIID pulumi.StringInput
	// StageName is the stage to expose (restapi.RestAPI.StageName; its output makes the mapping wait for the stage).
	// Required.
	StageName pulumi.StringInput
}

// AliasTarget is a DNS name and the hosted zone it lives in, as a Route53 alias record takes them.
type AliasTarget struct {
	Name   pulumi.StringInput
	ZoneID pulumi.StringInput
}

// MutualTLS configures client-certificate authentication on the domain.
type MutualTLS struct {
	// TruststorePEM is the PEM bundle of CA certificates client certificates must chain to. Required; every block
	// must be a parseable X.509 certificate.
	TruststorePEM string
	// KmsKeyArn encrypts the truststore bucket with this KMS key (the deployer needs kms:Decrypt on it, as API
	// Gateway reads the truststore with the caller's permissions). Optional; defaults to S3-managed keys (SSE-S3).
	KmsKeyArn pulumi.StringInput
}
