package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
)

// Monitoring is SecuredApi's monitoring block: alarms, their topic and a dashboard.
type Monitoring struct {
	APIName       pulumi.StringInput  `pulumi:"apiName,optional"`
	StageName     pulumi.StringInput  `pulumi:"stageName,optional"`
	WebACLName    pulumi.StringInput  `pulumi:"webAclName,optional"`
	Region        string              `pulumi:"region,optional"`
	Functions     []MonitoredFunction `pulumi:"functions,optional"`
	Thresholds    *Thresholds         `pulumi:"thresholds,optional"`
	TopicArn      pulumi.StringInput  `pulumi:"topicArn,optional"`
	TopicKeyArn   pulumi.StringInput  `pulumi:"topicKeyArn,optional"`
	NoTopic       bool                `pulumi:"noTopic,optional"`
	DashboardName string              `pulumi:"dashboardName,optional"`
	Tags          map[string]string   `pulumi:"tags,optional"`
}

// Annotate documents Monitoring in the schema.
func (m *Monitoring) Annotate(an infer.Annotator) {
	an.Describe(&m.APIName, "The REST API's name (the metrics' ApiName). Defaults to the SecuredApi's API.")
	an.Describe(&m.StageName, "The stage. Defaults to the SecuredApi's.")
	an.Describe(&m.WebACLName, "The web ACL whose blocked requests are alarmed. Defaults to the one the SecuredApi "+
		"creates.")
	an.Describe(&m.Region, `The region of the metrics, e.g. "eu-west-1". Defaults to the AWS provider's region.`)
	an.Describe(&m.Functions, "The functions to watch. Defaults to the backend and the JWT authorizer.")
	an.Describe(&m.Thresholds, "The alarms' limits; every unset one takes its default.")
	an.Describe(&m.TopicArn, "An existing SNS topic to notify instead of creating one.")
	an.Describe(&m.TopicKeyArn, "An existing customer-managed key for the created topic (CloudWatch must be allowed "+
		"to use it). Defaults to a new key.")
	an.Describe(&m.NoTopic, "Creates no topic: the alarms notify no one (dev); the baseline fails it in prod.")
	an.Describe(&m.DashboardName, "The dashboard's name, unique per account. Defaults to the resource name.")
	an.Describe(&m.Tags, "Tags applied to the alarms, topic and key (defaults to the SecuredApi's).")
}

// MonitoredFunction is a Lambda function the alarms watch.
type MonitoredFunction struct {
	Label               string             `pulumi:"label"`
	FunctionName        pulumi.StringInput `pulumi:"functionName"`
	ReservedConcurrency *int               `pulumi:"reservedConcurrency,optional"`
}

// Annotate documents MonitoredFunction in the schema.
func (f *MonitoredFunction) Annotate(an infer.Annotator) {
	an.Describe(&f.Label, `Names the function in alarms and on the dashboard ("backend").`)
	an.Describe(&f.FunctionName, "The function's name.")
	an.Describe(&f.ReservedConcurrency, "Its reserved concurrency: an alarm fires near it.")
}

// Thresholds are the alarms' limits.
type Thresholds struct {
	ServerErrorPercent      float64 `pulumi:"serverErrorPercent,optional"`
	ClientErrorPercent      float64 `pulumi:"clientErrorPercent,optional"`
	LatencyP99Ms            float64 `pulumi:"latencyP99Ms,optional"`
	IntegrationLatencyP99Ms float64 `pulumi:"integrationLatencyP99Ms,optional"`
	WAFBlockedRequests      float64 `pulumi:"wafBlockedRequests,optional"`
	ConcurrencyPercent      float64 `pulumi:"concurrencyPercent,optional"`
	PeriodSeconds           int     `pulumi:"periodSeconds,optional"`
	EvaluationPeriods       int     `pulumi:"evaluationPeriods,optional"`
}

// Annotate documents Thresholds in the schema.
func (t *Thresholds) Annotate(an infer.Annotator) {
	an.Describe(&t.ServerErrorPercent, "The 5XX share of requests that is an incident. Defaults to 1.")
	an.Describe(&t.ClientErrorPercent, "The 4XX share of requests that is a broken client or an attack. Defaults to 10.")
	an.Describe(&t.LatencyP99Ms, "The p99 of the gateway's answer time. Defaults to 2500.")
	an.Describe(&t.IntegrationLatencyP99Ms, "The p99 of the backend's answer time. Defaults to 2000.")
	an.Describe(&t.WAFBlockedRequests, "Blocked requests per period that are a spike. Defaults to 500.")
	an.Describe(&t.ConcurrencyPercent, "The share of reserved concurrency that is near the limit. Defaults to 80.")
	an.Describe(&t.PeriodSeconds, "Each datapoint's period, a multiple of 60. Defaults to 300.")
	an.Describe(&t.EvaluationPeriods, "Consecutive breaching periods that raise an alarm, 1 to 10. Defaults to 2.")
}

func (m Monitoring) monitoringArgs() *monitoring.Args {
	a := &monitoring.Args{APIName: m.APIName, StageName: m.StageName, WebACLName: m.WebACLName, Region: m.Region,
		TopicArn: m.TopicArn, TopicKeyArn: m.TopicKeyArn, NoTopic: m.NoTopic, DashboardName: m.DashboardName,
		Tags: tags(m.Tags)}
	for _, f := range m.Functions {
		a.Functions = append(a.Functions, monitoring.Function{Label: f.Label, FunctionName: f.FunctionName,
			ReservedConcurrency: f.ReservedConcurrency})
	}
	if t := m.Thresholds; t != nil {
		a.Thresholds = monitoring.Thresholds{ServerErrorPercent: t.ServerErrorPercent,
			ClientErrorPercent: t.ClientErrorPercent, LatencyP99Ms: t.LatencyP99Ms,
			IntegrationLatencyP99Ms: t.IntegrationLatencyP99Ms, WAFBlockedRequests: t.WAFBlockedRequests,
			ConcurrencyPercent: t.ConcurrencyPercent, PeriodSeconds: t.PeriodSeconds,
			EvaluationPeriods: t.EvaluationPeriods}
	}
	return a
}
