package monitoring_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// ExampleNew watches a stage and its backend function, notifying a new KMS-encrypted topic.
func ExampleNew() {
	mockengine.PrintInventory(func(ctx *pulumi.Context) error {
		_, err := monitoring.New(ctx, "shop", &monitoring.Args{
			APIName: pulumi.String("shop-api"), StageName: pulumi.String("v1"), Region: "eu-west-1",
			Functions: []monitoring.Function{{Label: "backend", FunctionName: pulumi.String("shop-backend")}},
		})
		return err
	})
	// Output:
	// shop (secure-apigw:monitoring:Monitoring)
	// shop-4xx (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-5xx (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-alarms (aws:sns/topic:Topic)
	// shop-backend-errors (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-backend-throttles (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-dashboard (aws:cloudwatch/dashboard:Dashboard)
	// shop-integration-latency-p99 (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-latency-p99 (aws:cloudwatch/metricAlarm:MetricAlarm)
	// shop-topic-key (aws:kms/key:Key)
}
