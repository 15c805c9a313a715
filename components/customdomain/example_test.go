package customdomain_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := customdomain.New(ctx, "api", &customdomain.Args{
			DomainName: "api.example.com",
			Region:     "us-east-1",
			ZoneName:   "example.com",
			Mappings: []customdomain.Mapping{{RestAPIID: pulumi.String("a1b2c3d4e5"),
				StageName: pulumi.String("v1").ToStringOutput()}},
		})
		return err
	})
	// Output:
	// api (secure-apigw:apigateway:CustomDomain)
	// api-alias-a (aws:route53/record:Record)
	// api-alias-aaaa (aws:route53/record:Record)
	// api-certificate (aws:acm/certificate:Certificate)
	// api-certificate-validated (aws:acm/certificateValidation:CertificateValidation)
	// api-certificate-validation (aws:route53/record:Record)
	// api-domain (aws:apigateway/domainName:DomainName)
	// api-mapping-0 (aws:apigateway/basePathMapping:BasePathMapping)
}
