package gofunction

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/internal/cwlogs"
)

// Args configures a Function. Only SourceDir is required.
type Args struct {
	// SourceDir is the directory of the function's main package, inside a Go module. Required.
	SourceDir string
	// Description of the function. Optional.
	Description string
	// Architecture is arm64 or x86_64. Optional; defaults to arm64.
	Architecture string
	// MemoryMB is 128 to 10240. Optional; defaults to 256.
	MemoryMB int
	// TimeoutSeconds is 1 to 900. Optional; defaults to 10.
	TimeoutSeconds int
	// ReservedConcurrency caps concurrent executions (0 disables the function). Optional; defaults to unreserved.
	ReservedConcurrency *int
	// Environment variables. Optional. Never put secrets here; they are readable by anyone who can read the function.
	Environment pulumi.StringMap
	// EnvironmentKmsKeyArn encrypts Environment at rest with a customer-managed key (checkov CKV_AWS_173); envkey
	// makes one. Lambda itself grants the execution role decrypt on the key, so the role's policy is unchanged; the
	// deploying principal needs kms:CreateGrant, kms:Encrypt, kms:Decrypt and kms:DescribeKey on it. Optional;
	// defaults to Lambda's AWS-managed key. Refused without Environment: a key with nothing to encrypt is a perpetual
	// diff in the AWS provider, and CKV_AWS_173 fails it.
	EnvironmentKmsKeyArn pulumi.StringInput
	// LogLevel is the application log level Lambda filters JSON logs at: TRACE, DEBUG, INFO, WARN, ERROR or FATAL.
	// Optional; defaults to INFO.
	LogLevel string
	// LogRetentionDays is one of the values CloudWatch Logs accepts. Optional; defaults to 365.
	LogRetentionDays int
	// LogKmsKeyArn encrypts the log group. Optional; defaults to the CloudWatch Logs service key.
	LogKmsKeyArn pulumi.StringInput
	// BuildCacheDir keeps built zips between runs. Optional; defaults to DefaultCacheDir().
	BuildCacheDir string
	// Protect protects the log group from deletion and retains it on destroy. Optional; defaults to false.
	Protect bool
	// Tags are applied to every taggable child. Optional.
	Tags pulumi.StringMap
}

var logLevels = []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}

