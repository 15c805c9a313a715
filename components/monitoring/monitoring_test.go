package monitoring_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

const alarmType = "aws:cloudwatch/metricAlarm:MetricAlarm"

func args() *monitoring.Args {
	reserved := 10
	return &monitoring.Args{APIName: pulumi.String("shop-api"), StageName: pulumi.String("v1"),
		WebACLName: pulumi.String("shop-prod"), Region: "eu-west-1",
		Functions: []monitoring.Function{
			{Label: "backend", FunctionName: pulumi.String("shop-backend"), ReservedConcurrency: &reserved},
			{Label: "authorizer", FunctionName: pulumi.String("shop-authorizer")},
		}}
}

func run(t *testing.T, mut func(*monitoring.Args)) (*mockengine.Engine, error) {
	t.Helper()
	a := args()
	if mut != nil {
		mut(a)
	}
	return mockengine.Evaluate(func(ctx *pulumi.Context) error {
		_, err := monitoring.New(ctx, "shop", a)
		return err
	})
}

func TestEveryAlarmWatchesItsMetricAndNotifiesTheEncryptedTopic(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	assert.Empty(t, e.OwnershipProblems(monitoring.TypeToken, "shop"))

	topic := e.Named("aws:sns/topic:Topic", "shop-alarms")
	require.NotNil(t, topic)
	key := e.Named("aws:kms/key:Key", "shop-topic-key")
	require.NotNil(t, key, "a customer-managed key, not alias/aws/sns")
	assert.Equal(t, key.Outputs["arn"].StringValue(), topic.Str("kmsMasterKeyId"))
	var policy struct {
		Statement []struct {
			Principal map[string]string
			Action    any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(key.Str("policy")), &policy))
	require.Len(t, policy.Statement, 2)
	assert.Equal(t, "cloudwatch.amazonaws.com", policy.Statement[1].Principal["Service"],
		"CloudWatch must be able to publish to the encrypted topic")
	assert.ElementsMatch(t, []any{"kms:Decrypt", "kms:GenerateDataKey*"}, policy.Statement[1].Action)

	want := map[string][3]string{ // name: namespace, metric, statistic
		"shop-5xx":                     {"AWS/ApiGateway", "5XXError", "Average"},
		"shop-4xx":                     {"AWS/ApiGateway", "4XXError", "Average"},
		"shop-latency-p99":             {"AWS/ApiGateway", "Latency", "p99"},
		"shop-integration-latency-p99": {"AWS/ApiGateway", "IntegrationLatency", "p99"},
		"shop-waf-blocked":             {"AWS/WAFV2", "BlockedRequests", "Sum"},
		"shop-backend-errors":          {"AWS/Lambda", "Errors", "Sum"},
		"shop-backend-throttles":       {"AWS/Lambda", "Throttles", "Sum"},
		"shop-backend-concurrency":     {"AWS/Lambda", "ConcurrentExecutions", "Maximum"},
		"shop-authorizer-errors":       {"AWS/Lambda", "Errors", "Sum"},
		"shop-authorizer-throttles":    {"AWS/Lambda", "Throttles", "Sum"},
	}
	alarms := e.ByType(alarmType)
	require.Len(t, alarms, len(want), "no concurrency alarm for a function without a reservation")
	for _, al := range alarms {
		w, ok := want[al.Name]
		require.True(t, ok, al.Name)
		assert.Equal(t, w[0], al.Str("namespace"), al.Name)
		assert.Equal(t, w[1], al.Str("metricName"), al.Name)
		stat := al.Str("statistic")
		if stat == "" {
			stat = al.Str("extendedStatistic")
		}
		assert.Equal(t, w[2], stat, al.Name)
		assert.Equal(t, topic.Outputs["arn"].StringValue(), al.Str("alarmActions.0"), "%s notifies", al.Name)
		assert.Equal(t, topic.Outputs["arn"].StringValue(), al.Str("okActions.0"), "%s announces recovery", al.Name)
		assert.Equal(t, "notBreaching", al.Str("treatMissingData"), al.Name)
		assert.NotEmpty(t, al.Str("alarmDescription"), al.Name)
	}
	fivexx := e.Named(alarmType, "shop-5xx")
	assert.Equal(t, "shop-api", fivexx.Str("dimensions.ApiName"))
	assert.Equal(t, "v1", fivexx.Str("dimensions.Stage"))
	threshold, _ := fivexx.Num("threshold")
	assert.InDelta(t, 0.01, threshold, 1e-9, "1% as the Average of 5XXError (1 per failing request)")
	waf := e.Named(alarmType, "shop-waf-blocked")
	assert.Equal(t, "shop-prod", waf.Str("dimensions.WebACL"))
	assert.Equal(t, "eu-west-1", waf.Str("dimensions.Region"))
	assert.Equal(t, "ALL", waf.Str("dimensions.Rule"))
	conc := e.Named(alarmType, "shop-backend-concurrency")
	limit, _ := conc.Num("threshold")
	assert.Equal(t, 8.0, limit, "80% of 10 reserved")
	assert.Equal(t, "GreaterThanOrEqualToThreshold", conc.Str("comparisonOperator"))
}

