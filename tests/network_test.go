package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/testca"
)

// privateNetwork is a VPC with an execute-api endpoint, as a PRIVATE stack configures it.
func privateNetwork(g map[string]any) {
	g["endpointType"] = "PRIVATE"
	g["network"] = map[string]any{
		"vpcId": "vpc-0a1b2c3d4e5f60718", "subnetIds": []any{"subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"},
		"vpcCidrs":           []any{"10.20.0.0/16"},
		"executeApiEndpoint": map[string]any{"allowedCidrs": []any{"10.20.0.0/16"}},
		"privateBackend": map[string]any{"hostname": "backend.internal.example.com",
			"certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/3f0c8a52-7a1e-4a0b-9d6e-2b7c1e5d9a10"},
	}
}

func TestProdIsRegionalBehindItsDomainWithAPrivateBackend(t *testing.T) {
	e, err := evaluate(t, loadStack(t, "prod"))
	require.NoError(t, err)
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	assert.Equal(t, "REGIONAL", api.Str("endpointConfiguration.types"))

	domain := e.ByType("aws:apigateway/domainName:DomainName")[0]
	assert.Equal(t, "api.example.com", domain.Str("domainName"))
	assert.Equal(t, "TLS_1_2", domain.Str("securityPolicy"))
	cert := e.ByType("aws:acm/certificate:Certificate")[0]
	assert.True(t, strings.HasPrefix(domain.Str("regionalCertificateArn"), "arn:aws:acm:eu-west-1:"),
		"a REGIONAL domain's certificate is in the stack's region")
	assert.Equal(t, cert.Outputs["arn"].StringValue(), domain.Str("regionalCertificateArn"))
	mapping := e.ByType("aws:apigateway/basePathMapping:BasePathMapping")[0]
	assert.Equal(t, api.ID, mapping.Str("restApi"))
	assert.Equal(t, "prod", mapping.Str("stageName"))
	assert.True(t, mapping.DependsOn(e.ByType("aws:apigateway/stage:Stage")[0]), "mapped once the stage exists")
	var kinds []string
	for _, r := range e.ByType("aws:route53/record:Record") {
		if r.Str("name") == "api.example.com" {
			kinds = append(kinds, r.Str("type"))
		}
	}
	assert.ElementsMatch(t, []string{"A", "AAAA"}, kinds)

	var backendCert string
	for _, c := range e.ByType("aws:acm/certificate:Certificate") {
		if c.Str("domainName") == "backend.api.example.com" {
			backendCert = c.Outputs["arn"].StringValue()
		}
	}
	require.NotEmpty(t, backendCert, "the stack requests the backend's certificate in network.privateBackend.zoneName")
	assert.Equal(t, backendCert, e.Named("aws:lb/listener:Listener", "gateway-private-backend-alb-listener").Str("certificateArn"))
	nlb := e.Named("aws:lb/loadBalancer:LoadBalancer", "gateway-private-backend-nlb")
	require.NotNil(t, nlb)
	internal, _ := nlb.Bool("internal")
	assert.True(t, internal)
	link := e.ByType("aws:apigateway/vpcLink:VpcLink")[0]
	doc := apiDocument(t, e)
	for _, route := range [][2]string{{"GET", "/health"}, {"GET", "/admin/items"}} {
		in := docOperation(t, doc, route[0], route[1])["x-amazon-apigateway-integration"].(map[string]any)
		assert.Equal(t, "VPC_LINK", in["connectionType"], route)
		assert.Equal(t, link.ID, in["connectionId"], route)
		assert.Equal(t, "https://backend.api.example.com"+route[1], in["uri"], route)
	}
	items := docOperation(t, doc, "GET", "/items")["x-amazon-apigateway-integration"].(map[string]any)
	assert.Equal(t, "aws_proxy", items["type"], "user routes keep the Lambda integration and its claims")
	assert.Empty(t, e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint"), "a REGIONAL API has no execute-api endpoint")
}

func TestPrivateVariantIsReachableOnlyThroughItsEndpoint(t *testing.T) {
	e, err := evaluate(t, devWith(t, privateNetwork))
	require.NoError(t, err)
	endpoint := e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")[0]
	assert.Equal(t, "com.amazonaws.eu-west-1.execute-api", endpoint.Str("serviceName"))
	sg := e.ByType("aws:ec2/securityGroup:SecurityGroup")
	require.Len(t, sg, 2, "the endpoint's and the private backend ALB's")
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	assert.Equal(t, "PRIVATE", api.Str("endpointConfiguration.types"))
	assert.Equal(t, endpoint.ID, api.Str("endpointConfiguration.vpcEndpointIds.0"))
	assert.True(t, api.DependsOn(endpoint))
	policy := apiDocument(t, e)["x-amazon-apigateway-policy"].(map[string]any)
	var sids []string
	for _, s := range policy["Statement"].([]any) {
		st := s.(map[string]any)
		sids = append(sids, st["Sid"].(string))
		if st["Sid"] == "AllowThroughVpcEndpoints" {
			assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:SourceVpce": []any{endpoint.ID}}}, st["Condition"])
		}
	}
	assert.Contains(t, sids, "DenyOutsideVpcEndpoints")
	assert.Contains(t, sids, "AllowThroughVpcEndpoints")
	assert.NotEmpty(t, e.ByType("aws:apigateway/vpcLink:VpcLink"))
}

func TestPrivateVariantWithADomainResolvesOnlyInsideTheVPC(t *testing.T) {
	e, err := evaluate(t, devWith(t, func(g map[string]any) {
		privateNetwork(g)
		g["vpcEndpointIds"] = []any{"vpce-0123456789abcdef0"}
		g["domain"] = map[string]any{"name": "api.internal.example.com", "zoneName": "example.com",
			"privateZoneName": "internal.example.com"}
	}))
	require.NoError(t, err)
	endpoint := e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")[0]
	domain := e.ByType("aws:apigateway/domainName:DomainName")[0]
	assert.Equal(t, "PRIVATE", domain.Str("endpointConfiguration.types"))
	assert.Equal(t, e.ByType("aws:acm/certificateValidation:CertificateValidation")[0].Outputs["certificateArn"].StringValue(),
		domain.Str("certificateArn"))
	assert.Contains(t, domain.Str("policy"), endpoint.ID)
	assert.Contains(t, domain.Str("policy"), "vpce-0123456789abcdef0", "endpoints from config are admitted too")
	var sources []string
	for _, a := range e.ByType("aws:apigateway/domainNameAccessAssociation:DomainNameAccessAssociation") {
		sources = append(sources, a.Str("accessAssociationSource"))
	}
	assert.ElementsMatch(t, []string{endpoint.ID, "vpce-0123456789abcdef0"}, sources)
	mapping := e.ByType("aws:apigateway/basePathMapping:BasePathMapping")[0]
	assert.Equal(t, domain.Outputs["domainNameId"].StringValue(), mapping.Str("domainNameId"))
	alias := e.Named("aws:route53/record:Record", "gateway-domain-alias-a")
	require.NotNil(t, alias)
	assert.Equal(t, endpoint.Outputs["dnsEntries"].ArrayValue()[0].ObjectValue()["dnsName"].StringValue(),
		alias.Str("aliases.0.name"), "the name resolves to the stack's own endpoint")
	assert.Nil(t, e.Named("aws:route53/record:Record", "gateway-domain-alias-aaaa"))
}

func TestPrivateDomainWithExistingEndpointsAliasesTheFirst(t *testing.T) {
	e, err := evaluate(t, devWith(t, func(g map[string]any) {
		g["endpointType"] = "PRIVATE"
		g["vpcEndpointIds"] = []any{"vpce-0123456789abcdef0", "vpce-0fedcba9876543210"}
		g["domain"] = map[string]any{"name": "api.internal.example.com",
			"certificateArn": "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666",
			"privateZoneId":  "Z0PRIVATE0123"}
	}))
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:ec2/vpcEndpoint:VpcEndpoint"))
	assert.Empty(t, e.ByType("aws:acm/certificate:Certificate"))
	alias := e.Named("aws:route53/record:Record", "gateway-domain-alias-a")
	require.NotNil(t, alias)
	assert.Equal(t, "Z0PRIVATE0123", alias.Str("zoneId"))
	assert.Contains(t, alias.Str("aliases.0.name"), "vpce-0123456789abcdef0",
		"the existing endpoint's DNS name, looked up by id")
	assert.Len(t, e.ByType("aws:apigateway/domainNameAccessAssociation:DomainNameAccessAssociation"), 2)
}

func TestEdgeWithADomainGetsItsCertificateInUsEast1(t *testing.T) {
	cfg := loadStack(t, "prod")
	// EDGE is accepted only without the regional web ACL, whose per-IP rules would not see the caller.
	e, err := evaluate(t, withGateway(t, cfg, func(g map[string]any) {
		g["endpointType"] = "EDGE"
		sub(g, "waf")["enabled"] = false
	}))
	require.NoError(t, err)
	providers := e.ByType("pulumi:providers:aws")
	require.Len(t, providers, 1)
	assert.Equal(t, "us-east-1", providers[0].Str("region"))
	cert := e.ByType("aws:acm/certificate:Certificate")[0]
	assert.True(t, strings.HasPrefix(cert.Provider, providers[0].URN))
	domain := e.ByType("aws:apigateway/domainName:DomainName")[0]
	assert.Equal(t, "EDGE", domain.Str("endpointConfiguration.types"))
	assert.True(t, strings.HasPrefix(domain.Str("certificateArn"), "arn:aws:acm:us-east-1:"))
}

// caFile writes a throwaway CA bundle and returns its path.
func caFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(path, []byte(testca.PEM(t)), 0o600))
	return path
}

func TestMutualTLSDisablesTheDefaultEndpoint(t *testing.T) {
	ca := caFile(t)
	e, err := evaluate(t, devWith(t, func(g map[string]any) {
		g["domain"] = map[string]any{"name": "api.dev.example.com", "zoneName": "example.com",
			"mutualTls": map[string]any{"truststoreFile": ca}}
	}))
	require.NoError(t, err)
	api := e.ByType("aws:apigateway/restApi:RestApi")[0]
	disabled, _ := api.Bool("disableExecuteApiEndpoint")
	assert.True(t, disabled, "clients cannot skip the certificate check by calling execute-api")
	domain := e.ByType("aws:apigateway/domainName:DomainName")[0]
	assert.True(t, strings.HasPrefix(domain.Str("mutualTlsAuthentication.truststoreUri"), "s3://"))
	assert.Len(t, e.ByType("aws:s3/bucketV2:BucketV2"), 1)
}
