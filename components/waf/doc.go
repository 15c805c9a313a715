// Package waf puts a REGIONAL AWS WAFv2 web ACL in front of an API Gateway stage, secure by default.
//
// Rules, in the order WAF evaluates them (priorities are fixed so a config change never reorders them):
//   - 0 deny-list: requests from DenyCIDRs are blocked;
//   - 1 allow-list: with AllowOnlyCIDRs, requests from anywhere else are blocked (an allow-list never lets a request
//     skip the rules below it);
//   - 2 geo block: requests from BlockCountries are blocked;
//   - 3 rate limit: more than RateLimit requests per source IP in the window (optionally only under a path prefix)
//     are answered 429;
//   - 4 body size: bodies over MaxBodyBytes, and bodies past what WAF can inspect, are blocked, so no payload hides
//     beyond the inspection window;
//   - 10 on: the AWS managed groups AmazonIpReputationList, KnownBadInputsRuleSet (Log4j among them),
//     SQLiRuleSet and CommonRuleSet (XSS, bad inputs), plus AnonymousIpList and BotControlRuleSet when asked. Each can
//     be put in count mode (CountOnly) while tuning: it then logs what it would block.
//
// Every rule and the ACL emit CloudWatch metrics and sampled requests. Blocks by this ACL's own rules answer a JSON
// body with no internals. Logs go to a CloudWatch log group named aws-waf-logs-<name> (the prefix WAF requires),
// with retention and the stack's log key, and with the authorization, cookie and x-api-key headers redacted.
//
// The ACL is associated with the stage's ARN (arn:aws:apigateway:{region}::/restapis/{id}/stages/{stage}), after
// the stage exists.
//
// The ACL, its IP sets, logging and association are registered through package awsres rather than pulumi-aws's
// wafv2 package: at 11.7 MB of generated Go, wafv2 was the most expensive package of a newcomer's first build. The
// property names are the SDK's, checked against its Args types by `make sdk-test`; WebACL.ACL exposes the ACL's id,
// ARN, name and capacity, and wafv2.GetWebAcl reads the SDK's full view of it by id.
package waf
