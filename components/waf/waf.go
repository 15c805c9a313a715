package waf

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/awsres"
)

// Rule priorities: fixed, so adding or removing an optional rule never reorders the others.
const (
	PriorityDenyList     = 0
	PriorityAllowList    = 1
	PriorityGeoBlock     = 2
	PriorityRateLimit    = 3
	PriorityBodySize     = 4
	PriorityManagedFirst = 10
)

// Custom response bodies for this ACL's own blocks: JSON, nothing about the rule that matched.
const (
	forbiddenKey    = "forbidden"
	forbiddenBody   = `{"message":"Forbidden"}`
	tooManyKey      = "too-many-requests"
	tooManyBody     = `{"message":"Too many requests"}`
	jsonType        = "APPLICATION_JSON"
	tooManyStatus   = 429
	forbiddenStatus = 403
)

// WebACL is a REGIONAL web ACL associated with one API stage, with its logging.
type WebACL struct {
	pulumi.ResourceState

	// ACL is exposed for composition: its ID, Arn, Name and Capacity; wafv2.GetWebAcl reads the SDK's full view.
	ACL *awsres.WebAcl

	WebACLArn    pulumi.StringOutput `pulumi:"webAclArn"`
	WebACLID     pulumi.StringOutput `pulumi:"webAclId"`
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
}

// New creates the web ACL, its IP sets, log group and logging configuration, and associates it with the stage.
// Args are validated first; refused Args register nothing.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*WebACL, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("waf %q: %w", name, err)
	}
	a := args.withDefaults()
	if a.Name == "" {
		a.Name = name
	}
	c := &WebACL{}
	if err := ctx.RegisterComponentResource("secure-apigw:waf:WebAcl", name, c, opts...); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, args: a, parent: pulumi.Parent(c)}
	if err := b.build(c); err != nil {
		return nil, fmt.Errorf("waf %q: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"webAclArn": c.WebACLArn, "webAclId": c.WebACLID, "logGroupName": c.LogGroupName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

type builder struct {
	ctx    *pulumi.Context
	name   string
	args   Args
	parent pulumi.ResourceOption
}

func (b *builder) build(c *WebACL) error {
	rules, err := b.rules()
	if err != nil {
		return err
	}
	acl, err := awsres.NewWebAcl(b.ctx, b.name+"-acl", pulumi.Map{
		"name":             pulumi.String(b.args.Name),
		"description":      pulumi.String("secure-apigw web ACL " + b.args.Name),
		"scope":            pulumi.String("REGIONAL"),
		"defaultAction":    pulumi.Map{"allow": pulumi.Map{}},
		"rules":            rules,
		"visibilityConfig": visibility(b.args.Name),
		"customResponseBodies": pulumi.Array{
			pulumi.Map{"key": pulumi.String(forbiddenKey), "content": pulumi.String(forbiddenBody),
				"contentType": pulumi.String(jsonType)},
			pulumi.Map{"key": pulumi.String(tooManyKey), "content": pulumi.String(tooManyBody),
				"contentType": pulumi.String(jsonType)},
		},
		"associationConfig": b.associationConfig(),
		"tags":              b.args.Tags,
	}, b.parent)
	if err != nil {
		return fmt.Errorf("create web ACL: %w", err)
	}
	c.ACL = acl
	logs, err := b.logging(acl)
	if err != nil {
		return err
	}
	// The stage's own ARN output names it, and the association depends on the Stage resource: WAF refuses to
	// associate with a stage that does not exist yet. A StageArn carries its own dependencies.
	stageArn, after := b.args.StageArn, []pulumi.ResourceOption{b.parent}
	if b.args.Stage != nil {
		stageArn = b.args.Stage.Arn
		after = append(after, pulumi.DependsOn([]pulumi.Resource{b.args.Stage}))
	}
	if _, err := awsres.NewWebAclAssociation(b.ctx, b.name+"-association", pulumi.Map{
		"resourceArn": stageArn,
		"webAclArn":   acl.Arn,
	}, after...); err != nil {
		return fmt.Errorf("associate web ACL with the stage: %w", err)
	}
	c.WebACLArn, c.WebACLID, c.LogGroupName = acl.Arn, acl.ID().ToStringOutput(), logs.Name
	return nil
}

// logging writes the ACL's logs to aws-waf-logs-<name>, encrypted and retained, without credential headers.
func (b *builder) logging(acl *awsres.WebAcl) (*cloudwatch.LogGroup, error) {
	a := b.args
	lgArgs := &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(LogGroupPrefix + b.args.Name),
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            a.Tags,
	}
	if a.LogKmsKeyArn != nil {
		lgArgs.KmsKeyId = a.LogKmsKeyArn
	}
	lg, err := cloudwatch.NewLogGroup(b.ctx, b.name+"-logs", lgArgs, b.parent,
		pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect))
	if err != nil {
		return nil, fmt.Errorf("create WAF log group: %w", err)
	}
	var redacted pulumi.Array
	for _, h := range RedactedHeaders {
		redacted = append(redacted, pulumi.Map{"singleHeader": pulumi.Map{"name": pulumi.String(h)}})
	}
	if _, err := awsres.NewWebAclLoggingConfiguration(b.ctx, b.name+"-logging", pulumi.Map{
		"resourceArn":           acl.Arn,
		"logDestinationConfigs": pulumi.StringArray{lg.Arn},
		"redactedFields":        redacted,
	}, b.parent); err != nil {
		return nil, fmt.Errorf("configure WAF logging: %w", err)
	}
	return lg, nil
}

