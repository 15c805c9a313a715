package monitoring

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/kmskey"
)

// TypeToken is the component's type.
const TypeToken = "secure-apigw:monitoring:Monitoring" //nolint:gosec // G101: a Pulumi type token, not a credential

// Monitoring is one stage's alarms, their topic and its dashboard.
type Monitoring struct {
	pulumi.ResourceState

	// Alarms are the metric alarms by kind ("5xx", "latency-p99", "backend-errors", …).
	Alarms map[string]*cloudwatch.MetricAlarm

	// TopicArn is the topic the alarms notify; empty with NoTopic.
	TopicArn pulumi.StringOutput `pulumi:"topicArn"`
	// DashboardName is the dashboard's name.
	DashboardName pulumi.StringOutput `pulumi:"dashboardName"`
}

// New creates the topic (unless given or NoTopic), the alarms and the dashboard.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Monitoring, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("monitoring %q: %w", name, err)
	}
	a := *args
	a.Thresholds = a.Thresholds.withDefaults()
	if a.DashboardName == "" {
		a.DashboardName = name
	}
	c := &Monitoring{Alarms: map[string]*cloudwatch.MetricAlarm{}}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, a: a, c: c, parent: pulumi.Parent(c)}
	if a.Region != "" {
		b.region = pulumi.String(a.Region).ToStringOutput()
	} else {
		// The provider's region, as kmskey reads it: the component may be given a provider of another region.
		b.region = aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, pulumi.Parent(c)).Name()
	}
	for _, step := range []func() error{b.topic, b.alarms, b.dashboard} {
		if err := step(); err != nil {
			return nil, fmt.Errorf("monitoring %q: %w", name, err)
		}
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"topicArn": c.TopicArn,
		"dashboardName": c.DashboardName}); err != nil {
		return nil, err
	}
	return c, nil
}

type builder struct {
	ctx     *pulumi.Context
	name    string
	a       Args
	c       *Monitoring
	parent  pulumi.ResourceOption
	actions pulumi.Array
	region  pulumi.StringOutput
}

func (b *builder) topic() error {
	switch {
	case b.a.NoTopic:
		b.c.TopicArn = pulumi.String("").ToStringOutput()
		return nil
	case b.a.TopicArn != nil:
		b.c.TopicArn = b.a.TopicArn.ToStringOutput()
	default:
		keyArn := b.a.TopicKeyArn
		if keyArn == nil {
			key, err := kmskey.New(b.ctx, b.name+"-topic", kmskey.Spec{
				Description: "Encrypts the alarm topic", Tags: b.a.Tags, Policy: TopicKeyPolicy,
			}, b.c)
			if err != nil {
				return err
			}
			keyArn = key.Arn
		}
		topic, err := sns.NewTopic(b.ctx, b.name+"-alarms", &sns.TopicArgs{
			KmsMasterKeyId: keyArn,
			Tags:           b.a.Tags,
		}, b.parent)
		if err != nil {
			return fmt.Errorf("create alarm topic: %w", err)
		}
		b.c.TopicArn = topic.Arn
	}
	b.actions = pulumi.Array{b.c.TopicArn}
	return nil
}

// TopicKeyPolicy lets the account administer the key through IAM and CloudWatch use it to publish alarms to the
// encrypted topic: without kms:GenerateDataKey* and kms:Decrypt for cloudwatch.amazonaws.com, notifications to an
// encrypted topic are silently dropped.
func TopicKeyPolicy(accountID, _ string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			kmskey.AccountAdministersThroughIAM(accountID),
			map[string]any{
				"Sid":       "CloudWatchPublishesAlarmsToTheEncryptedTopic",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
				"Action":    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
				"Resource":  "*",
			},
		},
	}
	out, err := json.Marshal(doc)
	return string(out), err
}

// alarm is one metric alarm: a statistic of one metric above a threshold.
type alarm struct {
	kind, description   string
	namespace, metric   string
	dimensions          pulumi.StringMap
	statistic, extended string
	threshold           float64
	comparison          string
}

