package vpcendpoint

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

// Args configures the endpoint.
type Args struct {
	// Region is the region of the VPC and of the stack's AWS provider, e.g. "eu-west-1"; the endpoint connects to
	// com.amazonaws.<Region>.execute-api. Required.
	Region string
	// VpcID is the VPC the endpoint is placed in. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the subnets (at most one per Availability Zone) that get an endpoint network interface; list one
	// per zone callers run in. Required: at least one.
	SubnetIDs []pulumi.StringInput
	// AllowedCIDRs are the sources (IPv4 or IPv6) that may reach the endpoint on 443, e.g. the VPC's CIDR or the
	// callers' subnets. Required: at least one; 0.0.0.0/0 and ::/0 are refused.
	AllowedCIDRs []string
	// PrivateDNS makes the API's default execute-api name resolve to the endpoint inside the VPC. Optional; defaults
	// to true (see the package doc for what it changes for the whole VPC).
	PrivateDNS *bool
	// Tags are applied to the endpoint and its security group. Optional.
	Tags pulumi.StringMap
}

// Validate reports every problem at once, each naming its field.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("vpcendpoint: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if !netcheck.IsRegion(a.Region) {
		bad("Region: %q is not an AWS region name (e.g. eu-west-1)", a.Region)
	}
	if a.VpcID == nil {
		bad("VpcID: required (the VPC the endpoint is placed in)")
	}
	if len(a.SubnetIDs) == 0 {
		bad("SubnetIDs: at least one subnet is required")
	}
	for i, s := range a.SubnetIDs {
		if s == nil {
			bad("SubnetIDs[%d]: empty", i)
		}
	}
	if len(a.AllowedCIDRs) == 0 {
		bad("AllowedCIDRs: at least one source CIDR is required; the endpoint admits nobody else")
	}
	errs = append(errs, netcheck.CheckAllowCIDRs("AllowedCIDRs", a.AllowedCIDRs)...)
	return errors.Join(errs...)
}
