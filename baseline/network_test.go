package baseline_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/internal/testca"
)

// networkFixture is a REGIONAL API behind an mTLS domain with a VPC link backend, and a PRIVATE API behind an
// execute-api endpoint and a private domain, all as the components build them.
func networkFixture(t *testing.T) []policyx.AnalyzerResource {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		link, err := vpclink.New(ctx, "backend", &vpclink.Args{
			VpcID: pulumi.String("vpc-1"), SubnetIDs: []pulumi.StringInput{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
			VpcCIDRs: []string{"10.0.0.0/16"}, Protect: true, Hostname: "backend.example.com",
			CertificateArn: pulumi.String("arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"),
			Backend: &vpclink.LambdaBackend{FunctionArn: pulumi.String("arn:aws:lambda:us-east-1:111122223333:function:b"),
				FunctionName: pulumi.String("b")},
		})
		if err != nil {
			return err
		}
		public, err := restapi.New(ctx, "public", &restapi.Args{DisableExecuteApiEndpoint: true, Routes: []restapi.Route{{
			Path: "/health", Method: "GET", Integration: restapi.Integration{Kind: restapi.HTTPProxy,
				URL: "https://backend.example.com/health", VpcLinkID: link.VpcLinkID}}}})
		if err != nil {
			return err
		}
		if _, err := customdomain.New(ctx, "domain", &customdomain.Args{DomainName: "api.example.com",
			Region: "us-east-1", ZoneName: "example.com", MutualTLS: &customdomain.MutualTLS{TruststorePEM: testca.PEM(t)},
			Mappings: []customdomain.Mapping{{RestAPIID: public.RestAPIID, StageName: public.StageName}}}); err != nil {
			return err
		}
		ep, err := vpcendpoint.New(ctx, "endpoint", &vpcendpoint.Args{Region: "us-east-1", VpcID: pulumi.String("vpc-1"),
			SubnetIDs: []pulumi.StringInput{pulumi.String("subnet-a")}, AllowedCIDRs: []string{"10.0.0.0/16"}})
		if err != nil {
			return err
		}
		private, err := restapi.New(ctx, "private", &restapi.Args{EndpointType: restapi.Private,
			VpcEndpointIDs: []pulumi.StringInput{ep.EndpointID}, Routes: []restapi.Route{{Path: "/x", Method: "GET",
				Integration: restapi.Integration{Kind: restapi.Mock}}}})
		if err != nil {
			return err
		}
		_, err = customdomain.New(ctx, "internal", &customdomain.Args{DomainName: "api.internal.example.com",
			EndpointType: customdomain.Private, Region: "us-east-1", ZoneName: "example.com",
			PrivateZoneName: "internal.example.com", VpcEndpointIDs: []pulumi.StringInput{ep.EndpointID},
			EndpointDNS: &customdomain.AliasTarget{Name: ep.DNSName, ZoneID: ep.DNSZoneID},
			Mappings:    []customdomain.Mapping{{RestAPIID: private.RestAPIID, StageName: private.StageName}}})
		return err
	})
	require.NoError(t, err)
	return e.AnalyzerResources()
}

// networkSlugs are the rules networkFixture exercises (the API-only fixture has nothing for them to judge).
var networkSlugs = []string{"domain-tls-policy", "private-api-source-vpce", "mtls-default-endpoint-disabled",
	"s3-public-access", "s3-versioning", "s3-tls-only", "s3-acls-disabled", "sg-no-open-ingress",
	"vpc-link-routes-use-the-link", "lb-listener-tls", "alb-drop-invalid-headers", "lb-deletion-protection"}

func networkStatus(t *testing.T, rs []policyx.AnalyzerResource, slug string) baseline.Status {
	t.Helper()
	return evaluate(t, rs, baseline.Config{})[ruleName(t, slug)].Status
}

