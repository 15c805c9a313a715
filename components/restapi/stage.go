package restapi

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type logGroups struct{ access, execution *cloudwatch.LogGroup }

func (b *builder) logGroup(suffix string, name pulumi.StringInput) (*cloudwatch.LogGroup, error) {
	a := b.args
	args := &cloudwatch.LogGroupArgs{
		Name:            name,
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            a.Tags,
	}
	if a.LogKmsKeyArn != nil {
		args.KmsKeyId = a.LogKmsKeyArn
	}
	lg, err := cloudwatch.NewLogGroup(b.ctx, b.name+"-"+suffix, args, b.parent,
		pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect))
	if err != nil {
		return nil, fmt.Errorf("create %s log group: %w", suffix, err)
	}
	return lg, nil
}

func (b *builder) stage(deployment *apigateway.Deployment) (*apigateway.Stage, logGroups, error) {
	a := b.args
	var logs logGroups
	var err error
	if logs.access, err = b.logGroup("access-logs", nil); err != nil {
		return nil, logs, err
	}
	// API Gateway creates this group itself, without retention or encryption, unless it already exists.
	execName := pulumi.Sprintf("API-Gateway-Execution-Logs_%s/%s", b.api.ID(), a.StageName)
	if logs.execution, err = b.logGroup("execution-logs", execName); err != nil {
		return nil, logs, err
	}
	stageArgs := &apigateway.StageArgs{
		RestApi:    b.api.ID(),
		Deployment: deployment.ID(),
		StageName:  pulumi.String(a.StageName),
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: logs.access.Arn,
			Format:         pulumi.String(AccessLogFormat()),
		},
		XrayTracingEnabled: pulumi.Bool(*a.XRayTracing),
		Tags:               a.Tags,
	}
	if a.Cache != nil {
		stageArgs.CacheClusterEnabled = pulumi.Bool(true)
		stageArgs.CacheClusterSize = pulumi.String(a.Cache.SizeGB)
	}
	if *a.ClientCertificate {
		cert, err := apigateway.NewClientCertificate(b.ctx, b.name+"-client-certificate", &apigateway.ClientCertificateArgs{
			Description: pulumi.String("Presented by the API to its HTTP backends"),
			Tags:        a.Tags,
		}, b.parent)
		if err != nil {
			return nil, logs, fmt.Errorf("create client certificate: %w", err)
		}
		stageArgs.ClientCertificateId = cert.ID()
	}
	stage, err := apigateway.NewStage(b.ctx, b.name+"-stage", stageArgs, b.parent,
		pulumi.DependsOn([]pulumi.Resource{logs.execution}))
	if err != nil {
		return nil, logs, fmt.Errorf("create stage: %w", err)
	}
	return stage, logs, nil
}

// methodSettings applies logging, metrics and throttling to every method ("*/*"), then to each route with its own
// throttle or with caching. A per-method entry replaces the stage-wide one for that method, so it repeats every
// setting. Only routes that ask are cached (Route.Cache), never "*/*": their cache keys carry the caller.
func (b *builder) methodSettings(stage *apigateway.Stage) error {
	a := b.args
	deps := pulumi.DependsOn(a.LoggingPrerequisites)
	settings := func(t Throttle, cache bool) *apigateway.MethodSettingsSettingsArgs {
		s := &apigateway.MethodSettingsSettingsArgs{
			LoggingLevel:         pulumi.String(a.ExecutionLogLevel),
			MetricsEnabled:       pulumi.Bool(true),
			DataTraceEnabled:     pulumi.Bool(false),
			ThrottlingRateLimit:  pulumi.Float64(t.RateLimit),
			ThrottlingBurstLimit: pulumi.Int(t.BurstLimit),
			CachingEnabled:       pulumi.Bool(cache),
			CacheDataEncrypted:   pulumi.Bool(true),
		}
		if cache {
			s.CacheTtlInSeconds = pulumi.Int(a.Cache.TTLSeconds)
			s.RequireAuthorizationForCacheControl = pulumi.Bool(true)
			s.UnauthorizedCacheControlHeaderStrategy = pulumi.String("FAIL_WITH_403")
		}
		return s
	}
	if _, err := apigateway.NewMethodSettings(b.ctx, b.name+"-method-settings", &apigateway.MethodSettingsArgs{
		RestApi:    b.api.ID(),
		StageName:  stage.StageName,
		MethodPath: pulumi.String("*/*"),
		Settings:   settings(a.Throttle, false),
	}, b.parent, deps); err != nil {
		return fmt.Errorf("create method settings: %w", err)
	}
	for _, r := range a.Routes {
		if r.Throttle == nil && !r.Cache {
			continue
		}
		t := a.Throttle
		if r.Throttle != nil {
			t = *r.Throttle
		}
		if t.RateLimit == 0 {
			t.RateLimit = a.Throttle.RateLimit
		}
		if t.BurstLimit == 0 {
			t.BurstLimit = a.Throttle.BurstLimit
		}
		method := r.Method
		if method == "ANY" {
			method = "*"
		}
		name := fmt.Sprintf("%s-method-settings-%s-%s", b.name, strings.ToLower(r.Method), slug(r.Path))
		if _, err := apigateway.NewMethodSettings(b.ctx, name, &apigateway.MethodSettingsArgs{
			RestApi:    b.api.ID(),
			StageName:  stage.StageName,
			MethodPath: pulumi.String(strings.TrimPrefix(r.Path, "/") + "/" + method),
			Settings:   settings(t, r.Cache),
		}, b.parent, deps); err != nil {
			return fmt.Errorf("create method settings for %s %s: %w", r.Method, r.Path, err)
		}
	}
	return nil
}
