package stacks

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/logkey"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/functions/backend/api"
)

// Program is the Pulumi program main.go hands over to: it reads the stack's config, refuses it before registering
// anything if it is invalid, and deploys.
func Program(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	_, err = Deploy(ctx, cfg)
	return err
}

// Stack is what Deploy created.
type Stack struct {
	API     *restapi.RestAPI
	Backend *gofunction.Function
	LogKey  *logkey.LogKey      // nil unless logs.kmsEncryption
	Account *apiaccount.Account // nil unless manageAccountCloudWatchRole
}

// Deploy composes the stack from a validated config and exports its outputs.
func Deploy(ctx *pulumi.Context, cfg Config) (*Stack, error) {
	s := &Stack{}
	tags := cfg.tags(ctx)
	protect := *cfg.ProtectStatefulResources
	var logKeyArn pulumi.StringInput
	if *cfg.Logs.KmsEncryption {
		key, err := logkey.New(ctx, "logs-key", &logkey.Args{Tags: tags}, pulumi.Protect(protect))
		if err != nil {
			return nil, err
		}
		s.LogKey, logKeyArn = key, key.Arn
	}
	var loggingPrereqs []pulumi.Resource
	if cfg.ManageAccountCloudWatchRole {
		acct, err := apiaccount.New(ctx, "apigateway-account", &apiaccount.Args{Tags: tags})
		if err != nil {
			return nil, err
		}
		s.Account = acct
		loggingPrereqs = append(loggingPrereqs, acct)
	}

	backendArgs := cfg.backendArgs(tags)
	backendArgs.LogKmsKeyArn = logKeyArn
	backend, err := gofunction.New(ctx, "backend", backendArgs)
	if err != nil {
		return nil, err
	}
	s.Backend = backend

	apiArgs := cfg.apiArgs(&restapi.LambdaTarget{InvokeArn: backend.InvokeArn, FunctionName: backend.FunctionName})
	apiArgs.Tags = tags
	apiArgs.LogKmsKeyArn = logKeyArn
	apiArgs.LoggingPrerequisites = loggingPrereqs
	gateway, err := restapi.New(ctx, "api", apiArgs)
	if err != nil {
		return nil, err
	}
	s.API = gateway

	for name, out := range s.Exports() {
		ctx.Export(name, out)
	}
	return s, nil
}

// Exports are the stack outputs an operator needs: where to call the API, and where to look when it misbehaves.
func (s *Stack) Exports() map[string]pulumi.StringOutput {
	return map[string]pulumi.StringOutput{
		"url":               s.API.InvokeURL,
		"restApiId":         s.API.RestAPIID,
		"stageName":         s.API.StageName,
		"stageArn":          s.API.StageArn,
		"accessLogGroup":    s.API.AccessLogGroupName,
		"executionLogGroup": s.API.ExecutionLogGroupName,
		"functionName":      s.Backend.FunctionName,
		"functionLogGroup":  s.Backend.LogGroupName,
	}
}

// Routes are the backend's API. Every route is IAM-authorized until the authorizers land; POST /items is validated
// by the gateway against the same schema the function enforces.
func Routes(backend *restapi.LambdaTarget) []restapi.Route {
	to := restapi.Integration{Kind: restapi.LambdaProxy, Lambda: backend}
	return []restapi.Route{
		{Path: "/health", Method: "GET", Integration: to},
		{Path: "/items", Method: "GET", Integration: to},
		{Path: "/items", Method: "POST", Integration: to, RequestSchema: api.NewItemSchema},
		{Path: "/whoami", Method: "GET", Integration: to},
	}
}

// apiArgs maps the config onto the API's Args. A nil backend gives a placeholder target, for validation only.
func (c Config) apiArgs(backend *restapi.LambdaTarget) *restapi.Args {
	if backend == nil {
		backend = &restapi.LambdaTarget{InvokeArn: pulumi.String(""), FunctionName: pulumi.String("")}
	}
	a := &restapi.Args{
		Description:       fmt.Sprintf("secure-apigw %s API", c.Environment),
		EndpointType:      restapi.EndpointType(c.EndpointType),
		VpcEndpointIDs:    c.VpcEndpointIDs,
		StageName:         c.StageName,
		Routes:            Routes(backend),
		Throttle:          restapi.Throttle{RateLimit: c.Throttle.RateLimit, BurstLimit: c.Throttle.BurstLimit},
		ExecutionLogLevel: c.Logs.Level,
		XRayTracing:       c.Tracing,
		ClientCertificate: c.ClientCertificate,
		LogRetentionDays:  c.Logs.RetentionDays,
	}
	if c.ProtectStatefulResources != nil {
		a.Protect = *c.ProtectStatefulResources
	}
	if c.Cache != nil {
		a.Cache = &restapi.Cache{SizeGB: c.Cache.SizeGB, TTLSeconds: c.Cache.TTLSeconds}
	}
	if c.Cors != nil {
		a.Cors = &restapi.Cors{AllowOrigin: c.Cors.AllowOrigin, AllowHeaders: c.Cors.AllowHeaders,
			MaxAgeSeconds: c.Cors.MaxAgeSeconds}
	}
	return a
}

func (c Config) backendArgs(tags pulumi.StringMap) *gofunction.Args {
	a := &gofunction.Args{
		SourceDir:           c.sourceDir(),
		Description:         fmt.Sprintf("secure-apigw %s backend", c.Environment),
		Architecture:        c.Backend.Architecture,
		MemoryMB:            c.Backend.MemoryMB,
		TimeoutSeconds:      c.Backend.TimeoutSeconds,
		ReservedConcurrency: c.Backend.ReservedConcurrency,
		LogRetentionDays:    c.Logs.RetentionDays,
		Tags:                tags,
	}
	if c.ProtectStatefulResources != nil {
		a.Protect = *c.ProtectStatefulResources
	}
	return a
}

// tags are the config's tags plus the ones every resource carries.
func (c Config) tags(ctx *pulumi.Context) pulumi.StringMap {
	all := maps.Clone(c.Tags)
	if all == nil {
		all = map[string]string{}
	}
	all["environment"] = c.Environment
	all["project"] = ctx.Project()
	all["stack"] = ctx.Stack()
	all["managed-by"] = "pulumi"
	return pulumi.ToStringMap(all)
}
