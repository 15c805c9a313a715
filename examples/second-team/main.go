// Command second-team is another team's secured API next to the platform's: it creates its own REST API and
// backend, and reuses the platform stack's Cognito user pool, web ACL, log key, alarm topic and API Gateway
// CloudWatch role by ARN through a pulumi.StackReference, so none of them exists twice.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/plan"
)

func main() { plan.Serve(program) }

func program(ctx *pulumi.Context) error {
	platform, err := pulumi.NewStackReference(ctx, "platform", &pulumi.StackReferenceArgs{
		Name: pulumi.String(config.Require(ctx, "platformStack")),
	})
	if err != nil {
		return err
	}
	shared := func(name string) pulumi.StringOutput { return platform.GetStringOutput(pulumi.String(name)) }
	concurrency := 20
	api, err := securedapi.New(ctx, "orders", &securedapi.Args{
		API: restapi.Args{
			Authorizers: []restapi.Authorizer{{Name: "users", Kind: restapi.CognitoUserPools}},
			Routes: []restapi.Route{{Path: "/orders", Method: "GET",
				Integration:   restapi.Integration{Kind: restapi.LambdaProxy},
				Authorization: restapi.AuthCognito, Authorizer: "users"}},
		},
		Backend:           &gofunction.Args{SourceDir: "../minimal/hello", ReservedConcurrency: &concurrency},
		ExistingUserPool:  &securedapi.ExistingUserPool{Arn: shared("userPoolArn")},
		ExistingWebACLArn: shared("webAclArn"),
		LogKey:            securedapi.Key{ExistingArn: shared("logKeyArn")},
		// The region's logging role belongs to the platform; this stack only needs it to exist.
		Account: &apiaccount.Args{RoleArn: shared("cloudWatchRoleArn")},
		// This API's alarms page the platform's on-call, through the platform's encrypted topic.
		Monitoring: &monitoring.Args{TopicArn: shared("alarmTopicArn")},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", api.URL)
	return nil
}
