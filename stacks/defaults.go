package stacks

import "strings"

// Documented defaults for every optional key of the `gateway` config object (see docs/config.md).
const (
	defaultStageName        = "v1"
	defaultEndpointType     = "REGIONAL"
	defaultRateLimit        = 100.0
	defaultBurstLimit       = 200
	defaultLogLevel         = "INFO"
	defaultRetentionDev     = 30
	defaultRetentionProd    = 365
	defaultBackendMemoryMB  = 256
	defaultBackendTimeout   = 10
	defaultBackendArch      = "arm64"
	defaultBackendSourceDir = "functions/backend"
	authorizerSourceDir     = "functions/authorizer"
)

// withDefaults fills every optional key. Defaults that depend on the environment: prod retains logs for a year,
// encrypts them with a customer-managed key and protects stateful resources; dev keeps them a month.
func (c Config) withDefaults() Config {
	prod := c.Environment == "prod"
	if c.StageName == "" {
		c.StageName = defaultStageName
	}
	if c.EndpointType == "" {
		c.EndpointType = defaultEndpointType
	}
	if c.Throttle.RateLimit == 0 {
		c.Throttle.RateLimit = defaultRateLimit
	}
	if c.Throttle.BurstLimit == 0 {
		c.Throttle.BurstLimit = defaultBurstLimit
	}
	if c.Logs.Level == "" {
		c.Logs.Level = defaultLogLevel
	}
	if c.Logs.RetentionDays == 0 {
		c.Logs.RetentionDays = defaultRetentionDev
		if prod {
			c.Logs.RetentionDays = defaultRetentionProd
		}
	}
	if c.Logs.KmsEncryption == nil {
		c.Logs.KmsEncryption = &prod
	}
	if c.Functions.EnvironmentKmsEncryption == nil {
		// Every environment: the key costs a dollar a month, and CKV_AWS_173 asks for it.
		c.Functions.EnvironmentKmsEncryption = ptr(true)
	}
	if c.Tracing == nil {
		c.Tracing = ptr(true)
	}
	if c.ClientCertificate == nil {
		c.ClientCertificate = ptr(true)
	}
	if c.ProtectStatefulResources == nil {
		c.ProtectStatefulResources = &prod
	}
	if c.Backend.MemoryMB == 0 {
		c.Backend.MemoryMB = defaultBackendMemoryMB
	}
	if c.Backend.TimeoutSeconds == 0 {
		c.Backend.TimeoutSeconds = defaultBackendTimeout
	}
	if c.Backend.Architecture == "" {
		c.Backend.Architecture = defaultBackendArch
	}
	if c.Backend.SourceDir == "" {
		c.Backend.SourceDir = defaultBackendSourceDir
	}
	if c.Auth.UserPool.MFA == "" {
		c.Auth.UserPool.MFA = "OPTIONAL"
		if prod {
			c.Auth.UserPool.MFA = "ON"
		}
	}
	if len(c.Auth.UserPool.CallbackURLs) == 0 && c.Cors != nil && c.Cors.AllowOrigin != "" {
		// The web app the API serves is where users come back to after signing in.
		c.Auth.UserPool.CallbackURLs = []string{strings.TrimSuffix(c.Cors.AllowOrigin, "/") + "/callback"}
	}
	return c
}

func ptr[T any](v T) *T { return &v }