// Validate reports every problem with the Args at once, each naming its field.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("gofunction: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if a.SourceDir == "" {
		bad("SourceDir: required; the directory of the function's main package")
	} else if st, err := os.Stat(a.SourceDir); err != nil || !st.IsDir() {
		bad("SourceDir: %q is not a directory", a.SourceDir)
	}
	if a.Architecture != "" {
		if _, err := goArch(a.Architecture); err != nil {
			errs = append(errs, err)
		}
	}
	if a.MemoryMB != 0 && (a.MemoryMB < 128 || a.MemoryMB > 10240) {
		bad("MemoryMB: %d is out of range; allowed: 128 to 10240", a.MemoryMB)
	}
	if a.TimeoutSeconds != 0 && (a.TimeoutSeconds < 1 || a.TimeoutSeconds > 900) {
		bad("TimeoutSeconds: %d is out of range; allowed: 1 to 900", a.TimeoutSeconds)
	}
	if a.ReservedConcurrency != nil && *a.ReservedConcurrency < 0 {
		bad("ReservedConcurrency: %d is negative", *a.ReservedConcurrency)
	}
	if a.EnvironmentKmsKeyArn != nil && len(a.Environment) == 0 {
		bad("EnvironmentKmsKeyArn: set without Environment; the key would encrypt nothing")
	}
	if a.LogLevel != "" && !slices.Contains(logLevels, a.LogLevel) {
		bad("LogLevel: %q is not allowed; allowed: %v", a.LogLevel, logLevels)
	}
	if a.LogRetentionDays != 0 {
		if err := cwlogs.CheckRetention("LogRetentionDays", a.LogRetentionDays); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Function is a built and deployed Go Lambda.
type Function struct {
	pulumi.ResourceState

	// Function is exposed for composition (aliases, event sources).
	Function *lambda.Function

	FunctionName pulumi.StringOutput `pulumi:"functionName"`
	Arn          pulumi.StringOutput `pulumi:"arn"`
	InvokeArn    pulumi.StringOutput `pulumi:"invokeArn"`
	RoleArn      pulumi.StringOutput `pulumi:"roleArn"`
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// CodeSHA256 is the deployment zip's base64 SHA-256.
	CodeSHA256 pulumi.StringOutput `pulumi:"codeSha256"`
}

// New builds the function from source (or reuses the cached zip) and deploys it.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Function, error) {
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("gofunction %q: %w", name, err)
	}
	a := args.withDefaults()
	// Build before registering anything: a compile error then leaves no half-registered component.
	artifact, err := Build(ctx.Context(), BuildOptions{
		SourceDir: a.SourceDir, Architecture: a.Architecture, CacheDir: a.BuildCacheDir,
	})
	if err != nil {
		return nil, fmt.Errorf("gofunction %q: %w", name, err)
	}
	c := &Function{}
	if err := ctx.RegisterComponentResource("secure-apigw:lambda:GoFunction", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	logArgs := &cloudwatch.LogGroupArgs{RetentionInDays: pulumi.Int(a.LogRetentionDays), Tags: a.Tags}
	if a.LogKmsKeyArn != nil {
		logArgs.KmsKeyId = a.LogKmsKeyArn
	}
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-logs", logArgs, parent,
		pulumi.Protect(a.Protect), pulumi.RetainOnDelete(a.Protect))
	if err != nil {
		return nil, fmt.Errorf("create log group for %q: %w", name, err)
	}

	role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{
		Description:      pulumi.Sprintf("Execution role of the %s function", name),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy),
		Tags:             a.Tags,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create role for %q: %w", name, err)
	}
	policy, err := iam.NewRolePolicy(ctx, name+"-role-policy", &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: logs.Arn.ApplyT(executionPolicy).(pulumi.StringOutput),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("create role policy for %q: %w", name, err)
	}

	fnArgs := &lambda.FunctionArgs{
		Description:    pulumi.String(a.Description),
		Runtime:        pulumi.String(Runtime),
		Handler:        pulumi.String("bootstrap"),
		Architectures:  pulumi.StringArray{pulumi.String(a.Architecture)},
		Code:           pulumi.NewFileArchive(artifact.ZipPath),
		SourceCodeHash: pulumi.String(artifact.SHA256),
		MemorySize:     pulumi.Int(a.MemoryMB),
		Timeout:        pulumi.Int(a.TimeoutSeconds),
		Role:           role.Arn,
		TracingConfig:  &lambda.FunctionTracingConfigArgs{Mode: pulumi.String("Active")},
		LoggingConfig: &lambda.FunctionLoggingConfigArgs{
			LogFormat:           pulumi.String("JSON"),
			LogGroup:            logs.Name,
			ApplicationLogLevel: pulumi.String(a.LogLevel),
			SystemLogLevel:      pulumi.String("WARN"),
		},
		Tags: a.Tags,
	}
	if len(a.Environment) > 0 {
		fnArgs.Environment = &lambda.FunctionEnvironmentArgs{Variables: a.Environment}
		fnArgs.KmsKeyArn = a.EnvironmentKmsKeyArn
	}
	if a.ReservedConcurrency != nil {
		fnArgs.ReservedConcurrentExecutions = pulumi.Int(*a.ReservedConcurrency)
	}
	// The policy must exist before the first invocation tries to log.
	fn, err := lambda.NewFunction(ctx, name+"-function", fnArgs, parent, pulumi.DependsOn([]pulumi.Resource{policy}))
	if err != nil {
		return nil, fmt.Errorf("create function %q: %w", name, err)
	}

	c.Function = fn
	c.FunctionName = fn.Name
	c.Arn = fn.Arn
	c.InvokeArn = fn.InvokeArn
	c.RoleArn = role.Arn
	c.LogGroupName = logs.Name
	c.CodeSHA256 = pulumi.String(artifact.SHA256).ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"functionName": c.FunctionName, "arn": c.Arn, "invokeArn": c.InvokeArn, "roleArn": c.RoleArn,
		"logGroupName": c.LogGroupName, "codeSha256": c.CodeSHA256,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

const assumeRolePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
	`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// executionPolicy lets the function write to its own log group only, and send X-Ray traces (which support no
// resource-level scoping). No logs:CreateLogGroup: the group is created here, with its retention.
func executionPolicy(logGroupArn string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{
				"Sid": "WriteOwnLogGroup", "Effect": "Allow",
				"Action":   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
				"Resource": logGroupArn + ":*",
			},
			map[string]any{
				"Sid": "SendTraces", "Effect": "Allow",
				"Action":   []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"},
				"Resource": "*",
			},
		},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}
