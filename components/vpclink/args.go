package vpclink

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/acmcert"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// Args configures the link and, with Backend, the private load balancers in front of it.
type Args struct {
	// VpcID is the VPC the load balancers are placed in. Required with Backend.
	VpcID pulumi.StringInput
	// SubnetIDs are private subnets in at least two Availability Zones (an ALB needs two). Required with Backend.
	SubnetIDs []pulumi.StringInput
	// VpcCIDRs are the VPC's CIDR blocks: the ALB admits its listener port from them only (the NLB's traffic comes
	// from its addresses in the VPC). Required with Backend; 0.0.0.0/0 and ::/0 are refused.
	VpcCIDRs []string
	// Backend is the Lambda function the ALB forwards to. Required unless LoadBalancerArn is given.
	Backend *LambdaBackend
	// CertificateArn is an ACM certificate (in the stack's region) for Hostname, served by the ALB's HTTPS listener.
	// Optional; without it or ZoneName/ZoneID the ALB listens on HTTP port 80 inside the VPC, which the baseline
	// reports.
	CertificateArn pulumi.StringInput
	// ZoneName is a public Route53 hosted zone holding Hostname ("example.com"), looked up by name: the component
	// requests an ACM certificate for Hostname, validates it by DNS there and serves it, instead of CertificateArn.
	// Hostname need not resolve: API Gateway connects through the link and only checks the name. Optional.
	ZoneName string
	// ZoneID is the zone's id (Z…), instead of ZoneName.
	ZoneID string
	// Hostname is the name routes put in their URL (https://Hostname/...): API Gateway sends it as SNI and Host and
	// checks the ALB's certificate against it. Required with CertificateArn or a zone; defaults to the NLB's DNS
	// name.
	Hostname string
	// LoadBalancerArn is an existing internal NLB to link to instead of building one. Optional.
	LoadBalancerArn pulumi.StringInput
	// Protect turns on deletion protection for both load balancers. Optional; defaults to false.
	Protect bool
	// Tags are applied to every taggable child. Optional.
	Tags pulumi.StringMap
}

// LambdaBackend is the function behind the ALB.
type LambdaBackend struct {
	// FunctionArn is the function's ARN (the target group's target). Required.
	FunctionArn pulumi.StringInput
	// FunctionName is the function's name or ARN, for the invoke permission. Required.
	FunctionName pulumi.StringInput
}

// Validate reports every problem at once, each naming its field.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("vpclink: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	switch {
	case a.LoadBalancerArn != nil && a.Backend != nil:
		bad("LoadBalancerArn, Backend: link an existing NLB or build one for a backend, not both")
	case a.LoadBalancerArn == nil && a.Backend == nil:
		bad("Backend: required (or LoadBalancerArn for an existing NLB)")
	}
	if a.Backend != nil {
		if a.Backend.FunctionArn == nil || a.Backend.FunctionName == nil {
			bad("Backend: FunctionArn and FunctionName are required")
		}
		if a.VpcID == nil {
			bad("VpcID: required to place the load balancers")
		}
		if len(a.SubnetIDs) < 2 {
			bad("SubnetIDs: %d given; the ALB needs subnets in at least two Availability Zones", len(a.SubnetIDs))
		}
		if len(a.VpcCIDRs) == 0 {
			bad("VpcCIDRs: required; the ALB admits traffic from the VPC only")
		}
		errs = append(errs, netcheck.CheckAllowCIDRs("VpcCIDRs", a.VpcCIDRs)...)
	}
	zone := a.ZoneName != "" || a.ZoneID != ""
	switch {
	case a.CertificateArn != nil && zone:
		bad("CertificateArn, ZoneName: give an existing certificate or a zone to request one in, not both")
	case a.CertificateArn != nil && a.Backend == nil:
		bad("CertificateArn: only the ALB this component builds for a Backend serves it")
	case zone && a.Backend == nil:
		bad("ZoneName: only the ALB this component builds for a Backend serves a certificate")
	case (a.CertificateArn != nil || zone) && a.Hostname == "":
		bad("Hostname: required with CertificateArn or ZoneName/ZoneID (the name the certificate covers)")
	}
	if zone && a.Hostname != "" {
		errs = append(errs, acmcert.CheckZone("ZoneName", "ZoneID", a.ZoneName, a.ZoneID, "Hostname", a.Hostname)...)
	}
	if a.Hostname != "" && !netcheck.IsDNSName(a.Hostname) {
		bad("Hostname: %q is not a lower-case DNS name", a.Hostname)
	}
	return errors.Join(errs...)
}
