// Package customdomain gives an API a custom domain name: the ACM certificate, the API Gateway domain (REGIONAL, EDGE
// or PRIVATE), its base path mappings, Route53 alias records and, optionally, mutual TLS.
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
//   - PRIVATE: a private custom domain for PRIVATE APIs, reachable only through execute-api interface endpoints.
//     Its policy admits execute-api:Invoke only when aws:SourceVpce is one of VpcEndpointIDs and denies everything
//     else (the statements a PRIVATE API's policy carries, naming the domain as "*"); each endpoint gets a domain
//     name access association, without which AWS does not route it to the domain; mappings name the domain by its
//     id; an A alias in a private hosted zone points the name at the endpoint (EndpointDNS). A requested certificate
//     is still validated in a public zone, because ACM resolves the validation record publicly; with CertificateArn
//     no public zone is needed. The mapped APIs' own policies must admit the same endpoints (restapi does, for
//     PRIVATE APIs).
//   - Mutual TLS (REGIONAL only, as AWS allows): the CA bundle is stored as a versioned object in a bucket that is
//     versioned, encrypted, private (public access blocked, ACLs disabled) and refuses plain HTTP; the domain names the
//     object's version, so a new bundle rolls the domain. With mutual TLS the API's default execute-api endpoint must
//     be disabled (restapi.Args.DisableExecuteApiEndpoint), or clients could bypass the certificate check; the
//     baseline fails a plan that forgets.
//
// WAF on a REGIONAL domain sees the client's own address (no CloudFront in front), so IP rules and rate limits apply
// per real client.
package customdomain
