package monitoring

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var (
	labelPattern     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	dashboardPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	regionPattern    = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	// topicArnPattern is an SNS topic's ARN in any partition: arn:aws:sns:eu-west-1:123456789012:name.
	topicArnPattern = regexp.MustCompile(`^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$`)
)

// Validate reports every problem with the Args at once, each naming its field.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("monitoring: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if a.APIName == nil {
		bad("APIName: required: the REST API's name (API Gateway's metrics are keyed by it)")
	}
	if a.StageName == nil {
		bad("StageName: required: the stage the alarms watch")
	}
	if a.Region != "" && !regionPattern.MatchString(a.Region) {
		bad("Region: %q is not an AWS region name (e.g. eu-west-1)", a.Region)
	}
	if a.DashboardName != "" && !dashboardPattern.MatchString(a.DashboardName) {
		bad("DashboardName: %q is not allowed; 1 to 255 letters, digits, '-' or '_'", a.DashboardName)
	}
	if a.NoTopic && (a.TopicArn != nil || a.TopicKeyArn != nil) {
		bad("NoTopic: refused with TopicArn or TopicKeyArn: choose a topic or none")
	}
	// A literal ARN is checked now; one taken from another stack's output is known only at deploy time.
	if lit, ok := a.TopicArn.(pulumi.String); ok && !topicArnPattern.MatchString(string(lit)) {
		bad("TopicArn: %q is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)", string(lit))
	}
	if a.TopicArn != nil && a.TopicKeyArn != nil {
		bad("TopicKeyArn: encrypts a created topic; TopicArn names an existing one")
	}
	seen := map[string]bool{}
	for i, f := range a.Functions {
		switch {
		case !labelPattern.MatchString(f.Label):
			bad("Functions[%d].Label: %q is not allowed; 1 to 64 letters, digits, '-' or '_'", i, f.Label)
		case seen[f.Label]:
			bad("Functions[%d].Label: %q is used twice", i, f.Label)
		}
		seen[f.Label] = true
		if f.FunctionName == nil {
			bad("Functions[%d].FunctionName: required", i)
		}
		if f.ReservedConcurrency != nil && *f.ReservedConcurrency < 1 {
			bad("Functions[%d].ReservedConcurrency: %d; at least 1 (a function reserved at 0 never runs)", i,
				*f.ReservedConcurrency)
		}
	}
	t := a.Thresholds
	for _, p := range []struct {
		field, why string
		v, limit   float64
	}{
		{"ServerErrorPercent", "", t.ServerErrorPercent, 100},
		{"ClientErrorPercent", " (above it most callers are refused before it fires)", t.ClientErrorPercent, MaxClientErrorPercent},
		{"ConcurrencyPercent", " (at 100 it fires only once invocations are throttled)", t.ConcurrencyPercent, MaxConcurrencyPercent},
	} {
		if p.v < 0 || p.v > p.limit {
			bad("Thresholds.%s: %g is out of range; allowed: above 0, at most %g%s (0 takes the default)", p.field, p.v, p.limit, p.why)
		}
	}
	for _, p := range []struct {
		field, unit, why string
		v, limit         float64
	}{
		{"LatencyP99Ms", "ms", "a p99 past 10 s is already an outage; API Gateway cuts integrations at 29 s", t.LatencyP99Ms, MaxLatencyMs},
		{"IntegrationLatencyP99Ms", "ms", "a p99 past 10 s is already an outage; API Gateway cuts integrations at 29 s", t.IntegrationLatencyP99Ms, MaxLatencyMs},
		{"WAFBlockedRequests", "blocked requests per period", "above it a flood goes unseen", t.WAFBlockedRequests, MaxWAFBlockedRequests},
	} {
		if p.v < 0 || p.v > p.limit {
			bad("Thresholds.%s: %g is out of range; allowed: above 0, at most %g %s (%s; 0 takes the default)", p.field, p.v, p.limit, p.unit, p.why)
		}
	}
	if t.PeriodSeconds < 0 || t.PeriodSeconds%60 != 0 {
		bad("Thresholds.PeriodSeconds: %d; allowed: a multiple of 60 (0 takes the default 300)", t.PeriodSeconds)
	}
	if t.EvaluationPeriods < 0 || t.EvaluationPeriods > 10 {
		bad("Thresholds.EvaluationPeriods: %d is out of range; allowed: 1 to 10 (0 takes the default 2)",
			t.EvaluationPeriods)
	}
	return errors.Join(errs...)
}
