package waf

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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

	// ACL is exposed for composition.
	ACL *wafv2.WebAcl

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
	acl, err := wafv2.NewWebAcl(b.ctx, b.name+"-acl", &wafv2.WebAclArgs{
		Name:             pulumi.String(b.args.Name),
		Description:      pulumi.String("secure-apigw web ACL " + b.args.Name),
		Scope:            pulumi.String("REGIONAL"),
		DefaultAction:    wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:            rules,
		VisibilityConfig: visibility(b.args.Name),
		CustomResponseBodies: wafv2.WebAclCustomResponseBodyArray{
			wafv2.WebAclCustomResponseBodyArgs{Key: pulumi.String(forbiddenKey), Content: pulumi.String(forbiddenBody),
				ContentType: pulumi.String(jsonType)},
			wafv2.WebAclCustomResponseBodyArgs{Key: pulumi.String(tooManyKey), Content: pulumi.String(tooManyBody),
				ContentType: pulumi.String(jsonType)},
		},
		AssociationConfig: b.associationConfig(),
		Tags:              b.args.Tags,
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
	if _, err := wafv2.NewWebAclAssociation(b.ctx, b.name+"-association", &wafv2.WebAclAssociationArgs{
		ResourceArn: stageArn,
		WebAclArn:   acl.Arn,
	}, after...); err != nil {
		return fmt.Errorf("associate web ACL with the stage: %w", err)
	}
	c.WebACLArn, c.WebACLID, c.LogGroupName = acl.Arn, acl.ID().ToStringOutput(), logs.Name
	return nil
}

// logging writes the ACL's logs to aws-waf-logs-<name>, encrypted and retained, without credential headers.
func (b *builder) logging(acl *wafv2.WebAcl) (*cloudwatch.LogGroup, error) {
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
	var redacted wafv2.WebAclLoggingConfigurationRedactedFieldArray
	for _, h := range RedactedHeaders {
		redacted = append(redacted, wafv2.WebAclLoggingConfigurationRedactedFieldArgs{
			SingleHeader: &wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String(h)},
		})
	}
	if _, err := wafv2.NewWebAclLoggingConfiguration(b.ctx, b.name+"-logging", &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{lg.Arn},
		RedactedFields:        redacted,
	}, b.parent); err != nil {
		return nil, fmt.Errorf("configure WAF logging: %w", err)
	}
	return lg, nil
}

// associationConfig buys a larger body inspection window when MaxBodyBytes needs one (API Gateway inspects 16 KB
// unless told otherwise).
func (b *builder) associationConfig() wafv2.WebAclAssociationConfigPtrInput {
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
	return &wafv2.WebAclAssociationConfigArgs{RequestBodies: wafv2.WebAclAssociationConfigRequestBodyArray{
		wafv2.WebAclAssociationConfigRequestBodyArgs{ApiGateways: wafv2.WebAclAssociationConfigRequestBodyApiGatewayArray{
			wafv2.WebAclAssociationConfigRequestBodyApiGatewayArgs{DefaultSizeInspectionLimit: pulumi.String(limit)},
		}},
	}}
}

// visibility turns on CloudWatch metrics and sampled requests under a metric name.
func visibility(metric string) wafv2.WebAclVisibilityConfigArgs {
	return wafv2.WebAclVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(metric),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}

func ruleVisibility(metric string) wafv2.WebAclRuleVisibilityConfigArgs {
	return wafv2.WebAclRuleVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(metric),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}

// managedRule references an AWS managed group; in count mode it only counts (overrideAction count).
func (b *builder) managedRule(group string, priority int) wafv2.WebAclRuleArgs {
	override := wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}}
	if slices.Contains(b.args.CountOnly, group) {
		override = wafv2.WebAclRuleOverrideActionArgs{Count: &wafv2.WebAclRuleOverrideActionCountArgs{}}
	}
	stmt := &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
		Name: pulumi.String(group), VendorName: pulumi.String("AWS"),
	}
	if group == BotControl {
		stmt.ManagedRuleGroupConfigs = wafv2.WebAclRuleStatementManagedRuleGroupStatementManagedRuleGroupConfigArray{
			wafv2.WebAclRuleStatementManagedRuleGroupStatementManagedRuleGroupConfigArgs{
				AwsManagedRulesBotControlRuleSet: &wafv2.WebAclRuleStatementManagedRuleGroupStatementManagedRuleGroupConfigAwsManagedRulesBotControlRuleSetArgs{
					InspectionLevel: pulumi.String("COMMON"),
				},
			},
		}
	}
	return wafv2.WebAclRuleArgs{
		Name:             pulumi.String(group),
		Priority:         pulumi.Int(priority),
		OverrideAction:   override,
		Statement:        wafv2.WebAclRuleStatementArgs{ManagedRuleGroupStatement: stmt},
		VisibilityConfig: ruleVisibility(b.args.Name + "-" + group),
	}
}

// block answers with a JSON body and the given status.
func block(status int, bodyKey string) wafv2.WebAclRuleActionArgs {
	return wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{
		CustomResponse: &wafv2.WebAclRuleActionBlockCustomResponseArgs{
			ResponseCode: pulumi.Int(status), CustomResponseBodyKey: pulumi.String(bodyKey),
		},
	}}
}