func TestNetworkRulesPassOnTheComponentsAndFailWhenBroken(t *testing.T) {
	for _, slug := range networkSlugs {
		assert.Equal(t, baseline.Pass, networkStatus(t, networkFixture(t), slug), slug)
	}
	const (
		domainType = "aws:apigateway/domainName:DomainName"
		apiType    = "aws:apigateway/restApi:RestApi"
		sgType     = "aws:ec2/securityGroup:SecurityGroup"
		lbType     = "aws:lb/loadBalancer:LoadBalancer"
		listener   = "aws:lb/listener:Listener"
	)
	breaks := []struct {
		slug    string
		breakIt func(rs []policyx.AnalyzerResource)
	}{
		{"domain-tls-policy", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, domainType, "domain-domain", "securityPolicy", val("TLS_1_0"))
		}},
		{"domain-tls-policy", func(rs []policyx.AnalyzerResource) { mutate(t, rs, domainType, "domain-domain", "securityPolicy", nil) }},
		{"mtls-default-endpoint-disabled", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, apiType, "public-api", "disableExecuteApiEndpoint", val(false))
		}},
		{"private-api-source-vpce", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, apiType, "private-api", "body", val(`{"x-amazon-apigateway-policy":{"Statement":[`+
				`{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}}`))
		}},
		{"private-api-source-vpce", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, domainType, "internal-domain", "policy", nil)
		}},
		{"private-api-source-vpce", func(rs []policyx.AnalyzerResource) {
			// The deny stays; an added allow without the SourceVpce condition is still refused.
			mutateDocOf(t, rs, "private-api", func(doc map[string]any) {
				policy := doc["x-amazon-apigateway-policy"].(map[string]any)
				policy["Statement"] = append(policy["Statement"].([]any), map[string]any{"Sid": "Partners",
					"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"})
			})
		}},
		{"private-api-source-vpce", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, domainType, "internal-domain", "policy", val(`{"Statement":{"Effect":"Deny","Principal":"*",`+
				`"Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}}`))
		}},
		{"domain-tls-policy", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, domainType, "internal-domain", "securityPolicy", val("TLS_1_0"))
		}},
		{"s3-public-access", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "", "restrictPublicBuckets", val(false))
		}},
		{"s3-public-access", func(rs []policyx.AnalyzerResource) {
			drop(t, rs, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "")
		}},
		{"s3-versioning", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, "aws:s3/bucketVersioningV2:BucketVersioningV2", "", "versioningConfiguration.status", val("Suspended"))
		}},
		{"s3-tls-only", func(rs []policyx.AnalyzerResource) { drop(t, rs, "aws:s3/bucketPolicy:BucketPolicy", "") }},
		{"s3-acls-disabled", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "", "rule.objectOwnership", val("ObjectWriter"))
		}},
		{"sg-no-open-ingress", func(rs []policyx.AnalyzerResource) {
			open := property.NewMap(map[string]property.Value{"protocol": property.New("tcp"),
				"cidrBlocks": property.New(property.NewArray([]property.Value{property.New("0.0.0.0/0")}))})
			mutate(t, rs, sgType, "endpoint-sg", "ingress", val(property.NewArray([]property.Value{property.New(open)})))
		}},
		{"sg-no-open-ingress", func(rs []policyx.AnalyzerResource) {
			open := property.NewMap(map[string]property.Value{"protocol": property.New("tcp"),
				"ipv6CidrBlocks": property.New(property.NewArray([]property.Value{property.New("::/0")}))})
			mutate(t, rs, sgType, "alb-sg", "ingress", val(property.NewArray([]property.Value{property.New(open)})))
		}},
		{"vpc-link-routes-use-the-link", func(rs []policyx.AnalyzerResource) { drop(t, rs, "aws:apigateway/vpcLink:VpcLink", "") }},
		{"vpc-link-routes-use-the-link", func(rs []policyx.AnalyzerResource) {
			mutateDocOf(t, rs, "public-api", func(doc map[string]any) {
				delete(ext(op(doc, "get", "/health"), "integration"), "connectionId")
			})
		}},
		{"vpc-link-routes-use-the-link", func(rs []policyx.AnalyzerResource) {
			mutateDocOf(t, rs, "public-api", func(doc map[string]any) {
				in := ext(op(doc, "get", "/health"), "integration")
				delete(in, "connectionType")
				in["uri"] = "http://backend.example.com/health"
				// A path-level parameters list must not hide the path's operations from the rule.
				doc["paths"].(map[string]any)["/health"].(map[string]any)["parameters"] = []any{}
			})
		}},
		{"lb-listener-tls", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, listener, "alb-listener", "protocol", val("HTTP"))
		}},
		{"lb-listener-tls", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, listener, "alb-listener", "sslPolicy", val("ELBSecurityPolicy-2016-08"))
		}},
		{"lb-listener-tls", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, listener, "alb-listener", "sslPolicy", val("ELBSecurityPolicy-TLS13-1-1-2021-06"))
		}},
		{"alb-drop-invalid-headers", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, lbType, "backend-alb", "dropInvalidHeaderFields", val(false))
		}},
		{"lb-deletion-protection", func(rs []policyx.AnalyzerResource) {
			mutate(t, rs, lbType, "backend-nlb", "enableDeletionProtection", val(false))
		}},
	}
	broken := map[string]bool{}
	for _, b := range breaks {
		broken[b.slug] = true
		rs := networkFixture(t)
		b.breakIt(rs)
		assert.Equal(t, baseline.Fail, networkStatus(t, rs, b.slug), b.slug)
	}
	for _, slug := range networkSlugs {
		assert.True(t, broken[slug], "rule %s has no failing fixture", slug)
	}
}

// IAM accepts a single statement object, a list of actions and a list of principals; a TLS-only deny written so
// means the same and passes.
func TestTLSOnlyBucketPolicyIsReadInEveryJSONShape(t *testing.T) {
	deny := `{"Effect":"Deny","Principal":%s,"Action":%s,"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],` +
		`"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`
	for _, policy := range []string{
		`{"Version":"2012-10-17","Statement":` + fmt.Sprintf(deny, `"*"`, `"s3:*"`) + `}`,
		`{"Version":"2012-10-17","Statement":[` + fmt.Sprintf(deny, `{"AWS":["*"]}`, `["s3:*"]`) + `]}`,
		`{"Version":"2012-10-17","Statement":[` + fmt.Sprintf(deny, `{"AWS":"*"}`, `["s3:GetObject","*"]`) + `]}`,
	} {
		rs := networkFixture(t)
		mutate(t, rs, "aws:s3/bucketPolicy:BucketPolicy", "", "policy", val(policy))
		assert.Equal(t, baseline.Pass, networkStatus(t, rs, "s3-tls-only"), policy)
	}
	rs := networkFixture(t)
	mutate(t, rs, "aws:s3/bucketPolicy:BucketPolicy", "", "policy",
		val(`{"Statement":[`+fmt.Sprintf(deny, `"*"`, `["s3:GetObject"]`)+`]}`))
	assert.Equal(t, baseline.Fail, networkStatus(t, rs, "s3-tls-only"), "denying one action leaves the rest open")
}
