package securedapi_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
)

const alarmType = "aws:cloudwatch/metricAlarm:MetricAlarm"

// Monitoring watches this API's stage, its own web ACL and its backend, with the reservation the backend has.
func TestMonitoringWatchesTheStageTheACLAndTheBackend(t *testing.T) {
	a := minimal()
	reserved := 20
	a.Backend.ReservedConcurrency = &reserved
	a.Monitoring = &monitoring.Args{Region: "eu-west-1"}
	a.Tags = pulumi.StringMap{"team": pulumi.String("orders")}
	e, made, err := run(t, a)
	require.NoError(t, err)
	require.NotNil(t, made.Monitoring)
	ownedByTheComponent(t, e)

	api := e.ByType(apiType)[0]
	fivexx := e.Named(alarmType, "orders-monitoring-5xx")
	require.NotNil(t, fivexx)
	assert.True(t, fivexx.DependsOn(api), "ApiName is the REST API's name output (auto-named by the provider)")
	assert.NotEmpty(t, fivexx.Str("dimensions.ApiName"))
	assert.Equal(t, api.Outputs["name"].StringValue(), fivexx.Str("dimensions.ApiName"), "the metrics' ApiName is the API's name")
	assert.Equal(t, "v1", fivexx.Str("dimensions.Stage"))
	assert.Equal(t, "orders", fivexx.Str("tags.team"), "the SecuredAPI's tags")
	acl := e.ByType(aclType)[0]
	assert.Equal(t, acl.Outputs["name"].StringValue(), e.Named(alarmType, "orders-monitoring-waf-blocked").Str("dimensions.WebACL"))
	backend := e.ByType(lambdaType)[0]
	errorsAlarm := e.Named(alarmType, "orders-monitoring-backend-errors")
	require.NotNil(t, errorsAlarm)
	assert.True(t, errorsAlarm.DependsOn(backend), "FunctionName is the backend's name output")
	limit, _ := e.Named(alarmType, "orders-monitoring-backend-concurrency").Num("threshold")
	assert.Equal(t, 16.0, limit, "80% of the backend's 20")
	assert.NotNil(t, e.Named("aws:sns/topic:Topic", "orders-monitoring-alarms"))
}

// A shared web ACL is not this stack's to watch (its owner does); monitoring's own problems name their field.
func TestMonitoringWithASharedACLAndBadSettings(t *testing.T) {
	a := minimal()
	a.ExistingWebACLArn = pulumi.String(sharedACL)
	a.Monitoring = &monitoring.Args{Region: "eu-west-1"}
	e, _, err := run(t, a)
	require.NoError(t, err)
	assert.Nil(t, e.Named(alarmType, "orders-monitoring-waf-blocked"))

	a = minimal()
	a.Monitoring = &monitoring.Args{Region: "mars", Thresholds: monitoring.Thresholds{PeriodSeconds: 45}}
	e, _, err = run(t, a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Monitoring.Region: "mars"`)
	assert.Contains(t, err.Error(), "Monitoring.Thresholds.PeriodSeconds: 45")
	assert.Empty(t, e.Resources())
	_ = securedapi.TypeToken
}

// Monitoring is on by default: a SecuredAPI nobody watches is not secured. DisableMonitoring is the way out, and
// refuses Monitoring beside it.
func TestMonitoringIsOnUnlessDisabled(t *testing.T) {
	e, made, err := run(t, minimal())
	require.NoError(t, err)
	require.NotNil(t, made.Monitoring)
	assert.NotNil(t, e.Named(alarmType, "orders-monitoring-5xx"))
	assert.NotNil(t, e.Named(alarmType, "orders-monitoring-latency-p99"))
	assert.Equal(t, e.Region, e.Named(alarmType, "orders-monitoring-waf-blocked").Str("dimensions.Region"),
		"the provider's region, unless Monitoring.Region says otherwise")

	a := minimal()
	a.DisableMonitoring = true
	e, made, err = run(t, a)
	require.NoError(t, err)
	assert.Nil(t, made.Monitoring)
	assert.Empty(t, e.ByType(alarmType))

	a.Monitoring = &monitoring.Args{}
	e, _, err = run(t, a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Monitoring, DisableMonitoring: set at most one")
	assert.Empty(t, e.Resources())
}