func (b *builder) alarms() error {
	t := b.a.Thresholds
	stage := pulumi.StringMap{"ApiName": b.a.APIName, "Stage": b.a.StageName}
	list := []alarm{
		{kind: "5xx", namespace: "AWS/ApiGateway", metric: "5XXError", dimensions: stage, statistic: "Average",
			threshold: t.ServerErrorPercent / 100,
			description: fmt.Sprintf("More than %g%% of requests fail with a 5XX: the backend or its integration is "+
				"failing. Look at the access log's integrationError and errorType, then the function's log.",
				t.ServerErrorPercent)},
		{kind: "4xx", namespace: "AWS/ApiGateway", metric: "4XXError", dimensions: stage, statistic: "Average",
			threshold: t.ClientErrorPercent / 100,
			description: fmt.Sprintf("More than %g%% of requests are refused with a 4XX: a client sends bad or expired "+
				"tokens, is throttled (429) or blocked by the WAF, or a release broke the contract. Group the access log "+
				"by status, errorType and apiKeyId.", t.ClientErrorPercent)},
		{kind: "latency-p99", namespace: "AWS/ApiGateway", metric: "Latency", dimensions: stage, extended: "p99",
			threshold: t.LatencyP99Ms,
			description: fmt.Sprintf("The slowest 1%% of answers take over %g ms end to end. If IntegrationLatency is "+
				"high too the backend is slow; if not, look at the authorizer's duration and the WAF.", t.LatencyP99Ms)},
		{kind: "integration-latency-p99", namespace: "AWS/ApiGateway", metric: "IntegrationLatency",
			dimensions: stage, extended: "p99", threshold: t.IntegrationLatencyP99Ms,
			description: fmt.Sprintf("The backend's slowest 1%% of answers take over %g ms: look at the function's "+
				"duration, cold starts and its own dependencies.", t.IntegrationLatencyP99Ms)},
	}
	if b.a.WebACLName != nil {
		list = append(list, alarm{kind: "waf-blocked", namespace: "AWS/WAFV2", metric: "BlockedRequests",
			dimensions: pulumi.StringMap{"WebACL": b.a.WebACLName, "Region": b.region,
				"Rule": pulumi.String("ALL")},
			statistic: "Sum", threshold: t.WAFBlockedRequests,
			description: fmt.Sprintf("The web ACL blocked over %g requests in %d s: an attack, or a rule blocking real "+
				"users. Query the WAF log for terminatingRuleId and clientIp before changing a rule.",
				t.WAFBlockedRequests, t.PeriodSeconds)})
	}
	for _, f := range b.a.Functions {
		fn := pulumi.StringMap{"FunctionName": f.FunctionName}
		list = append(list,
			alarm{kind: f.Label + "-errors", namespace: "AWS/Lambda", metric: "Errors", dimensions: fn,
				statistic: "Sum", threshold: 0,
				description: fmt.Sprintf("The %s function failed (an error or a timeout). Read its log group; an "+
					"authorizer's failure is a 500 to callers.", f.Label)},
			alarm{kind: f.Label + "-throttles", namespace: "AWS/Lambda", metric: "Throttles", dimensions: fn,
				statistic: "Sum", threshold: 0,
				description: fmt.Sprintf("The %s function was throttled: its reserved concurrency or the account's "+
					"limit is reached. Raise the reservation or lower the stage's throttle.", f.Label)})
		if f.ReservedConcurrency != nil {
			limit := float64(*f.ReservedConcurrency) * t.ConcurrencyPercent / 100
			list = append(list, alarm{kind: f.Label + "-concurrency", namespace: "AWS/Lambda",
				metric: "ConcurrentExecutions", dimensions: fn, statistic: "Maximum", threshold: limit,
				comparison: "GreaterThanOrEqualToThreshold",
				description: fmt.Sprintf("The %s function ran %g or more at once, %g%% of its reserved %d: throttling "+
					"is near. Raise the reservation or lower the stage's throttle.", f.Label, limit,
					t.ConcurrencyPercent, *f.ReservedConcurrency)})
		}
	}
	for _, al := range list {
		args := &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   pulumi.String(al.description),
			Namespace:          pulumi.String(al.namespace),
			MetricName:         pulumi.String(al.metric),
			Dimensions:         al.dimensions,
			Period:             pulumi.Int(t.PeriodSeconds),
			EvaluationPeriods:  pulumi.Int(t.EvaluationPeriods),
			DatapointsToAlarm:  pulumi.Int(t.EvaluationPeriods),
			Threshold:          pulumi.Float64(al.threshold),
			ComparisonOperator: pulumi.String("GreaterThanThreshold"),
			TreatMissingData:   pulumi.String(TreatMissingData),
			ActionsEnabled:     pulumi.Bool(true),
			Tags:               b.a.Tags,
		}
		if al.comparison != "" {
			args.ComparisonOperator = pulumi.String(al.comparison)
		}
		if al.extended != "" {
			args.ExtendedStatistic = pulumi.String(al.extended)
		} else {
			args.Statistic = pulumi.String(al.statistic)
		}
		if b.actions != nil {
			args.AlarmActions, args.OkActions = b.actions, b.actions
		}
		res, err := cloudwatch.NewMetricAlarm(b.ctx, b.name+"-"+al.kind, args, b.parent)
		if err != nil {
			return fmt.Errorf("create alarm %s: %w", al.kind, err)
		}
		b.c.Alarms[al.kind] = res
	}
	return nil
}
