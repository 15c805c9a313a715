package monitoring

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Args configures the monitoring of one stage. APIName and StageName are required.
type Args struct {
	// APIName is the REST API's name (restapi.RestAPI.API.Name): API Gateway's metrics are keyed by ApiName and
	// Stage, not by the API's id. Required.
	APIName pulumi.StringInput
	// StageName is the stage (restapi.RestAPI.StageName). Required.
	StageName pulumi.StringInput
	// WebACLName is the stage's web ACL (waf.WebACL.ACL.Name), for the blocked-requests alarm. Optional.
	WebACLName pulumi.StringInput
	// Region is the stack's region, e.g. "eu-west-1": the WAF metrics' Region dimension and the dashboard's.
	// Optional; defaults to the region of the AWS provider the component is given (or the default provider's).
	Region string
	// Functions are the Lambda functions to watch: the backend, the JWT authorizer. Optional.
	Functions []Function
	// Thresholds tune the alarms. Optional; every zero field takes its default (defaults.go).
	Thresholds Thresholds
	// TopicArn notifies an existing SNS topic (another stack's) instead of creating one. Optional.
	TopicArn pulumi.StringInput
	// TopicKeyArn encrypts the created topic with an existing customer-managed key; its key policy must let
	// cloudwatch.amazonaws.com use it (kms:Decrypt, kms:GenerateDataKey*). Optional; defaults to a new key.
	TopicKeyArn pulumi.StringInput
	// NoTopic creates no topic: the alarms notify no one (dev). Optional; refused with TopicArn or TopicKeyArn.
	NoTopic bool
	// DashboardName names the dashboard, unique per account: 1 to 255 letters, digits, '-' or '_'. Optional;
	// defaults to the instance name.
	DashboardName string
	// Tags are applied to the alarms, the topic and its key. Optional. (Nothing here holds data worth protecting:
	// the key encrypts notifications in transit through SNS, and a deleted key stays recoverable for 30 days.)
	Tags pulumi.StringMap
}

// Function is one Lambda function to watch.
type Function struct {
	// Label names the function in the alarms and on the dashboard ("backend", "authorizer"): 1 to 64 letters,
	// digits, '-' or '_', unique. Required.
	Label string
	// FunctionName is the function's name (the FunctionName dimension). Required.
	FunctionName pulumi.StringInput
	// ReservedConcurrency is the function's reserved concurrency: with it, an alarm fires when concurrent executions
	// reach Thresholds.ConcurrencyPercent of it (beyond it, invocations are throttled). Optional.
	ReservedConcurrency *int
}

// Thresholds are the alarms' limits. Zero means the default.
type Thresholds struct {
	// ServerErrorPercent is the 5XX share of requests, above which the API is failing. Default 1.
	ServerErrorPercent float64
	// ClientErrorPercent is the 4XX share of requests (refused tokens, throttling, validation). Default 10.
	ClientErrorPercent float64
	// LatencyP99Ms is the p99 of the gateway's whole answer time. Default 2500.
	LatencyP99Ms float64
	// IntegrationLatencyP99Ms is the p99 of the backend's answer time. Default 2000.
	IntegrationLatencyP99Ms float64
	// WAFBlockedRequests is the blocked requests per period that count as a spike. Default 500.
	WAFBlockedRequests float64
	// ConcurrencyPercent is the share of reserved concurrency that is near the limit. Default 80.
	ConcurrencyPercent float64
	// PeriodSeconds is each datapoint's period, 60 or a multiple of 60. Default 300.
	PeriodSeconds int
	// EvaluationPeriods is how many consecutive breaching periods raise an alarm, 1 to 10. Default 2 (a single
	// bad period is noise; two is a trend).
	EvaluationPeriods int
}
