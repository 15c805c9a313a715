package baseline

import (
	"fmt"
	"slices"
	"strings"
)

const (
	typeMetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeSNSTopic    = "aws:sns/topic:Topic"
	// maxServerErrorRate is the loosest 5XXError alarm stage-alarms accepts on the Average statistic (the share of
	// failing requests): above 5% an API is broken for one caller in twenty before anyone is told.
	maxServerErrorRate = 0.05
	// maxLatencyMs is the loosest Latency alarm stage-alarms accepts: a p99 past 10 s is an outage for an
	// interactive client, and API Gateway cuts integrations at 29 s, so a threshold near that fires only once
	// requests already time out (components/monitoring refuses the same: monitoring.MaxLatencyMs).
	maxLatencyMs = 10000.0
	// maxSecondsToAlarm is the longest a failing stage may go unnoticed: period × the breaching datapoints needed.
	maxSecondsToAlarm = 3600.0
)

func monitoringRules() []Rule {
	return []Rule{
		{
			Slug: "stage-alarms",
			// No catalog has this rule: cdk-nag, Security Hub and checkov judge alarms one by one (an action, actions
			// enabled), never whether a stage is watched at all. Ours, after AWS's recommended API Gateway alarms
			// (5XXError and Latency by ApiName and Stage). That the alarms notify someone is alarm-has-alarm-action's
			// and alarm-actions-enabled's to judge, on every alarm.
			Description: "Every API Gateway stage has a 5XXError alarm (on the Average, at most 5%, or the Sum) and a Latency alarm (Average, Maximum or a percentile, at most 10 s), each able to fire: above the threshold, on the stage's own ApiName and Stage dimensions only, in the metric's unit, within an hour.",
			Fix: "monitor the stage (components/monitoring; securedapi does unless DisableMonitoring; config: " +
				"gateway.monitoring)",
			Types:      []string{typeStage, typeDeployment, typeMetricAlarm},
			applies:    hasStages(false),
			checkStack: checkStageAlarms,
		},
		{
			Slug: "alarm-has-alarm-action",
			// Security Hub CloudWatch.15 (cloudwatch-alarm-action-check with alarmActionRequired true and, as Security
			// Hub sets them by default, insufficientDataActionRequired and okActionRequired false): a metric alarm
			// has at least one action for the ALARM state. Whether actions are enabled is CloudWatch.17's question.
			IDs:           []string{"Security Hub CloudWatch.15"},
			Description:   "Every CloudWatch metric alarm has an action for the ALARM state.",
			Fix:           "give the alarm alarmActions, e.g. an SNS topic (components/monitoring does unless NoTopic; config: gateway.monitoring.notify)",
			Types:         []string{typeMetricAlarm},
			checkResource: checkAlarmAction,
		},
		{
			Slug: "alarm-topics-in-stack",
			// No catalog asks it: CKV_AWS_26 and SNS.1 judge the topics a stack holds. An alarm that notifies a
			// topic named by ARN from elsewhere is notified through a topic whose encryption and subscribers this
			// baseline cannot see: a waiver says who vouches for it.
			Description: "Every SNS topic a metric alarm notifies is a topic of the stack, where sns-topic-kms judges it.",
			Fix: "notify a topic the stack creates (components/monitoring does by default), or waive with who owns the " +
				"named topic and how it is encrypted (config: gateway.monitoring.topicArn names another stack's topic)",
			Types:      []string{typeMetricAlarm},
			checkStack: checkAlarmTopicsInStack,
		},
		{
			Slug: "alarm-actions-enabled",
			// checkov CloudWatchAlarmsEnabled.py (CKV_AWS_319, aws_cloudwatch_metric_alarm): actions_enabled must not
			// be false; unset passes (AWS's default is true). Security Hub CloudWatch.17
			// (cloudwatch-alarm-action-enabled-check): the alarm's actions are activated. Composite alarms are
			// judged by neither.
			IDs:           []string{"CKV_AWS_319", "Security Hub CloudWatch.17"},
			Description:   "No CloudWatch metric alarm has its actions disabled.",
			Fix:           "leave actionsEnabled unset or true",
			Types:         []string{typeMetricAlarm},
			checkResource: checkAlarmActionsEnabled,
		},
		{
			Slug: "sns-topic-kms",
			// checkov SNSTopicEncryption.py (CKV_AWS_26, aws_sns_topic): kms_master_key_id is any non-empty value
			// (an AWS-managed alias/aws/sns too). Security Hub SNS.1 (sns-encrypted-kms, no parameters): the topic
			// is encrypted with a KMS key. Not cdk-nag SNS2, which passes an empty kmsMasterKeyId.
			IDs:           []string{"CKV_AWS_26", "Security Hub SNS.1"},
			Description:   "Every SNS topic is encrypted at rest with a KMS key.",
			Fix:           "set kmsMasterKeyId (components/monitoring encrypts its topic with a customer-managed key)",
			Types:         []string{typeSNSTopic},
			checkResource: checkTopicKMS,
		},
	}
}

