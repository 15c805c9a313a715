package mockengine

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The AWS provider checks every registration before it calls AWS (its Check): it fills names the program left out
// and runs the Terraform schema's validators. `pulumi up` stops there, so the plan must too. This file is that
// check for every type the components create: the first `pulumi up` under a real engine stopped at load balancer
// names the mock engine had accepted.

// autoName is how pulumi-aws fills one type's name when the program gives none. Sources: pulumi-aws v6
// provider/resources.go — its setAutonaming gives every resource with a `name` input AutoName("name", 255, "-");
// the types below with another limit or field have their own AutoName* entry there. The bridge
// (pulumi-terraform-bridge pkg/tfbridge/names.go, ComputeAutoNameDefault) appends "-" and 7 random characters and
// refuses, before any AWS call, a result longer than max (sdk/go/common/resource.NewUniqueName). It fills nothing
// when the program sets the input or a conflicting prefix input (schema.go, buildConflictsWith).
type autoName struct {
	input  string // the Pulumi input it fills
	max    int    // the longest name it makes: logical name, "-" and 7 random characters
	lower  bool   // the logical name is lower-cased first (S3 buckets)
	prefix string // the input that conflicts with input: set, the provider (Terraform) makes the name instead
}

const randomSuffix = 7 // the bridge's Randlen for every AutoName

var defaultAutoName = autoName{input: "name", max: 255, prefix: "namePrefix"}

var autoNames = map[string]autoName{
	"aws:apigateway/apiKey:ApiKey":              {input: "name", max: 255},
	"aws:apigateway/restApi:RestApi":            {input: "name", max: 255},
	"aws:apigateway/usagePlan:UsagePlan":        {input: "name", max: 255},
	"aws:apigateway/vpcLink:VpcLink":            {input: "name", max: 255},
	"aws:cloudwatch/logGroup:LogGroup":          defaultAutoName,
	"aws:cloudwatch/metricAlarm:MetricAlarm":    {input: "name", max: 255}, // alarm_name: AutoName("name", 255, "-")
	"aws:cognito/resourceServer:ResourceServer": {input: "name", max: 255},
	"aws:cognito/userPool:UserPool":             {input: "name", max: 255},
	"aws:cognito/userPoolClient:UserPoolClient": {input: "name", max: 255},
	"aws:ec2/securityGroup:SecurityGroup":       defaultAutoName,
	"aws:iam/role:Role":                         {input: "name", max: 64, prefix: "namePrefix"},
	"aws:iam/rolePolicy:RolePolicy":             defaultAutoName,
	"aws:kms/alias:Alias":                       {input: "name", max: 238, prefix: "namePrefix"}, // then "alias/" is put in front
	"aws:lambda/function:Function":              {input: "name", max: 64},                        // function_name: AutoName("name", 64, "-")
	"aws:lambda/permission:Permission":          {input: "statementId", max: 100, prefix: "statementIdPrefix"},
	"aws:lb/loadBalancer:LoadBalancer":          defaultAutoName, // 255 here; Terraform's 32 below is what refuses it
	"aws:lb/targetGroup:TargetGroup":            {input: "name", max: 32, prefix: "namePrefix"},
	"aws:s3/bucketV2:BucketV2":                  {input: "bucket", max: 63, lower: true, prefix: "bucketPrefix"},
	"aws:sns/topic:Topic":                       {input: "name", max: 80, prefix: "namePrefix"},
	"aws:wafv2/ipSet:IpSet":                     defaultAutoName,
	"aws:wafv2/webAcl:WebAcl":                   defaultAutoName,
	"aws:alb/loadBalancer:LoadBalancer":         defaultAutoName,
	"aws:alb/targetGroup:TargetGroup":           {input: "name", max: 32, prefix: "namePrefix"},
}

