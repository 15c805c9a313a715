package baseline_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// watchedStack is what every monitoring row starts from: our API with no alarms yet, and another API, on a stage of
// the same name, fully monitored, so an alarm that names the other one's API while depending on ours is caught.
type watchedStack struct {
	ours, other *restapi.RestAPI
	topic       *sns.Topic
}

func watchedRecording(t *testing.T, build func(ctx *pulumi.Context, s *watchedStack) error) []policyx.AnalyzerResource {
	t.Helper()
	e, err := mockengine.Evaluate(func(ctx *pulumi.Context) error {
		route := []restapi.Route{{Path: "/items", Method: "GET", Integration: restapi.Integration{Kind: restapi.Mock}}}
		ours, err := restapi.New(ctx, "ours", &restapi.Args{Routes: route})
		if err != nil {
			return err
		}
		other, err := restapi.New(ctx, "other", &restapi.Args{Routes: route})
		if err != nil {
			return err
		}
		if _, err := monitoring.New(ctx, "other-watch", &monitoring.Args{APIName: other.API.Name,
			StageName: other.StageName, Region: "us-east-1"}); err != nil {
			return err
		}
		topic, err := sns.NewTopic(ctx, "ops", &sns.TopicArgs{KmsMasterKeyId: pulumi.String(kmsKey)})
		if err != nil {
			return err
		}
		return build(ctx, &watchedStack{ours: ours, other: other, topic: topic})
	})
	require.NoError(t, err)
	return e.AnalyzerResources()
}

// laxAlarm builds a 5XXError (Average, 1 %) and a p99 Latency (2000 ms) alarm on our stage, notifying the stack's
// topic, with edit applied to the one on metric.
func laxAlarm(metric string, edit func(*cloudwatch.MetricAlarmArgs)) func(*pulumi.Context, *watchedStack) error {
	return func(ctx *pulumi.Context, s *watchedStack) error {
		for _, m := range []struct {
			name, metric string
			threshold    float64
		}{{"ours-5xx", "5XXError", 0.01}, {"ours-latency", "Latency", 2000}} {
			args := &cloudwatch.MetricAlarmArgs{Namespace: pulumi.String("AWS/ApiGateway"), MetricName: pulumi.String(m.metric),
				Dimensions: pulumi.StringMap{"ApiName": s.ours.API.Name, "Stage": s.ours.StageName}, Period: pulumi.Int(300),
				EvaluationPeriods: pulumi.Int(1), Threshold: pulumi.Float64(m.threshold),
				ComparisonOperator: pulumi.String("GreaterThanThreshold"), AlarmActions: pulumi.Array{s.topic.Arn}}
			if m.metric == "Latency" {
				args.ExtendedStatistic = pulumi.String("p99")
			} else {
				args.Statistic = pulumi.String("Average")
			}
			if m.metric == metric {
				edit(args)
			}
			if _, err := cloudwatch.NewMetricAlarm(ctx, m.name, args); err != nil {
				return err
			}
		}
		return nil
	}
}

// stageAlarm is a plain metric alarm on one API Gateway metric of a stage, notifying topic.
func stageAlarm(ctx *pulumi.Context, name, metric, stat string, threshold float64, apiName, stage pulumi.StringInput,
	topic *sns.Topic, opts ...pulumi.ResourceOption) error {
	args := &cloudwatch.MetricAlarmArgs{Namespace: pulumi.String("AWS/ApiGateway"), MetricName: pulumi.String(metric),
		Dimensions: pulumi.StringMap{"ApiName": apiName, "Stage": stage}, Period: pulumi.Int(300),
		EvaluationPeriods: pulumi.Int(1), Threshold: pulumi.Float64(threshold),
		ComparisonOperator: pulumi.String("GreaterThanThreshold"), AlarmActions: pulumi.Array{topic.Arn}}
	if strings.HasPrefix(stat, "p") {
		args.ExtendedStatistic = pulumi.String(stat)
	} else {
		args.Statistic = pulumi.String(stat)
	}
	_, err := cloudwatch.NewMetricAlarm(ctx, name, args, opts...)
	return err
}