func checkAlarmAction(r res, _ map[string]any) []string {
	if !hasActions(r, "alarmActions") {
		return []string{fmt.Sprintf("alarm %s has no action for the ALARM state: it notifies no one", r.Name)}
	}
	return nil
}

func checkAlarmActionsEnabled(r res, _ map[string]any) []string {
	if on, present := r.boolean("actionsEnabled", true); present && !on {
		return []string{fmt.Sprintf("alarm %s has its actions disabled", r.Name)}
	}
	return nil
}

func checkTopicKMS(r res, _ map[string]any) []string {
	if !r.set("kmsMasterKeyId") {
		return []string{fmt.Sprintf("topic %s is not encrypted with a KMS key", r.Name)}
	}
	return nil
}

// checkAlarmTopicsInStack reports every alarm whose action lists name more SNS topics, by a known ARN, than the
// list's value takes from topics of the stack (its property dependencies): those are someone else's topics.
func checkAlarmTopicsInStack(all []res) []violation {
	topics := ofType(all, typeSNSTopic)
	var out []violation
	for _, alarm := range ofType(all, typeMetricAlarm) {
		var outside []string
		for _, key := range []string{"alarmActions", "okActions", "insufficientDataActions"} {
			v, ok := alarm.get(key)
			if !ok || !v.IsArray() {
				continue
			}
			var arns []string
			for _, a := range v.AsArray().All {
				if a.IsString() && strings.HasPrefix(a.AsString(), "arn:aws:sns:") && !slices.Contains(arns, a.AsString()) {
					arns = append(arns, a.AsString())
				}
			}
			fromStack := 0
			for _, t := range topics {
				if alarm.inputFrom(key, t.URN) {
					fromStack++
				}
			}
			if len(arns) > fromStack {
				for _, a := range arns {
					if !slices.Contains(outside, a) {
						outside = append(outside, a)
					}
				}
			}
		}
		if len(outside) > 0 {
			out = append(out, violation{alarm.URN, fmt.Sprintf("alarm %s notifies %s, not a topic of this stack: "+
				"its encryption and subscribers are not judged here", alarm.Name, strings.Join(outside, ", "))})
		}
	}
	return out
}

// hasActions reports whether the list at key has an entry: a non-empty string, or one known only after deploy (a
// topic's ARN in a preview). A whole list known only after deploy counts too.
func hasActions(r res, key string) bool {
	v, ok := r.get(key)
	if !ok {
		return false
	}
	if v.IsComputed() {
		return true
	}
	if !v.IsArray() {
		return false
	}
	for _, a := range v.AsArray().All {
		if a.IsComputed() || a.IsString() && a.AsString() != "" {
			return true
		}
	}
	return false
}

// checkStageAlarms reports each stage without a 5XXError or Latency alarm on it, or whose matching alarms are all too
// lax to count (tooLax).
func checkStageAlarms(all []res) []violation {
	alarms := ofType(all, typeMetricAlarm)
	var out []violation
	for _, stage := range restStages(all) {
		for _, want := range []struct{ metric, what string }{{"5XXError", "5XX"}, {"Latency", "latency"}} {
			var found, usable bool
			var why string
			for _, a := range alarms {
				if a.str("namespace") != "AWS/ApiGateway" || a.str("metricName") != want.metric ||
					!alarmWatchesStage(all, a, stage) {
					continue
				}
				found = true
				if why = tooLax(a, want.metric); why == "" {
					usable = true
				}
			}
			switch {
			case !found:
				out = append(out, violation{stage.URN, fmt.Sprintf("stage %s has no %s alarm (%s of AWS/ApiGateway by ApiName and Stage)",
					stageLabel(stage), want.what, want.metric)})
			case !usable:
				out = append(out, violation{stage.URN, fmt.Sprintf("stage %s's %s alarm %s", stageLabel(stage), want.what, why)})
			}
		}
	}
	return out
}

// metricUnits are the units API Gateway publishes the metrics stage-alarms reads in.
var metricUnits = map[string]string{"5XXError": "Count", "Latency": "Milliseconds"}

