package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
)

// Monitoring is `monitoring`: alarms and a dashboard for the stage, on unless enabled is false. prod notifies a
// KMS-encrypted topic it creates (or topicArn); dev defaults to no topic (notify: false), as nobody is paged for dev.
type Monitoring struct {
	Enabled *bool `json:"enabled"`
	// Notify sends the alarms to a topic. Defaults to true in prod or with topicArn, false otherwise.
	Notify *bool `json:"notify"`
	// TopicArn is an existing topic to notify (another stack's) instead of a created one.
	TopicArn   string `json:"topicArn"`
	Thresholds struct {
		ServerErrorPercent      float64 `json:"serverErrorPercent"`
		ClientErrorPercent      float64 `json:"clientErrorPercent"`
		LatencyP99Ms            float64 `json:"latencyP99Ms"`
		IntegrationLatencyP99Ms float64 `json:"integrationLatencyP99Ms"`
		WAFBlockedRequests      float64 `json:"wafBlockedRequests"`
		ConcurrencyPercent      float64 `json:"concurrencyPercent"`
		PeriodSeconds           int     `json:"periodSeconds"`
		EvaluationPeriods       int     `json:"evaluationPeriods"`
	} `json:"thresholds"`
}

// monitoringFields are monitoring.Args' fields as `monitoring` keys; "" marks what config does not set (SecuredAPI
// fills in what it watches; Region is the stack's provider's, the monitoring default).
var monitoringFields = map[string]string{"Thresholds.WAFBlockedRequests": "thresholds.wafBlockedRequests",
	"NoTopic": "notify", "APIName": "", "StageName": "", "WebACLName": "", "Region": "", "Functions": "",
	"DashboardName": ""}

func (c Config) monitoringEnabled() bool { return c.Monitoring.Enabled == nil || *c.Monitoring.Enabled }

// notifies: prod pages someone, dev by default does not; naming a topic asks for notifications anywhere.
func (c Config) notifies() bool {
	if n := c.Monitoring.Notify; n != nil {
		return *n
	}
	return c.Environment == "prod" || c.Monitoring.TopicArn != ""
}

// monitoringArgs maps `monitoring` onto the SecuredAPI's monitoring; the SecuredAPI fills in what it watches.
func (c Config) monitoringArgs(ctx *pulumi.Context) *monitoring.Args {
	m := c.Monitoring
	t := m.Thresholds
	a := &monitoring.Args{NoTopic: !c.notifies(),
		Thresholds: monitoring.Thresholds{ServerErrorPercent: t.ServerErrorPercent,
			ClientErrorPercent: t.ClientErrorPercent, LatencyP99Ms: t.LatencyP99Ms,
			IntegrationLatencyP99Ms: t.IntegrationLatencyP99Ms, WAFBlockedRequests: t.WAFBlockedRequests,
			ConcurrencyPercent: t.ConcurrencyPercent, PeriodSeconds: t.PeriodSeconds,
			EvaluationPeriods: t.EvaluationPeriods}}
	if ctx != nil {
		a.DashboardName = ctx.Project() + "-" + ctx.Stack()
	}
	if m.TopicArn != "" {
		a.TopicArn = pulumi.String(m.TopicArn)
	}
	return a
}
