package restapi

import (
	"encoding/json"
)

// accessLogFields is the JSON access-log record: one line per request with who called, what, how it went, and the
// ids that join it to execution logs, X-Ray and WAF. A superset of the Solutions Constructs' standard fields.
var accessLogFields = [][2]string{
	{"requestId", "$context.requestId"},
	{"extendedRequestId", "$context.extendedRequestId"},
	{"requestTime", "$context.requestTime"},
	{"requestTimeEpoch", "$context.requestTimeEpoch"},
	{"ip", "$context.identity.sourceIp"},
	{"userAgent", "$context.identity.userAgent"},
	{"caller", "$context.identity.caller"},
	{"user", "$context.identity.user"},
	{"userArn", "$context.identity.userArn"},
	{"principalId", "$context.authorizer.principalId"},
	{"apiKeyId", "$context.identity.apiKeyId"},
	{"httpMethod", "$context.httpMethod"},
	{"resourcePath", "$context.resourcePath"},
	{"path", "$context.path"},
	{"protocol", "$context.protocol"},
	{"domainName", "$context.domainName"},
	{"stage", "$context.stage"},
	{"status", "$context.status"},
	{"responseLength", "$context.responseLength"},
	{"responseLatency", "$context.responseLatency"},
	{"integrationLatency", "$context.integration.latency"},
	{"integrationStatus", "$context.integration.status"},
	{"integrationError", "$context.integration.error"},
	{"authorizerError", "$context.authorizer.error"},
	{"errorType", "$context.error.responseType"},
	{"errorMessage", "$context.error.message"},
	{"wafResponseCode", "$context.wafResponseCode"},
	{"xrayTraceId", "$context.xrayTraceId"},
}

// AccessLogFormat is the stage's access-log format: a single-line JSON object of accessLogFields, in that order.
func AccessLogFormat() string {
	buf := []byte{'{'}
	for i, f := range accessLogFields {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, _ := json.Marshal(f[0])
		v, _ := json.Marshal(f[1])
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return string(append(buf, '}'))
}