// tooLax says why a matching alarm cannot warn in time, or "": it does not fire on a rise (comparisonOperator), it
// reads a statistic that does not follow the failure, it names a unit the metric is not published in (the alarm
// then never has data), it watches a narrower metric than the stage's (a Method or Resource dimension: detailed
// metrics of one route), its threshold is past maxServerErrorRate (5XXError on the Average) or maxLatencyMs, or it
// needs more than maxSecondsToAlarm of breaching datapoints. Values known only after deploy are not judged.
func tooLax(a res, metric string) string {
	if op := a.str("comparisonOperator"); op != "" && op != "GreaterThanThreshold" && op != "GreaterThanOrEqualToThreshold" {
		return fmt.Sprintf("%s compares with %s: it cannot fire when %s rises", a.Name, op, metric)
	}
	stat, extended := a.str("statistic"), a.str("extendedStatistic")
	switch {
	case metric == "5XXError" && extended != "":
		return fmt.Sprintf("%s reads the percentile %s of a 0-or-1 metric; use Average (the failing share) or Sum", a.Name, extended)
	case metric == "5XXError" && stat != "" && stat != "Average" && stat != "Sum":
		return fmt.Sprintf("%s reads the %s of 5XXError, which does not follow the failing share; use Average or Sum", a.Name, stat)
	case metric == "Latency" && stat != "" && stat != "Average" && stat != "Maximum":
		return fmt.Sprintf("%s reads the %s of Latency, which does not follow slow answers; use a percentile, Average or Maximum", a.Name, stat)
	}
	if unit, want := a.str("unit"), metricUnits[metric]; unit != "" && unit != want {
		return fmt.Sprintf("%s asks for unit %s, but %s is published in %s: the alarm never has data", a.Name, unit, metric, want)
	}
	if d, ok := a.get("dimensions"); ok && d.IsMap() {
		for name := range d.AsMap().All {
			if name != "ApiName" && name != "Stage" {
				return fmt.Sprintf("%s also filters on dimension %s: it watches one part of the stage, not the stage", a.Name, name)
			}
		}
	}
	if period, ok := a.number("period"); ok {
		points, ok := a.number("datapointsToAlarm")
		if !ok {
			points, ok = a.number("evaluationPeriods")
		}
		if ok && period*points > maxSecondsToAlarm {
			return fmt.Sprintf("%s fires only after %g s of failure (%g periods of %g s; at most %g s counts)", a.Name,
				period*points, points, period, maxSecondsToAlarm)
		}
	}
	t, known := a.number("threshold")
	switch {
	case !known:
	case metric == "5XXError" && stat == "Average" && t > maxServerErrorRate:
		return fmt.Sprintf("%s fires only above %g%% of requests failing (at most %g%% counts)", a.Name, t*100, maxServerErrorRate*100)
	case metric == "Latency" && t > maxLatencyMs:
		return fmt.Sprintf("%s fires only above %g ms: clients already wait that long (at most %g ms counts; API Gateway cuts integrations at 29 s)", a.Name, t, maxLatencyMs)
	}
	return ""
}

func stageLabel(stage res) string {
	if n := stage.str("stageName"); n != "" {
		return fmt.Sprintf("%s (%q)", stage.Name, n)
	}
	return stage.Name
}

// alarmWatchesStage reports whether alarm's dimensions name stage: its Stage dimension is the stage's name and its
// ApiName dimension the name of the stage's API. Each is compared by value when both are known, and otherwise by the
// dimensions being built from the stage's (or its API's) outputs. The dimensions are one input, so their property
// dependencies are shared: an ApiName from our API beside a Stage written as another stage's literal name is decided
// by the literal. When the stage's API is not in the stack (another stack's id), its name cannot be known, and any
// ApiName is taken.
func alarmWatchesStage(all []res, alarm, stage res) bool {
	if !alarm.set("dimensions.Stage") || !alarm.set("dimensions.ApiName") {
		return false
	}
	if av, sv := alarm.str("dimensions.Stage"), stage.str("stageName"); av != "" && sv != "" {
		if av != sv {
			return false
		}
	} else if !alarm.inputFrom("dimensions", stage.URN) && !fromSameOutputs(alarm, "dimensions", stage, "stageName") {
		return false
	}
	var apis []res
	for _, api := range ofType(all, typeRestAPI) {
		if stage.inputFrom("restApi", api.URN) {
			apis = append(apis, api)
		}
	}
	if len(apis) == 0 {
		return true
	}
	for _, api := range apis {
		if av, nv := alarm.str("dimensions.ApiName"), api.str("name"); av != "" && nv != "" {
			if av == nv {
				return true
			}
			continue
		}
		if alarm.inputFrom("dimensions", api.URN) {
			return true
		}
	}
	return false
}