// stageAlarms are a 5XXError alarm on the Average at rate and a p99 Latency alarm at ms, naming apiName and stage.
func stageAlarms(ctx *pulumi.Context, s *watchedStack, rate, ms float64, apiName, stage pulumi.StringInput,
	opts ...pulumi.ResourceOption) error {
	if err := stageAlarm(ctx, "ours-5xx", "5XXError", "Average", rate, apiName, stage, s.topic, opts...); err != nil {
		return err
	}
	return stageAlarm(ctx, "ours-latency", "Latency", "p99", ms, apiName, stage, s.topic, opts...)
}

// errorsAlarm is an alarm on a function's Errors, with set filling in its actions.
func errorsAlarm(ctx *pulumi.Context, name string, set func(*cloudwatch.MetricAlarmArgs)) error {
	args := &cloudwatch.MetricAlarmArgs{Namespace: pulumi.String("AWS/Lambda"), MetricName: pulumi.String("Errors"),
		Statistic: pulumi.String("Sum"), Period: pulumi.Int(60), EvaluationPeriods: pulumi.Int(1),
		Threshold: pulumi.Float64(0), ComparisonOperator: pulumi.String("GreaterThanThreshold")}
	set(args)
	_, err := cloudwatch.NewMetricAlarm(ctx, name, args)
	return err
}

