// Package vpclink connects an API to a private backend through an API Gateway VPC link.
//
// A REST API's VPC link targets a Network Load Balancer. With a Lambda backend the component builds the whole
// private path: an internal NLB whose TCP listener passes the connection, still encrypted, to a target group of type
// "alb"; an internal Application Load Balancer that terminates TLS (ELBSecurityPolicy-TLS13-1-2-2021-06) with the
// given certificate (or one it requests for Hostname and validates by DNS in ZoneName/ZoneID) and forwards to a
// Lambda target group. API Gateway verifies the ALB's certificate against
// Hostname (restapi routes take VpcLinkID and an https://Hostname/... URL), so the backend is authenticated, not
// just encrypted. Without a certificate the ALB listens on HTTP 80 inside the VPC, which the baseline reports.
//
// The NLB listener stays TCP because an "alb" target group only takes TCP: TLS is passed through, not dropped. The
// ALB's security group admits the listener port only from the VPC's CIDRs (the NLB has no security group, so its
// traffic arrives from its addresses in the VPC); it has no egress rule (ALB invokes Lambda through the Lambda
// service). The ALB drops invalid headers. With Protect, both load balancers get deletion protection.
//
// With LoadBalancerArn (an existing NLB), only the VPC link is created.
//
// The load balancers, target groups, listeners and the ALB's security group are registered through package awsres,
// not pulumi-aws's lb and ec2 packages, which a newcomer's first build would otherwise compile.
package vpclink
