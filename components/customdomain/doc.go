// Package customdomain gives an API a custom domain name: the ACM certificate, the API Gateway domain, its base path
// mappings, Route53 alias records and, optionally, mutual TLS.
//
//   - Certificate: an existing ACM certificate ARN, or one the component requests and validates through a DNS record
//     in the Route53 hosted zone (looked up by name or given by id). A REGIONAL domain needs a certificate in the
//     API's region, an EDGE domain one in us-east-1: a given ARN in another region is refused, and for EDGE the
//     caller passes a us-east-1 provider (EdgeProvider), which the component never constructs itself.
//   - TLS: security policy TLS_1_2 (clients may use TLS 1.2 or 1.3; TLS 1.0 and 1.1 are refused). TLS_1_0 is
//     refused (CKV_AWS_206). AWS's enhanced SecurityPolicy_TLS13_* policies need the domain's endpoint access mode,
//     which pulumi-aws v6.83.4's DomainName cannot set, so they are refused with that reason rather than failing at
//     deploy.
//   - Records: alias A and AAAA records to the domain's regional (or CloudFront) name; a REGIONAL domain is made
//     dual-stack so the AAAA record answers.
//   - Mutual TLS (REGIONAL only, as AWS allows): the CA bundle is stored as a versioned object in a bucket that is
//     versioned, encrypted, private (public access blocked, ACLs disabled) and refuses plain HTTP; the domain names the
//     object's version, so a new bundle rolls the domain. With mutual TLS the API's default execute-api endpoint must
//     be disabled (restapi.Args.DisableExecuteApiEndpoint), or clients could bypass the certificate check; the
//     baseline fails a plan that forgets.
//
// WAF on a REGIONAL domain sees the client's own address (no CloudFront in front), so IP rules and rate limits apply
// per real client.
package customdomain