// fill returns the name the provider would give r (the program's own, or an auto-name with a placeholder suffix of
// the real length), and the provider's refusal when the auto-name is too long.
func (n autoName) fill(r *Resource) (name string, set bool, err error) {
	if v, ok := Lookup(r.Inputs, n.input); ok {
		return stringOf(v), true, nil
	}
	if n.prefix != "" {
		if _, ok := Lookup(r.Inputs, n.prefix); ok {
			return "", false, nil // Terraform makes the name from the prefix; the prefix's own rule judges it
		}
	}
	base := r.Name
	if n.lower {
		base = strings.ToLower(base)
	}
	if len(base)+1+randomSuffix > n.max {
		return "", false, fmt.Errorf("could not make instance of '%s': name '%s-' plus %d random chars is longer "+
			"than maximum length %d [pulumi-aws auto-names %s from the logical name: shorten it to at most %d "+
			"characters, or set %s%s]", r.Type, base, randomSuffix, n.max, n.input, n.max-1-randomSuffix, n.input,
			orPrefix(n.prefix))
	}
	return base + "-" + strings.Repeat("x", randomSuffix), false, nil
}

func orPrefix(p string) string {
	if p == "" {
		return ""
	}
	return " or " + p
}

// fieldRule is one Terraform validator on an input: its ValidateFunc (length, characters) or a CustomizeDiff that
// refuses the value at plan time. Sources: terraform-provider-aws internal/service/<service>/<resource>.go; the
// file is named on each rule.
type fieldRule struct {
	input  string // dotted path; "*" walks every element of a list ("rules.*.name")
	source string
	check  func(v string) []string
}

// lengthAndChars is the common validator shape: a length range and a character class, each optional.
func lengthAndChars(lo, hi int, allowed *regexp.Regexp, desc string, extra ...func(string) []string) func(string) []string {
	return func(v string) []string {
		var out []string
		if len(v) < lo || (hi > 0 && len(v) > hi) {
			if hi > 0 {
				out = append(out, fmt.Sprintf("%d characters; %d to %d allowed", len(v), lo, hi))
			} else {
				out = append(out, fmt.Sprintf("%d characters; at least %d required", len(v), lo))
			}
		}
		if allowed != nil && v != "" && !allowed.MatchString(v) {
			out = append(out, "only "+desc+" allowed")
		}
		for _, x := range extra {
			out = append(out, x(v)...)
		}
		return out
	}
}

func notAffixed(prefixes, suffixes []string) func(string) []string {
	return func(v string) []string {
		var out []string
		for _, p := range prefixes {
			if strings.HasPrefix(v, p) {
				out = append(out, fmt.Sprintf("cannot begin with %q", p))
			}
		}
		for _, s := range suffixes {
			if strings.HasSuffix(v, s) {
				out = append(out, fmt.Sprintf("cannot end with %q", s))
			}
		}
		return out
	}
}

var (
	alnumHyphen      = regexp.MustCompile(`^[0-9A-Za-z-]+$`)
	alnumHyphenUnder = regexp.MustCompile(`^[0-9A-Za-z_-]+$`)
	iamName          = regexp.MustCompile(`^[\w+=,.@-]*$`)
	logGroupName     = regexp.MustCompile(`^[0-9A-Za-z_./#-]+$`)
	kmsAliasName     = regexp.MustCompile(`^alias/[0-9A-Za-z_/-]+$`)
	bucketName       = regexp.MustCompile(`^[0-9a-z.-]+$`)
)

const (
	alnumHyphenDesc      = "letters, digits and hyphens"
	alnumHyphenUnderDesc = "letters, digits, hyphens and underscores"
)

var lbName = lengthAndChars(0, 32, alnumHyphen, alnumHyphenDesc, notAffixed([]string{"-", "internal-"}, []string{"-"}))
var lbNamePrefix = lengthAndChars(0, 6, alnumHyphen, alnumHyphenDesc, notAffixed([]string{"-", "internal-"}, nil))
var tgName = lengthAndChars(0, 32, alnumHyphen, alnumHyphenDesc, notAffixed([]string{"-"}, []string{"-"}))
var tgNamePrefix = lengthAndChars(0, 6, alnumHyphen, alnumHyphenDesc, notAffixed([]string{"-"}, nil))

