package monitoring

// Defaults a reviewer would accept for a production API; each is a Thresholds field's zero value's meaning.
const (
	// DefaultServerErrorPercent: more than 1% of requests failing server-side is an incident.
	DefaultServerErrorPercent = 1.0
	// DefaultClientErrorPercent: more than 10% refused or invalid requests is a broken client or an attack.
	DefaultClientErrorPercent = 10.0
	// DefaultLatencyP99Ms is well under API Gateway's 29 s integration limit and above a healthy Lambda's p99.
	DefaultLatencyP99Ms = 2500.0
	// DefaultIntegrationLatencyP99Ms leaves the gateway 500 ms of DefaultLatencyP99Ms.
	DefaultIntegrationLatencyP99Ms = 2000.0
	// DefaultWAFBlockedRequests per period is a spike, not the background noise of scanners.
	DefaultWAFBlockedRequests = 500.0
	// DefaultConcurrencyPercent of reserved concurrency leaves headroom before throttling starts.
	DefaultConcurrencyPercent = 80.0
	// DefaultPeriodSeconds is five minutes.
	DefaultPeriodSeconds = 300
	// DefaultEvaluationPeriods: two consecutive breaching periods.
	DefaultEvaluationPeriods = 2

	// The loosest thresholds accepted: past them an alarm fires only after the harm it is there to warn of.
	//
	// MaxClientErrorPercent: with more than half of all requests refused, most callers are already locked out.
	MaxClientErrorPercent = 50.0
	// MaxLatencyMs bounds both latency alarms: a p99 above 10 s is an outage for an interactive client, and API
	// Gateway cuts the integration at 29 s, so a threshold near that fires only once requests already time out.
	MaxLatencyMs = 10000.0
	// MaxWAFBlockedRequests per period: above it a flood of blocked requests goes unseen.
	MaxWAFBlockedRequests = 10000.0
	// MaxConcurrencyPercent leaves a tenth of reserved concurrency as warning: at 100 % the alarm fires only when
	// invocations are already throttled.
	MaxConcurrencyPercent = 90.0
	// TreatMissingData is every alarm's choice (see the package doc).
	TreatMissingData = "notBreaching"
)

func (t Thresholds) withDefaults() Thresholds {
	set := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	set(&t.ServerErrorPercent, DefaultServerErrorPercent)
	set(&t.ClientErrorPercent, DefaultClientErrorPercent)
	set(&t.LatencyP99Ms, DefaultLatencyP99Ms)
	set(&t.IntegrationLatencyP99Ms, DefaultIntegrationLatencyP99Ms)
	set(&t.WAFBlockedRequests, DefaultWAFBlockedRequests)
	set(&t.ConcurrencyPercent, DefaultConcurrencyPercent)
	if t.PeriodSeconds == 0 {
		t.PeriodSeconds = DefaultPeriodSeconds
	}
	if t.EvaluationPeriods == 0 {
		t.EvaluationPeriods = DefaultEvaluationPeriods
	}
	return t
}
