package usageplan

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Args configures the usage plans of one API stage.
type Args struct {
	// Stage is the stage the plans meter (restapi.RestAPI.Stage). Required.
	Stage *apigateway.Stage
	// Tiers are the usage plans, one per tier. Required: at least one.
	Tiers []Tier
	// Consumers each get one API key in their tier's plan. Optional.
	Consumers []Consumer
	// Tags are applied to plans and keys. Optional.
	Tags pulumi.StringMap
}

// Tier is one usage plan.
type Tier struct {
	// Name is unique: 1 to 64 letters, digits, '-' or '_'. Required.
	Name string
	// Description of the plan. Optional; defaults to "Usage plan <name>".
	Description string
	// Throttle is the plan's steady rate and burst per key. Required.
	Throttle Throttle
	// Quota is the number of requests a key may make per period. Required.
	Quota Quota
	// MethodThrottles lower the throttle of single methods for this tier. Optional.
	MethodThrottles []MethodThrottle
}

// Throttle is a token bucket: RateLimit requests per second, bursts of BurstLimit.
type Throttle struct {
	// RateLimit is requests per second, more than 0 and at most 10000. Required.
	RateLimit float64
	// BurstLimit is the bucket size, at least RateLimit and at most 5000. Required.
	BurstLimit int
}

// Quota caps requests per period.
type Quota struct {
	// Limit is the requests allowed per period, at least 1. Required.
	Limit int
	// Period is DAY, WEEK or MONTH. Required.
	Period string
	// Offset is the number of requests already used in the first period, 0 to Limit-1; DAY allows only 0. Optional;
	// defaults to 0.
	Offset int
}

// MethodThrottle is a tier's throttle for one method, at most the tier's own.
type MethodThrottle struct {
	// Method is GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or "*" (every method). Required.
	Method string
	// Path is the resource path, "/items/{id}" or "*". Required.
	Path string
	// Throttle is the method's rate and burst, each at most the tier's. Required.
	Throttle Throttle
}

// Consumer is one client with its API key.
type Consumer struct {
	// Name is unique: 1 to 64 letters, digits, '-' or '_'. Required.
	Name string
	// Tier names the Tiers entry the consumer's key belongs to. Required.
	Tier string
	// KeyValue is the key: 20 to 128 characters without spaces. With the AUTHORIZER key source it is the client id
	// the authorizer returns. It is made a Pulumi secret. Optional; defaults to a value API Gateway generates.
	KeyValue pulumi.StringInput
	// Rotation replaces a generated key when raised (a given KeyValue rotates by changing). Optional; defaults to 0.
	Rotation int
	// Disabled turns the key off without deleting it. Optional; defaults to false.
	Disabled bool
}