var fieldRules = map[string][]fieldRule{
	"aws:lb/loadBalancer:LoadBalancer": {
		{"name", "elbv2/validate.go validName", lbName},
		{"namePrefix", "elbv2/validate.go validNamePrefix", lbNamePrefix},
	},
	"aws:lb/targetGroup:TargetGroup": {
		{"name", "elbv2/validate.go validTargetGroupName", tgName},
		{"namePrefix", "elbv2/validate.go validTargetGroupNamePrefix", tgNamePrefix},
	},
	"aws:iam/role:Role": {
		{"name", "iam/role.go validRoleName", lengthAndChars(1, 64, iamName, "letters, digits and +=,.@_-")},
		{"namePrefix", "iam/role.go validRoleNamePrefix", lengthAndChars(1, 38, iamName, "letters, digits and +=,.@_-")},
	},
	"aws:iam/rolePolicy:RolePolicy": {
		{"name", "iam/role_policy.go", lengthAndChars(1, 128, iamName, "letters, digits and +=,.@_-")},
		{"namePrefix", "iam/role_policy.go", lengthAndChars(1, 102, iamName, "letters, digits and +=,.@_-")},
	},
	"aws:lambda/function:Function": {
		// Terraform allows 140 (a function ARN); the bare name AWS takes is what the program sets.
		{"name", "lambda/function.go validFunctionName", lengthAndChars(1, 140,
			regexp.MustCompile(`^(arn:[\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\d{1}:)?(\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$`),
			"a function name of "+alnumHyphenUnderDesc+", or its ARN")},
	},
	"aws:lambda/permission:Permission": {
		{"statementId", "lambda/permission.go validPolicyStatementID", lengthAndChars(0, 100, alnumHyphenUnder, alnumHyphenUnderDesc)},
		{"statementIdPrefix", "lambda/permission.go validPolicyStatementID", lengthAndChars(0, 100, alnumHyphenUnder, alnumHyphenUnderDesc)},
	},
	"aws:cloudwatch/logGroup:LogGroup": {
		{"name", "logs/group.go validLogGroupName", lengthAndChars(1, 512, logGroupName, "letters, digits and _./#-")},
		{"namePrefix", "logs/group.go validLogGroupNamePrefix", lengthAndChars(1, 483, logGroupName, "letters, digits and _./#-")},
	},
	"aws:cloudwatch/dashboard:Dashboard": {
		{"dashboardName", "cloudwatch/dashboard.go validDashboardName", lengthAndChars(1, 255, alnumHyphenUnder, alnumHyphenUnderDesc)},
	},
	"aws:cloudwatch/metricAlarm:MetricAlarm": {
		{"name", "cloudwatch/metric_alarm.go", lengthAndChars(1, 255, nil, "")},
		{"alarmDescription", "cloudwatch/metric_alarm.go", lengthAndChars(0, 1024, nil, "")},
	},
	"aws:wafv2/webAcl:WebAcl": {
		{"name", "wafv2/web_acl.go", lengthAndChars(1, 128, alnumHyphenUnder, alnumHyphenUnderDesc)},
		{"namePrefix", "wafv2/web_acl.go", lengthAndChars(1, 128, alnumHyphenUnder, alnumHyphenUnderDesc)},
		{"description", "wafv2/web_acl.go", lengthAndChars(1, 256, nil, "")},
		{"visibilityConfig.metricName", "wafv2/schemas.go visibilityConfigSchema", lengthAndChars(1, 128, alnumHyphenUnder, alnumHyphenUnderDesc)},
		{"rules.*.name", "wafv2/web_acl.go", lengthAndChars(1, 128, nil, "")},
		{"rules.*.visibilityConfig.metricName", "wafv2/schemas.go visibilityConfigSchema", lengthAndChars(1, 128, alnumHyphenUnder, alnumHyphenUnderDesc)},
	},
	"aws:wafv2/ipSet:IpSet": {
		{"name", "wafv2/ip_set.go", lengthAndChars(1, 128, nil, "")},
		{"description", "wafv2/ip_set.go", lengthAndChars(1, 256, nil, "")},
	},
	"aws:sns/topic:Topic": {
		// resourceTopicCustomizeDiff, on create (a FIFO topic's name ends in .fifo; the project makes none).
		{"name", "sns/topic.go resourceTopicCustomizeDiff", lengthAndChars(1, 256, alnumHyphenUnder, alnumHyphenUnderDesc)},
	},
	"aws:kms/alias:Alias": {
		{"name", "kms/validate.go validNameForResource", lengthAndChars(0, 0, kmsAliasName, "\"alias/\" then letters, digits and _/-",
			notAffixed([]string{"alias/aws/"}, nil))},
	},
	"aws:ec2/securityGroup:SecurityGroup": {
		{"name", "ec2/vpc_security_group.go", lengthAndChars(0, 255, nil, "", notAffixed([]string{"sg-"}, nil))},
		{"namePrefix", "ec2/vpc_security_group.go", lengthAndChars(0, 229, nil, "")},
		{"description", "ec2/vpc_security_group.go", lengthAndChars(0, 255, nil, "")},
	},
	"aws:cognito/userPoolDomain:UserPoolDomain": {
		{"domain", "cognitoidp/user_pool_domain.go", lengthAndChars(1, 63, nil, "")},
	},
	"aws:s3/bucketV2:BucketV2": {
		// 63 at plan; the lower-case rule runs in Create before the CreateBucket call (validBucketName).
		{"bucket", "s3/bucket.go validBucketName", lengthAndChars(3, 63, bucketName, "lower-case letters, digits, '.' and '-'")},
		{"bucketPrefix", "s3/bucket.go", lengthAndChars(0, 37, nil, "")},
	},
}

