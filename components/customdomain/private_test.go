package customdomain_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/internal/testca"
)

const associationType = "aws:apigateway/domainNameAccessAssociation:DomainNameAccessAssociation"

// private is a PRIVATE domain whose certificate is validated in the public zone and whose alias sits in a private
// zone, pointing at an execute-api endpoint created in the same program (an output) plus one from config.
func private() *customdomain.Args {
	a := regional()
	a.DomainName = "api.internal.example.com"
	a.EndpointType = customdomain.Private
	a.PrivateZoneName = "internal.example.com"
	a.VpcEndpointIDs = []pulumi.StringInput{pulumi.String("vpce-0a1b2c3d4e5f60718").ToStringOutput(),
		pulumi.String("vpce-0123456789abcdef0")}
	a.EndpointDNS = &customdomain.AliasTarget{
		Name:   pulumi.String("vpce-0a1b2c3d4e5f60718-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com").ToStringOutput(),
		ZoneID: pulumi.String("Z7HUB22UULQXV"),
	}
	return a
}

func TestPrivateDomainAdmitsOnlyItsEndpointsAndResolvesInsideTheVPC(t *testing.T) {
	e := run(t, plain(private()))
	assert.Empty(t, e.OwnershipProblems(component, "public"))

	domain := e.ByType(domainType)[0]
	assert.Equal(t, "PRIVATE", domain.Str("endpointConfiguration.types"))
	assert.Empty(t, domain.Str("endpointConfiguration.ipAddressType"), "left to AWS, which echoes its default")
	cert := e.ByType(certType)[0]
	assert.Equal(t, cert.Outputs["arn"].StringValue(), domain.Str("certificateArn"),
		"a private domain takes certificateArn, in the API's region")
	assert.Empty(t, domain.Str("regionalCertificateArn"))
	assert.Equal(t, "TLS_1_2", domain.Str("securityPolicy"))

	var policy struct {
		Statement []struct {
			Effect, Action, Resource, Principal string
			Condition                           map[string]map[string][]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(domain.Str("policy")), &policy))
	ids := []string{"vpce-0a1b2c3d4e5f60718", "vpce-0123456789abcdef0"}
	require.Len(t, policy.Statement, 2)
	deny, allow := policy.Statement[0], policy.Statement[1]
	assert.Equal(t, "Deny", deny.Effect)
	assert.Equal(t, ids, deny.Condition["StringNotEquals"]["aws:SourceVpce"])
	assert.Equal(t, "Allow", allow.Effect)
	assert.Equal(t, ids, allow.Condition["StringEquals"]["aws:SourceVpce"])
	for _, s := range policy.Statement {
		assert.Equal(t, "execute-api:Invoke", s.Action)
		assert.Equal(t, "*", s.Resource, "the domain itself: its ARN is not known before it exists, and * reads back as written")
	}

	associations := e.ByType(associationType)
	require.Len(t, associations, 2, "one per endpoint: an endpoint without one cannot reach the domain")
	for i, a := range associations {
		assert.Equal(t, ids[i], a.Str("accessAssociationSource"))
		assert.Equal(t, "VPCE", a.Str("accessAssociationSourceType"))
		assert.Equal(t, domain.Outputs["arn"].StringValue(), a.Str("domainNameArn"))
	}

	mapping := e.ByType(mappingType)[0]
	assert.Equal(t, domain.Outputs["domainNameId"].StringValue(), mapping.Str("domainNameId"),
		"a private domain name is not unique; the mapping names it by id")
	assert.Equal(t, "api.internal.example.com", mapping.Str("domainName"))

	validation := e.Named(recordType, "public-certificate-validation")
	alias := e.Named(recordType, "public-alias-a")
	require.NotNil(t, alias)
	assert.Nil(t, e.Named(recordType, "public-alias-aaaa"), "the endpoint answers on IPv4")
	assert.NotEqual(t, validation.Str("zoneId"), alias.Str("zoneId"),
		"ACM validates in the public zone; the name resolves in the private one")
	assert.Equal(t, "api.internal.example.com", alias.Str("name"))
	assert.Equal(t, "vpce-0a1b2c3d4e5f60718-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com", alias.Str("aliases.0.name"))
	assert.Equal(t, "Z7HUB22UULQXV", alias.Str("aliases.0.zoneId"))
}

func TestPrivateDomainWithAnExistingCertificateNeedsNoPublicZone(t *testing.T) {
	a := private()
	a.ZoneName, a.PrivateZoneName, a.PrivateZoneID = "", "", "Z0PRIVATE0123"
	a.CertificateArn = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
	e := run(t, plain(a))
	assert.Empty(t, e.ByType(certType))
	assert.Equal(t, a.CertificateArn, e.ByType(domainType)[0].Str("certificateArn"))
	assert.Equal(t, "Z0PRIVATE0123", e.Named(recordType, "public-alias-a").Str("zoneId"))
}

func TestInvalidPrivateArgsAreRefusedAndRegisterNothing(t *testing.T) {
	with := func(mut func(a *customdomain.Args)) *customdomain.Args {
		a := private()
		mut(a)
		return a
	}
	tests := []struct {
		name string
		args *customdomain.Args
		want []string
	}{
		{"no endpoints", with(func(a *customdomain.Args) { a.VpcEndpointIDs = nil }), []string{"VpcEndpointIDs: a PRIVATE domain"}},
		{"bad endpoint id", with(func(a *customdomain.Args) { a.VpcEndpointIDs[1] = pulumi.String("vpc-123") }),
			[]string{"VpcEndpointIDs[1]"}},
		{"endpoints on a regional domain", with(func(a *customdomain.Args) {
			a.EndpointType, a.PrivateZoneName, a.EndpointDNS = customdomain.Regional, "", nil
		}), []string{"VpcEndpointIDs: only a PRIVATE domain"}},
		{"private zone on a regional domain", with(func(a *customdomain.Args) {
			a.EndpointType, a.VpcEndpointIDs, a.EndpointDNS = customdomain.Regional, nil, nil
		}), []string{"PrivateZoneName: only a PRIVATE domain"}},
		{"no private zone", with(func(a *customdomain.Args) { a.PrivateZoneName = "" }), []string{"PrivateZoneName: a private hosted zone"}},
		{"both private zone forms", with(func(a *customdomain.Args) { a.PrivateZoneID = "Z0PRIVATE0123" }),
			[]string{"PrivateZoneName, PrivateZoneID"}},
		{"private zone does not hold the name", with(func(a *customdomain.Args) { a.PrivateZoneName = "corp.example.com" }),
			[]string{"PrivateZoneName", "does not contain"}},
		{"no alias target", with(func(a *customdomain.Args) { a.EndpointDNS = nil }), []string{"EndpointDNS: required"}},
		{"no public zone for the certificate", with(func(a *customdomain.Args) { a.ZoneName = "" }),
			[]string{"ZoneName: a public hosted zone is required to validate"}},
		{"mtls", with(func(a *customdomain.Args) { a.MutualTLS = &customdomain.MutualTLS{TruststorePEM: testca.PEM(t)} }),
			[]string{"MutualTLS: mutual TLS works on REGIONAL domains only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { refused(t, tt.args, tt.want...) })
	}
}
