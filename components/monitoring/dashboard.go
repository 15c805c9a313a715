package monitoring

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Widget is one dashboard graph, in CloudWatch's dashboard-body format.
type Widget struct {
	Type       string           `json:"type"`
	X          int              `json:"x"`
	Y          int              `json:"y"`
	Width      int              `json:"width"`
	Height     int              `json:"height"`
	Properties WidgetProperties `json:"properties"`
}

// WidgetProperties are a metric widget's settings.
type WidgetProperties struct {
	Title   string  `json:"title"`
	Region  string  `json:"region"`
	View    string  `json:"view"`
	Stat    string  `json:"stat"`
	Period  int     `json:"period"`
	Metrics [][]any `json:"metrics"`
}

// Names are the resolved names a dashboard's metrics carry.
type Names struct {
	API, Stage, WebACL string
	Functions          map[string]string // label -> function name
	Labels             []string          // the functions' labels, in Args order
}

// Layout is the dashboard for names: requests, errors and latency of the stage, the web ACL's allowed and blocked
// requests, and each function's health, two graphs to a row. Exported so docs/operating.md's picture is drawn from it.
func Layout(region string, period int, n Names) []Widget {
	stage := func(metric, stat string) []any {
		return []any{"AWS/ApiGateway", metric, "ApiName", n.API, "Stage", n.Stage, map[string]any{"stat": stat}}
	}
	graphs := []WidgetProperties{
		{Title: "Requests", Stat: "Sum", Metrics: [][]any{stage("Count", "Sum")}},
		{Title: "Errors (4XX, 5XX)", Stat: "Sum", Metrics: [][]any{stage("4XXError", "Sum"), stage("5XXError", "Sum")}},
		{Title: "Latency p50, p90, p99 (ms)", Stat: "p99", Metrics: [][]any{stage("Latency", "p50"),
			stage("Latency", "p90"), stage("Latency", "p99")}},
		{Title: "Integration latency p50, p90, p99 (ms)", Stat: "p99", Metrics: [][]any{
			stage("IntegrationLatency", "p50"), stage("IntegrationLatency", "p90"), stage("IntegrationLatency", "p99")}},
	}
	if n.WebACL != "" {
		acl := func(metric string) []any {
			return []any{"AWS/WAFV2", metric, "WebACL", n.WebACL, "Region", region, "Rule", "ALL"}
		}
		graphs = append(graphs, WidgetProperties{Title: "WAF allowed and blocked", Stat: "Sum",
			Metrics: [][]any{acl("AllowedRequests"), acl("BlockedRequests")}})
	}
	for _, label := range n.Labels {
		fn := func(metric, stat string) []any {
			return []any{"AWS/Lambda", metric, "FunctionName", n.Functions[label], map[string]any{"stat": stat}}
		}
		graphs = append(graphs, WidgetProperties{Title: label + ": invocations, errors, throttles", Stat: "Sum",
			Metrics: [][]any{fn("Invocations", "Sum"), fn("Errors", "Sum"), fn("Throttles", "Sum")}},
			WidgetProperties{Title: label + ": duration p99 and concurrency", Stat: "p99",
				Metrics: [][]any{fn("Duration", "p99"), fn("ConcurrentExecutions", "Maximum")}})
	}
	widgets := make([]Widget, len(graphs))
	for i, g := range graphs {
		g.Region, g.View, g.Period = region, "timeSeries", period
		widgets[i] = Widget{Type: "metric", X: (i % 2) * 12, Y: (i / 2) * 6, Width: 12, Height: 6, Properties: g}
	}
	return widgets
}

func (b *builder) dashboard() error {
	inputs := []any{b.region, b.a.APIName, b.a.StageName}
	if b.a.WebACLName != nil {
		inputs = append(inputs, b.a.WebACLName)
	}
	var labels []string
	for _, f := range b.a.Functions {
		inputs = append(inputs, f.FunctionName)
		labels = append(labels, f.Label)
	}
	body := pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		region := v[0].(string)
		n := Names{API: v[1].(string), Stage: v[2].(string), Functions: map[string]string{}, Labels: labels}
		rest := v[3:]
		if b.a.WebACLName != nil {
			n.WebACL, rest = rest[0].(string), rest[1:]
		}
		for i, label := range labels {
			n.Functions[label] = rest[i].(string)
		}
		out, err := json.Marshal(map[string]any{"widgets": Layout(region, b.a.Thresholds.PeriodSeconds, n)})
		return string(out), err
	}).(pulumi.StringOutput)
	d, err := cloudwatch.NewDashboard(b.ctx, b.name+"-dashboard", &cloudwatch.DashboardArgs{
		DashboardName: pulumi.String(b.a.DashboardName),
		DashboardBody: body,
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create dashboard: %w", err)
	}
	b.c.DashboardName = d.DashboardName
	return nil
}
