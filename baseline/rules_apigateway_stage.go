package baseline

import (
	"fmt"
	"slices"
)

// The stage rules judge every stage a stack makes: Stage resources, the stage a Deployment's stageName creates (it
// has no access logs, X-Ray or client certificate of its own: nothing can set them), and v2 (HTTP and WebSocket)
// stages where a cited catalog judges them.

// hasStages is the rules' N/A test: any REST stage (Stage, or Deployment with a stageName), or, with v2, any v2 stage.
func hasStages(v2 bool) func(all []res) bool {
	return func(all []res) bool {
		return len(restStages(all)) > 0 || (v2 && len(ofType(all, typeV2Stage)) > 0)
	}
}

// implicitProblem is the problem of a Deployment that makes a stage no Stage resource manages.
func implicitProblem(d res, lacks string) string {
	return fmt.Sprintf("deployment %s creates stage %q through its stageName, which has no %s", d.Name, d.str("stageName"), lacks)
}

// checkAccessLogging: cdk-nag APIG1 asks destinationArn and format of REST and v2 stages; CKV_AWS_76 asks
// destination_arn of aws_api_gateway_stage and aws_apigatewayv2_stage. A resource policy, so a preview reports it
// on the stage itself; so it cannot see which API a Stage belongs to, and takes a Deployment's stageName read from
// any Stage's output as managed by that Stage (deploymentMakesStage).
func checkAccessLogging(r res, _ map[string]any) []string {
	switch {
	case r.Type == typeDeployment:
		if deploymentMakesStage(nil, r) {
			return []string{implicitProblem(r, "access logs") +
				stricterThan("cdk-nag APIG1 and CKV_AWS_76", "judge Stage resources only, not the stage a Deployment's stageName makes")}
		}
	case !r.set("accessLogSettings.destinationArn"):
		return []string{fmt.Sprintf("stage %s has no access log destination", r.Name)}
	case !r.set("accessLogSettings.format"):
		return []string{fmt.Sprintf("stage %s has no access log format", r.Name) +
			stricterThan("CKV_AWS_76", "reads destination_arn only (cdk-nag APIG1 asks the format too)")}
	}
	return nil
}

func checkXRay(r res, _ map[string]any) []string {
	if r.Type == typeDeployment {
		if deploymentMakesStage(nil, r) {
			return []string{implicitProblem(r, "X-Ray tracing")}
		}
		return nil
	}
	if on, _ := r.boolean("xrayTracingEnabled", true); !on {
		return []string{fmt.Sprintf("stage %s has X-Ray tracing off", r.Name)}
	}
	return nil
}

// checkClientCertificate: Security Hub APIGateway.2 and CKV2_AWS_51 judge REST stages; CKV2_AWS_51 also judges v2
// stages, passing those whose API is not in the stack or is not a WEBSOCKET API (client certificates are a
// WebSocket feature of v2).
func checkClientCertificate(all []res) []violation {
	var out []violation
	for _, stage := range restStages(all) {
		switch {
		case implicitStage(stage):
			out = append(out, violation{stage.URN, implicitProblem(stage, "backend client certificate")})
		case !stage.set("clientCertificateId"):
			out = append(out, violation{stage.URN, fmt.Sprintf("stage %s has no backend client certificate", stage.Name)})
		}
	}
	for _, stage := range ofType(all, typeV2Stage) {
		if v2Protocol(all, stage) == "WEBSOCKET" && !stage.set("clientCertificateId") {
			out = append(out, violation{stage.URN, fmt.Sprintf("WebSocket stage %s has no backend client certificate", stage.Name)})
		}
	}
	return out
}

func loggingOn(r res, path string) bool {
	level := r.str(path)
	return level == "INFO" || level == "ERROR" || r.unknown(path)
}

// checkExecutionLogging: cdk-nag APIG6 asks a "*/*" setting at ERROR or INFO; CKV2_AWS_4 asks the stage's method
// settings at ERROR or INFO with metrics (every one of them here); Security Hub APIGateway.1 asks ERROR or INFO for
// every method of every REST and WebSocket stage (a WebSocket stage's defaultRouteSettings and each routeSettings).
// HTTP API stages have no execution logs and are not judged.
func checkExecutionLogging(all []res) []violation {
	var out []violation
	for _, stage := range restStages(all) {
		covered := false
		for _, s := range settingsFor(all, stage) {
			ok := loggingOn(s, "settings.loggingLevel")
			metrics, _ := s.boolean("settings.metricsEnabled", true) // unknown: judged at apply, as the level is
			if stageWide(s) && ok && metrics {
				covered = true
			}
			if !ok {
				out = append(out, violation{s.URN, fmt.Sprintf("method settings %s (%s) log at %q",
					s.Name, s.str("methodPath"), s.str("settings.loggingLevel"))})
			}
			if !metrics {
				out = append(out, violation{s.URN, fmt.Sprintf("method settings %s (%s) have metrics off",
					s.Name, s.str("methodPath"))})
			}
		}
		if !covered {
			out = append(out, violation{stage.URN, fmt.Sprintf("stage %s has no \"*/*\" method settings with execution logging and metrics", stage.Name)})
		}
	}
	for _, stage := range ofType(all, typeV2Stage) {
		if v2Protocol(all, stage) == "HTTP" {
			continue
		}
		if !loggingOn(stage, "defaultRouteSettings.loggingLevel") {
			out = append(out, violation{stage.URN, fmt.Sprintf("WebSocket stage %s has no defaultRouteSettings.loggingLevel ERROR or INFO", stage.Name)})
		}
		routes, _ := stage.get("routeSettings")
		for i := 0; routes.IsArray() && i < routes.AsArray().Len(); i++ {
			path := fmt.Sprintf("routeSettings.%d.loggingLevel", i)
			if stage.set(path) && !loggingOn(stage, path) {
				out = append(out, violation{stage.URN, fmt.Sprintf("WebSocket stage %s logs route %s at %q", stage.Name,
					stage.str(fmt.Sprintf("routeSettings.%d.routeKey", i)), stage.str(path))})
			}
		}
	}
	return out
}

// stageWide reports whether method settings s cover every method ("*/*"), or say which only after deploy.
func stageWide(s res) bool { return s.str("methodPath") == "*/*" || s.unknown("methodPath") }

// positive reports whether the number at path is above 0, or known only after deploy.
func positive(r res, path string) bool {
	n, _ := r.number(path)
	return n > 0 || r.unknown(path)
}

func checkThrottling(all []res) []violation {
	var out []violation
	for _, stage := range restStages(all) {
		throttled := slices.ContainsFunc(settingsFor(all, stage), func(s res) bool {
			return stageWide(s) && positive(s, "settings.throttlingRateLimit") &&
				positive(s, "settings.throttlingBurstLimit")
		})
		if !throttled {
			out = append(out, violation{stage.URN, fmt.Sprintf("stage %s has no stage-wide throttle", stage.Name)})
		}
	}
	for _, stage := range ofType(all, typeV2Stage) {
		if !positive(stage, "defaultRouteSettings.throttlingRateLimit") || !positive(stage, "defaultRouteSettings.throttlingBurstLimit") {
			out = append(out, violation{stage.URN, fmt.Sprintf("stage %s has no defaultRouteSettings throttle", stage.Name)})
		}
	}
	return out
}
