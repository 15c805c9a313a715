package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// summary is the few settings that matter for security on one resource, as the tree shows them.
func (p *Plan) summary(r *mockengine.Resource) string {
	onOff := func(path string) string {
		if v, ok := r.Bool(path); ok && v {
			return "on"
		}
		return "off"
	}
	set := func(path string) string {
		if r.Str(path) != "" {
			return "on"
		}
		return "off"
	}
	num := func(path string) string {
		if v, ok := r.Num(path); ok {
			return fmt.Sprint(v)
		}
		return "unset"
	}
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+v) }
	switch r.Type {
	case "aws:apigateway/restApi:RestApi":
		add("endpoint", r.Str("endpointConfiguration.types"))
		if ops, _, ok := baseline.DocumentOperations(r.Str("body")); ok {
			add("document", fmt.Sprintf("OpenAPI %d operations", len(ops)))
			add("mode", r.Str("putRestApiMode"))
		}
	case "aws:apigateway/stage:Stage":
		add("stage", r.Str("stageName"))
		add("xray", onOff("xrayTracingEnabled"))
		add("accessLogs", set("accessLogSettings.destinationArn"))
		add("clientCert", set("clientCertificateId"))
		add("cache", onOff("cacheClusterEnabled"))
	case "aws:apigateway/methodSettings:MethodSettings":
		add("path", r.Str("methodPath"))
		add("logging", r.Str("settings.loggingLevel"))
		add("dataTrace", onOff("settings.dataTraceEnabled"))
		add("throttle", num("settings.throttlingRateLimit")+"/s burst "+num("settings.throttlingBurstLimit"))
		add("cacheEncrypted", onOff("settings.cacheDataEncrypted"))
	case "aws:apigateway/method:Method":
		add("method", r.Str("httpMethod"))
		add("auth", r.Str("authorization"))
		add("apiKey", onOff("apiKeyRequired"))
		add("validator", set("requestValidatorId"))
		if m, ok := mockengine.Lookup(r.Inputs, "requestModels"); ok && m.IsObject() && len(m.ObjectValue()) > 0 {
			add("model", "on")
		}
	case "aws:apigateway/integration:Integration":
		add("type", r.Str("type"))
		if uri := r.Str("uri"); uri != "" {
			add("uri", p.Engine.Symbolic(uri))
		}
	case "aws:apigateway/resource:Resource":
		add("path", p.Engine.Symbolic(r.Outputs["path"].StringValue()))
	case "aws:apigateway/response:Response":
		add("type", r.Str("responseType"))
		add("status", r.Str("statusCode"))
	case "aws:apigateway/deployment:Deployment":
		trigger := r.Str("triggers.document")
		if trigger == "" {
			trigger = r.Str("triggers.definition")
		}
		if len(trigger) > 12 {
			trigger = trigger[:12] + "…"
		}
		add("trigger", trigger)
		add("deleteBeforeReplace", fmt.Sprint(r.DeleteBeforeReplace))
	case "aws:apigateway/requestValidator:RequestValidator":
		add("body", onOff("validateRequestBody"))
		add("params", onOff("validateRequestParameters"))
	case "aws:apigateway/restApiPolicy:RestApiPolicy":
		add("policy", "on")
	case "aws:apigateway/account:Account":
		add("cloudwatchRole", p.Engine.Symbolic(r.Str("cloudwatchRoleArn")))
	case "aws:cloudwatch/logGroup:LogGroup":
		if n := r.Str("name"); n != "" {
			add("name", p.Engine.Symbolic(n))
		}
		add("retention", num("retentionInDays")+"d")
		add("kms", set("kmsKeyId"))
	case "aws:kms/key:Key":
		add("rotation", onOff("enableKeyRotation"))
		add("deletionWindow", num("deletionWindowInDays")+"d")
	case "aws:lambda/function:Function":
		add("runtime", r.Str("runtime"))
		add("arch", r.Str("architectures.0"))
		add("tracing", r.Str("tracingConfig.mode"))
		add("memory", num("memorySize")+"MB")
		add("timeout", num("timeout")+"s")
	case "aws:lambda/permission:Permission":
		add("principal", r.Str("principal"))
		add("source", p.Engine.Symbolic(r.Str("sourceArn")))
		if scope, whole := baseline.InvokeScope(r.Str("sourceArn")); scope != "" || whole {
			if whole {
				scope = "the whole API"
			}
			add("covers", strconv.Quote(scope))
		}
	case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
		add("policy", r.Str("policyArn"))
	case "aws:cloudwatch/metricAlarm:MetricAlarm":
		stat := r.Str("statistic")
		if stat == "" {
			stat = r.Str("extendedStatistic")
		}
		add("metric", r.Str("namespace")+"/"+r.Str("metricName"))
		add("stat", stat)
		add("threshold", num("threshold"))
		actions := "none"
		if a, ok := mockengine.Lookup(r.Inputs, "alarmActions"); ok && a.IsArray() && len(a.ArrayValue()) > 0 {
			actions = fmt.Sprint(len(a.ArrayValue()))
		}
		add("actions", actions)
		if on, ok := r.Bool("actionsEnabled"); ok && !on {
			add("actionsEnabled", "false")
		}
	case "aws:sns/topic:Topic":
		add("kms", set("kmsMasterKeyId"))
	}
	if r.Protect {
		add("protect", "true")
	}
	if r.RetainOnDelete {
		add("retainOnDelete", "true")
	}
	return strings.Join(parts, " ")
}