// associationConfig buys a larger body inspection window when MaxBodyBytes needs one (API Gateway inspects 16 KB
// unless told otherwise); nil leaves the property unset.
func (b *builder) associationConfig() pulumi.Input {
	n := b.args.MaxBodyBytes
	if n <= DefaultMaxBodyBytes {
		return nil
	}
	limit := "KB_64"
	for _, step := range []int{32, 48} {
		if n <= step*1024 {
			limit = fmt.Sprintf("KB_%d", step)
			break
		}
	}
	return pulumi.Map{"requestBodies": pulumi.Array{pulumi.Map{
		"apiGateways": pulumi.Array{pulumi.Map{"defaultSizeInspectionLimit": pulumi.String(limit)}},
	}}}
}

// visibility turns on CloudWatch metrics and sampled requests under a metric name, for the ACL and each rule.
func visibility(metric string) pulumi.Map {
	return pulumi.Map{
		"cloudwatchMetricsEnabled": pulumi.Bool(true),
		"metricName":               pulumi.String(metric),
		"sampledRequestsEnabled":   pulumi.Bool(true),
	}
}

// managedRule references an AWS managed group; in count mode it only counts (overrideAction count).
func (b *builder) managedRule(group string, priority int) pulumi.Map {
	override := pulumi.Map{"none": pulumi.Map{}}
	if slices.Contains(b.args.CountOnly, group) {
		override = pulumi.Map{"count": pulumi.Map{}}
	}
	stmt := pulumi.Map{"name": pulumi.String(group), "vendorName": pulumi.String("AWS")}
	if group == BotControl {
		stmt["managedRuleGroupConfigs"] = pulumi.Array{pulumi.Map{
			"awsManagedRulesBotControlRuleSet": pulumi.Map{"inspectionLevel": pulumi.String("COMMON")},
		}}
	}
	return pulumi.Map{
		"name":             pulumi.String(group),
		"priority":         pulumi.Int(priority),
		"overrideAction":   override,
		"statement":        pulumi.Map{"managedRuleGroupStatement": stmt},
		"visibilityConfig": visibility(b.args.Name + "-" + group),
	}
}

// block answers with a JSON body and the given status.
func block(status int, bodyKey string) pulumi.Map {
	return pulumi.Map{"block": pulumi.Map{"customResponse": pulumi.Map{
		"responseCode": pulumi.Int(status), "customResponseBodyKey": pulumi.String(bodyKey),
	}}}
}
