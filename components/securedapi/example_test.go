package securedapi_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew registers the component on the recording mock engine, as `make plan` does, and lists what it creates.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		concurrency := 10
		_, err := securedapi.New(ctx, "hello", &securedapi.Args{
			API: restapi.Args{Routes: []restapi.Route{
				{Path: "/hello", Method: "GET", Integration: restapi.Integration{Kind: restapi.LambdaProxy}},
			}},
			Backend: &gofunction.Args{SourceDir: "../../examples/minimal/hello", ReservedConcurrency: &concurrency},
		})
		return err
	})
	// Output:
	// hello (secure-apigw:index:SecuredApi)
	// hello-api (secure-apigw:apigateway:RestApi)
	// hello-api-access-logs (aws:cloudwatch/logGroup:LogGroup)
	// hello-api-api (aws:apigateway/restApi:RestApi)
	// hello-api-client-certificate (aws:apigateway/clientCertificate:ClientCertificate)
	// hello-api-deployment (aws:apigateway/deployment:Deployment)
	// hello-api-execution-logs (aws:cloudwatch/logGroup:LogGroup)
	// hello-api-get-hello-invoke (aws:lambda/permission:Permission)
	// hello-api-method-settings (aws:apigateway/methodSettings:MethodSettings)
	// hello-api-stage (aws:apigateway/stage:Stage)
	// hello-backend (secure-apigw:lambda:GoFunction)
	// hello-backend-function (aws:lambda/function:Function)
	// hello-backend-logs (aws:cloudwatch/logGroup:LogGroup)
	// hello-backend-role (aws:iam/role:Role)
	// hello-backend-role-policy (aws:iam/rolePolicy:RolePolicy)
	// hello-logs-key (secure-apigw:logs:LogKey)
	// hello-logs-key-key (aws:kms/key:Key)
	// hello-monitoring (secure-apigw:monitoring:Monitoring)
	// hello-monitoring-4xx (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-5xx (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-alarms (aws:sns/topic:Topic)
	// hello-monitoring-backend-concurrency (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-backend-errors (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-backend-throttles (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-dashboard (aws:cloudwatch/dashboard:Dashboard)
	// hello-monitoring-integration-latency-p99 (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-latency-p99 (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-monitoring-topic-key (aws:kms/key:Key)
	// hello-monitoring-waf-blocked (aws:cloudwatch/metricAlarm:MetricAlarm)
	// hello-waf (secure-apigw:waf:WebAcl)
	// hello-waf-acl (aws:wafv2/webAcl:WebAcl)
	// hello-waf-association (aws:wafv2/webAclAssociation:WebAclAssociation)
	// hello-waf-logging (aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration)
	// hello-waf-logs (aws:cloudwatch/logGroup:LogGroup)
}
