// Package vpcendpoint creates the execute-api interface VPC endpoint a PRIVATE API is reached through.
//
// The endpoint sits in the given subnets with private DNS on, so callers in the VPC use the API's usual
// https://{api-id}.execute-api.{region}.amazonaws.com URL. Its security group admits HTTPS (443) only, and only from
// the given CIDRs; it has no egress rule (an interface endpoint answers, it never connects out), and the component
// refuses 0.0.0.0/0 and ::/0. The endpoint policy allows execute-api:Invoke and nothing else.
//
// Private DNS applies to the whole VPC: with it on, every execute-api name resolves to this endpoint, so REGIONAL
// and EDGE APIs are no longer reachable from this VPC by their default URLs (use their custom domains). Turn it off
// to call a private API by its endpoint-specific name ({api-id}-{vpce-id}.execute-api.{region}.amazonaws.com)
// instead.
//
// Pass EndpointID to restapi.Args.VpcEndpointIDs: the API's policy then allows calls only through it.
//
// The endpoint and its group are registered through package awsres, not pulumi-aws's ec2 package (6.8 MB of
// generated Go that a newcomer's first build would otherwise compile); VpcEndpoint and SecurityGroup expose their
// ids and ARNs, and ec2.LookupVpcEndpoint or ec2.GetSecurityGroup reads the SDK's full view of either by id.
package vpcendpoint