func init() {
	// The alb tokens are aliases of the lb ones, with the same schema.
	fieldRules["aws:alb/loadBalancer:LoadBalancer"] = fieldRules["aws:lb/loadBalancer:LoadBalancer"]
	fieldRules["aws:alb/targetGroup:TargetGroup"] = fieldRules["aws:lb/targetGroup:TargetGroup"]
}

// providerCheck returns the provider's refusals of r, each naming the input and the rule: what `pulumi up` and
// `pulumi preview` would print before any AWS call.
func providerCheck(r *Resource) error {
	var problems []string
	if n, ok := autoNames[r.Type]; ok {
		name, set, err := n.fill(r)
		if err != nil {
			return fmt.Errorf("%s %q: the AWS provider refuses it before calling AWS: %w", r.Type, r.Name, err)
		}
		if !set && name != "" {
			// The auto-name goes through the same validators as a name the program sets.
			for _, rule := range fieldRules[r.Type] {
				if rule.input == n.input {
					for _, p := range rule.check(name) {
						problems = append(problems, fmt.Sprintf("%s \"%s-<%d random chars>\" (pulumi-aws's auto-name; set %s%s): "+
							"%s [terraform-provider-aws %s]", n.input, r.Name, randomSuffix, n.input, orPrefix(n.prefix), p,
							rule.source))
					}
				}
			}
		}
	}
	for _, rule := range fieldRules[r.Type] {
		for _, at := range values(r.Inputs, rule.input) {
			for _, p := range rule.check(at.value) {
				problems = append(problems, fmt.Sprintf("%s %q: %s [terraform-provider-aws %s]", at.path, at.value, p,
					rule.source))
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	slices.Sort(problems)
	return fmt.Errorf("%s %q: the AWS provider refuses it before calling AWS: %s", r.Type, r.Name,
		strings.Join(problems, "; "))
}

type located struct{ path, value string }

// values returns every known string at a dotted path, "*" walking every element of a list.
func values(m resource.PropertyMap, path string) []located {
	var out []located
	var walk func(v resource.PropertyValue, parts []string, at string)
	walk = func(v resource.PropertyValue, parts []string, at string) {
		v = unsecret(v)
		if len(parts) == 0 {
			if v.IsString() {
				out = append(out, located{at, v.StringValue()})
			}
			return
		}
		join := func(p string) string {
			if at == "" {
				return p
			}
			return at + "." + p
		}
		switch {
		case parts[0] == "*" && v.IsArray():
			for i, el := range v.ArrayValue() {
				walk(el, parts[1:], join(fmt.Sprint(i)))
			}
		case v.IsObject():
			if next, ok := v.ObjectValue()[resource.PropertyKey(parts[0])]; ok && !next.IsNull() {
				walk(next, parts[1:], join(parts[0]))
			}
		}
	}
	walk(resource.NewProperty(m), strings.Split(path, "."), "")
	return out
}

func stringOf(v resource.PropertyValue) string {
	v = unsecret(v)
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}
