// Package monitoring watches one API stage: CloudWatch alarms with a description saying what each means and what to
// do, notifying an SNS topic encrypted with a customer-managed key (or a topic passed in), and a dashboard.
//
// The alarms, per stage: the 5XX and 4XX rates (the Average of API Gateway's 5XXError and 4XXError, which count 1
// per failing request), the p99 of Latency and of IntegrationLatency, a spike of the web ACL's BlockedRequests, and
// per function (the backend, the JWT authorizer): Errors, Throttles and, when it has reserved concurrency,
// ConcurrentExecutions near that limit. An authorizer's failures show as its function's Errors: API Gateway
// publishes no authorizer metric. Usage-plan quotas have no CloudWatch metric at all (API Gateway reports them only
// through its GetUsage API), so no alarm can watch them.
//
// treatMissingData is notBreaching on every alarm, on purpose: API Gateway and Lambda publish no datapoint for a
// period without requests or invocations, and an idle API is not failing. An API that should never be idle needs a
// canary (a synthetic request every minute), not a missing-data alarm.
//
// Every alarm notifies the topic on ALARM and on OK, so the recovery is announced as the failure was. Without a topic
// (NoTopic, for dev) the alarms still show in the console and on the dashboard; the baseline's prod rule fails such
// a stack.
package monitoring
