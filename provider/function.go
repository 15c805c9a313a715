package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secure-apigw/secure-apigw/components/gofunction"
)

// Function is a Go Lambda built from source on the deploying machine: SecuredApi's backend and the JWT
// authorizer's function.
type Function struct {
	SourceDir            string                        `pulumi:"sourceDir,optional"`
	Description          string                        `pulumi:"description,optional"`
	Architecture         string                        `pulumi:"architecture,optional"`
	MemoryMB             int                           `pulumi:"memoryMb,optional"`
	TimeoutSeconds       int                           `pulumi:"timeoutSeconds,optional"`
	ReservedConcurrency  *int                          `pulumi:"reservedConcurrency,optional"`
	Environment          map[string]pulumi.StringInput `pulumi:"environment,optional"`
	EnvironmentKmsKeyArn pulumi.StringInput            `pulumi:"environmentKmsKeyArn,optional"`
	LogLevel             string                        `pulumi:"logLevel,optional"`
	LogRetentionDays     int                           `pulumi:"logRetentionDays,optional"`
	LogKmsKeyArn         pulumi.StringInput            `pulumi:"logKmsKeyArn,optional"`
	BuildCacheDir        string                        `pulumi:"buildCacheDir,optional"`
	Protect              bool                          `pulumi:"protect,optional"`
	Tags                 map[string]string             `pulumi:"tags,optional"`
}

// Annotate documents Function in the schema.
func (f *Function) Annotate(an infer.Annotator) {
	an.Describe(&f.SourceDir, "The function's main package directory inside a Go module, as an absolute path "+
		"(YAML: ${pulumi.cwd}/<dir>): the provider runs as a process of its own. Required for the backend; the JWT "+
		"authorizer's defaults to this module's functions/authorizer.")
	an.Describe(&f.Description, "The function's description.")
	an.Describe(&f.Architecture, "arm64 or x86_64. Defaults to arm64.")
	an.Describe(&f.MemoryMB, "128 to 10240. Defaults to 256.")
	an.Describe(&f.TimeoutSeconds, "1 to 900. Defaults to 10 (the JWT authorizer's to 5).")
	an.Describe(&f.ReservedConcurrency, "Caps concurrent executions (checkov CKV_AWS_115 wants it set; 0 "+
		"disables the function). Defaults to unreserved.")
	an.Describe(&f.Environment, "Environment variables; never secrets, anyone who can read the function reads "+
		"them. Encrypted with SecuredApi's environment key.")
	an.Describe(&f.EnvironmentKmsKeyArn, "The customer-managed key for the environment variables (SecuredApi's "+
		"environment key by default there). Refused without environment.")
	an.Describe(&f.LogLevel, "TRACE, DEBUG, INFO, WARN, ERROR or FATAL: the level Lambda filters JSON logs at. "+
		"Defaults to INFO.")
	an.Describe(&f.LogRetentionDays, "The log group's retention, a value CloudWatch Logs accepts. Defaults to 365.")
	an.Describe(&f.LogKmsKeyArn, "The key the log group is encrypted with (SecuredApi's log key by default there).")
	an.Describe(&f.BuildCacheDir, "An absolute directory that keeps built zips between runs. Defaults to the "+
		"user's cache directory.")
	an.Describe(&f.Protect, "Protects the log group from deletion and retains it on destroy.")
	an.Describe(&f.Tags, "Tags applied to every taggable child.")
}

func (f Function) goFunctionArgs() gofunction.Args {
	a := gofunction.Args{SourceDir: f.SourceDir, Description: f.Description, Architecture: f.Architecture,
		MemoryMB: f.MemoryMB, TimeoutSeconds: f.TimeoutSeconds, ReservedConcurrency: f.ReservedConcurrency,
		EnvironmentKmsKeyArn: f.EnvironmentKmsKeyArn, LogLevel: f.LogLevel, LogRetentionDays: f.LogRetentionDays,
		LogKmsKeyArn: f.LogKmsKeyArn, BuildCacheDir: f.BuildCacheDir, Protect: f.Protect, Tags: tags(f.Tags)}
	if f.Environment != nil {
		a.Environment = pulumi.StringMap(f.Environment)
	}
	return a
}