// Each row builds one case through the typed SDK: fail rows name the resource reported (and one that must not be).
func TestMonitoringRulesThroughTheSDK(t *testing.T) {
	ourStage, otherStage := named(stage, "ours-stage"), named(stage, "other-stage")
	for _, tc := range []struct {
		name, slug string
		build      func(ctx *pulumi.Context, s *watchedStack) error
		want       baseline.Status
		reported   urns
		spared     urns
		message    string
	}{
		{name: "stage-alarms: our stage unwatched, the other watched", slug: "stage-alarms",
			build: func(*pulumi.Context, *watchedStack) error { return nil },
			want:  baseline.Fail, reported: ourStage, spared: otherStage, message: "has no 5XX alarm"},
		{name: "stage-alarms: components/monitoring on our stage", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				_, err := monitoring.New(ctx, "ours-watch", &monitoring.Args{APIName: s.ours.API.Name,
					StageName: s.ours.StageName, Region: "us-east-1"})
				return err
			}, want: baseline.Pass},
		{name: "stage-alarms: plain alarms, a Sum of 5XXError counts and a p95 Latency", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				if err := stageAlarm(ctx, "ours-5xx", "5XXError", "Sum", 20, s.ours.API.Name, s.ours.StageName, s.topic); err != nil {
					return err
				}
				return stageAlarm(ctx, "ours-latency", "Latency", "p95", 1500, s.ours.API.Name, s.ours.StageName, s.topic)
			}, want: baseline.Pass},
		{name: "stage-alarms: alarms naming the other API, same stage name, depending on ours", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				dep := pulumi.DependsOn([]pulumi.Resource{s.ours.Stage, s.ours.API})
				return stageAlarms(ctx, s, 0.01, 2000, s.other.API.Name, pulumi.String("v1"), dep)
			}, want: baseline.Fail, reported: ourStage, spared: otherStage},
		{name: "stage-alarms: our API, another stage's name", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarms(ctx, s, 0.01, 2000, s.ours.API.Name, pulumi.String("old"))
			}, want: baseline.Fail, reported: ourStage},
		{name: "stage-alarms: a 5XX alarm firing only when half the requests fail", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarms(ctx, s, 0.5, 2000, s.ours.API.Name, s.ours.StageName)
			}, want: baseline.Fail, reported: ourStage, message: "fires only above 50% of requests failing"},
		{name: "stage-alarms: a latency alarm past the 29 s integration timeout", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarms(ctx, s, 0.01, 60000, s.ours.API.Name, s.ours.StageName)
			}, want: baseline.Fail, reported: ourStage, message: "fires only above 60000 ms"},
		// Alarms that exist but cannot fire when the Description says they must: each fails, the edge passes.
		{name: "stage-alarms: latency at 10 s, the loosest that counts", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarms(ctx, s, 0.05, 10000, s.ours.API.Name, s.ours.StageName)
			}, want: baseline.Pass},
		{name: "stage-alarms: latency just past 10 s", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarms(ctx, s, 0.05, 10001, s.ours.API.Name, s.ours.StageName)
			}, want: baseline.Fail, reported: ourStage, message: "fires only above 10001 ms"},
		{name: "stage-alarms: a 5XX alarm firing when errors fall", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) { a.ComparisonOperator = pulumi.String("LessThanThreshold") }),
			want:  baseline.Fail, reported: ourStage, message: "compares with LessThanThreshold"},
		{name: "stage-alarms: a latency alarm at or below its threshold", slug: "stage-alarms",
			build: laxAlarm("Latency", func(a *cloudwatch.MetricAlarmArgs) {
				a.ComparisonOperator = pulumi.String("LessThanOrEqualToThreshold")
			}),
			want: baseline.Fail, reported: ourStage, message: "cannot fire when Latency rises"},
		{name: "stage-alarms: GreaterThanOrEqualToThreshold counts", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) {
				a.ComparisonOperator = pulumi.String("GreaterThanOrEqualToThreshold")
			}),
			want: baseline.Pass},
		{name: "stage-alarms: 5XXError on the Minimum (fires only when every request fails)", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) { a.Statistic = pulumi.String("Minimum") }),
			want:  baseline.Fail, reported: ourStage, message: "reads the Minimum of 5XXError"},
		{name: "stage-alarms: 5XXError on the SampleCount (requests, not errors)", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) { a.Statistic = pulumi.String("SampleCount") }),
			want:  baseline.Fail, reported: ourStage, message: "reads the SampleCount"},
		{name: "stage-alarms: 5XXError on a percentile", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) {
				a.Statistic, a.ExtendedStatistic = nil, pulumi.String("p99")
			}),
			want: baseline.Fail, reported: ourStage, message: "percentile p99"},
		{name: "stage-alarms: Latency on the Sum", slug: "stage-alarms",
			build: laxAlarm("Latency", func(a *cloudwatch.MetricAlarmArgs) {
				a.ExtendedStatistic, a.Statistic = nil, pulumi.String("Sum")
			}),
			want: baseline.Fail, reported: ourStage, message: "reads the Sum of Latency"},
		{name: "stage-alarms: Latency on the Average counts", slug: "stage-alarms",
			build: laxAlarm("Latency", func(a *cloudwatch.MetricAlarmArgs) {
				a.ExtendedStatistic, a.Statistic = nil, pulumi.String("Average")
			}),
			want: baseline.Pass},
		{name: "stage-alarms: Latency asked in Seconds (never has data)", slug: "stage-alarms",
			build: laxAlarm("Latency", func(a *cloudwatch.MetricAlarmArgs) { a.Unit = pulumi.String("Seconds") }),
			want:  baseline.Fail, reported: ourStage, message: "asks for unit Seconds"},
		{name: "stage-alarms: Latency in Milliseconds counts", slug: "stage-alarms",
			build: laxAlarm("Latency", func(a *cloudwatch.MetricAlarmArgs) { a.Unit = pulumi.String("Milliseconds") }),
			want:  baseline.Pass},
		{name: "stage-alarms: 5XXError of one method only", slug: "stage-alarms",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) {
				a.Dimensions.(pulumi.StringMap)["Method"] = pulumi.String("GET")
				a.Dimensions.(pulumi.StringMap)["Resource"] = pulumi.String("/items")
			}),
			want: baseline.Fail, reported: ourStage, message: "also filters on dimension"},
		{name: "alarm-topics-in-stack: an alarm notifying another stack's topic by ARN", slug: "alarm-topics-in-stack",
			build: laxAlarm("5XXError", func(a *cloudwatch.MetricAlarmArgs) {
				a.AlarmActions = pulumi.Array{pulumi.String("arn:aws:sns:us-east-1:210987654321:theirs")}
			}),
			want: baseline.Fail, reported: named(metricAlarm, "ours-5xx"), message: "arn:aws:sns:us-east-1:210987654321:theirs, not a topic of this stack"},
		{name: "alarm-topics-in-stack: alarms notifying the stack's own topic", slug: "alarm-topics-in-stack",
			build: laxAlarm("5XXError", func(*cloudwatch.MetricAlarmArgs) {}), want: baseline.Pass},
		{name: "stage-alarms: a 5XX alarm needing a day of failures", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				if _, err := cloudwatch.NewMetricAlarm(ctx, "ours-5xx", &cloudwatch.MetricAlarmArgs{
					Namespace: pulumi.String("AWS/ApiGateway"), MetricName: pulumi.String("5XXError"),
					Dimensions: pulumi.StringMap{"ApiName": s.ours.API.Name, "Stage": s.ours.StageName},
					Statistic:  pulumi.String("Average"), Period: pulumi.Int(21600), EvaluationPeriods: pulumi.Int(4),
					Threshold: pulumi.Float64(0.01), ComparisonOperator: pulumi.String("GreaterThanThreshold"),
					AlarmActions: pulumi.Array{s.topic.Arn}}); err != nil {
					return err
				}
				return stageAlarm(ctx, "ours-latency", "Latency", "p99", 2000, s.ours.API.Name, s.ours.StageName, s.topic)
			}, want: baseline.Fail, reported: ourStage, message: "fires only after 86400 s of failure"},
		{name: "stage-alarms: a Deployment's stageName makes a stage no alarm watches", slug: "stage-alarms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				if _, err := monitoring.New(ctx, "ours-watch", &monitoring.Args{APIName: s.ours.API.Name,
					StageName: s.ours.StageName, Region: "us-east-1"}); err != nil {
					return err
				}
				_, err := apigateway.NewDeployment(ctx, "implicit", &apigateway.DeploymentArgs{RestApi: s.other.API.ID(),
					StageName: pulumi.String("old")})
				return err
			}, want: baseline.Fail, reported: named("aws:apigateway/deployment:Deployment", "implicit"), spared: otherStage},
		{name: "CloudWatch.15: an alarm whose only action is for OK", slug: "alarm-has-alarm-action",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return errorsAlarm(ctx, "ok-only", func(a *cloudwatch.MetricAlarmArgs) { a.OkActions = pulumi.Array{s.topic.Arn} })
			}, want: baseline.Fail, reported: named(metricAlarm, "ok-only")},
		{name: "CloudWatch.15: an alarm notifying a topic's ARN, known after deploy", slug: "alarm-has-alarm-action",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarm(ctx, "ours-5xx", "5XXError", "Average", 0.01, s.ours.API.Name, s.ours.StageName, s.topic)
			}, want: baseline.Pass},
		{name: "CKV_AWS_319: actions disabled", slug: "alarm-actions-enabled",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return errorsAlarm(ctx, "muted", func(a *cloudwatch.MetricAlarmArgs) {
					a.AlarmActions, a.ActionsEnabled = pulumi.Array{s.topic.Arn}, pulumi.Bool(false)
				})
			}, want: baseline.Fail, reported: named(metricAlarm, "muted")},
		{name: "CKV_AWS_319: actionsEnabled unset passes (AWS's default is true)", slug: "alarm-actions-enabled",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				return stageAlarm(ctx, "ours-5xx", "5XXError", "Average", 0.01, s.ours.API.Name, s.ours.StageName, s.topic)
			}, want: baseline.Pass},
		{name: "CKV_AWS_26: a topic without a key", slug: "sns-topic-kms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				_, err := sns.NewTopic(ctx, "plain", &sns.TopicArgs{})
				return err
			}, want: baseline.Fail, reported: named("aws:sns/topic:Topic", "plain"), spared: named("aws:sns/topic:Topic", "ops")},
		{name: "CKV_AWS_26: an empty key id", slug: "sns-topic-kms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				_, err := sns.NewTopic(ctx, "empty", &sns.TopicArgs{KmsMasterKeyId: pulumi.String("")})
				return err
			}, want: baseline.Fail, reported: named("aws:sns/topic:Topic", "empty")},
		{name: "SNS.1: the AWS-managed key passes", slug: "sns-topic-kms",
			build: func(ctx *pulumi.Context, s *watchedStack) error {
				_, err := sns.NewTopic(ctx, "managed", &sns.TopicArgs{KmsMasterKeyId: pulumi.String("alias/aws/sns")})
				return err
			}, want: baseline.Pass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sdkRow{want: tc.want, reported: tc.reported, spared: tc.spared, message: tc.message}.check(t, watchedRecording(t, tc.build), tc.slug)
		})
	}
}

// kmsKey is a customer managed key the SDK cases encrypt with.
const kmsKey = "arn:aws:kms:us-east-1:123456789012:key/k"