func TestTheDashboardShowsTheStageTheACLAndEachFunction(t *testing.T) {
	e, err := run(t, nil)
	require.NoError(t, err)
	d := e.Named("aws:cloudwatch/dashboard:Dashboard", "shop-dashboard")
	require.NotNil(t, d)
	assert.Equal(t, "shop", d.Str("dashboardName"))
	var body struct{ Widgets []monitoring.Widget }
	require.NoError(t, json.Unmarshal([]byte(d.Str("dashboardBody")), &body))
	var titles []string
	for _, w := range body.Widgets {
		titles = append(titles, w.Properties.Title)
		assert.Equal(t, "eu-west-1", w.Properties.Region)
	}
	assert.Equal(t, []string{"Requests", "Errors (4XX, 5XX)", "Latency p50, p90, p99 (ms)",
		"Integration latency p50, p90, p99 (ms)", "WAF allowed and blocked",
		"backend: invocations, errors, throttles", "backend: duration p99 and concurrency",
		"authorizer: invocations, errors, throttles", "authorizer: duration p99 and concurrency"}, titles)
	assert.Contains(t, d.Str("dashboardBody"), `"ApiName","shop-api","Stage","v1"`)
	assert.Contains(t, d.Str("dashboardBody"), `"FunctionName","shop-authorizer"`)
}

func TestAnExistingTopicOrNone(t *testing.T) {
	shared := "arn:aws:sns:eu-west-1:123456789012:platform-alarms"
	e, err := run(t, func(a *monitoring.Args) { a.TopicArn = pulumi.String(shared) })
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"))
	assert.Empty(t, e.ByType("aws:kms/key:Key"))
	assert.Equal(t, shared, e.Named(alarmType, "shop-5xx").Str("alarmActions.0"))

	e, err = run(t, func(a *monitoring.Args) { a.NoTopic = true })
	require.NoError(t, err)
	assert.Empty(t, e.ByType("aws:sns/topic:Topic"))
	assert.Nil(t, e.Named(alarmType, "shop-5xx").Inputs["alarmActions"].V, "dev: the alarms notify no one")
}

func TestInvalidArgsAreRefusedNamingTheFieldAndRegisterNothing(t *testing.T) {
	zero := 0
	for name, tc := range map[string]struct {
		mut  func(*monitoring.Args)
		want string
	}{
		"no API":          {func(a *monitoring.Args) { a.APIName = nil }, "APIName: required"},
		"no stage":        {func(a *monitoring.Args) { a.StageName = nil }, "StageName: required"},
		"region":          {func(a *monitoring.Args) { a.Region = "Ireland" }, `Region: "Ireland"`},
		"topic and none":  {func(a *monitoring.Args) { a.NoTopic, a.TopicArn = true, pulumi.String("arn") }, "NoTopic"},
		"key for a given": {func(a *monitoring.Args) { a.TopicArn, a.TopicKeyArn = pulumi.String("a"), pulumi.String("k") }, "TopicKeyArn"},
		"label":           {func(a *monitoring.Args) { a.Functions[1].Label = "backend" }, `Functions[1].Label: "backend" is used twice`},
		"reserved 0":      {func(a *monitoring.Args) { a.Functions[0].ReservedConcurrency = &zero }, "Functions[0].ReservedConcurrency"},
		"percent":         {func(a *monitoring.Args) { a.Thresholds.ServerErrorPercent = 150 }, "Thresholds.ServerErrorPercent: 150"},
		"period":          {func(a *monitoring.Args) { a.Thresholds.PeriodSeconds = 90 }, "Thresholds.PeriodSeconds: 90"},
		"evaluations":     {func(a *monitoring.Args) { a.Thresholds.EvaluationPeriods = 11 }, "Thresholds.EvaluationPeriods: 11"},
		// Just past each loosest threshold: the alarm would fire only after the harm.
		"4XX past half":                        {func(a *monitoring.Args) { a.Thresholds.ClientErrorPercent = 50.1 }, "Thresholds.ClientErrorPercent: 50.1 is out of range; allowed: above 0, at most 50"},
		"concurrency at 100 %":                 {func(a *monitoring.Args) { a.Thresholds.ConcurrencyPercent = 90.1 }, "Thresholds.ConcurrencyPercent: 90.1 is out of range; allowed: above 0, at most 90"},
		"latency near the timeout":             {func(a *monitoring.Args) { a.Thresholds.LatencyP99Ms = 10001 }, "Thresholds.LatencyP99Ms: 10001 is out of range; allowed: above 0, at most 10000 ms"},
		"integration latency near the timeout": {func(a *monitoring.Args) { a.Thresholds.IntegrationLatencyP99Ms = 10001 }, "Thresholds.IntegrationLatencyP99Ms: 10001 is out of range"},
		"blocked requests unseen":              {func(a *monitoring.Args) { a.Thresholds.WAFBlockedRequests = 10001 }, "Thresholds.WAFBlockedRequests: 10001 is out of range"},
		"dashboard":                            {func(a *monitoring.Args) { a.DashboardName = "a b" }, "DashboardName"},
		"topic not SNS": {func(a *monitoring.Args) { a.TopicArn = pulumi.String("arn:aws:sqs:eu-west-1:123456789012:q") },
			`TopicArn: "arn:aws:sqs:eu-west-1:123456789012:q" is not an SNS topic ARN`},
	} {
		t.Run(name, func(t *testing.T) {
			e, err := run(t, tc.mut)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, e.Resources())
		})
	}
}

// Without Region, the WAF metrics' Region dimension and the dashboard's region are the provider's region.
func TestRegionDefaultsToTheProviders(t *testing.T) {
	e, err := run(t, func(a *monitoring.Args) { a.Region = "" })
	require.NoError(t, err)
	assert.Equal(t, e.Region, e.Named(alarmType, "shop-waf-blocked").Str("dimensions.Region"))
	var body struct{ Widgets []monitoring.Widget }
	require.NoError(t, json.Unmarshal([]byte(e.ByType("aws:cloudwatch/dashboard:Dashboard")[0].Str("dashboardBody")), &body))
	require.NotEmpty(t, body.Widgets)
	for _, w := range body.Widgets {
		assert.Equal(t, e.Region, w.Properties.Region)
	}
}
