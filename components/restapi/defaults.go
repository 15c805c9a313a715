package restapi

// Defaults applied by New. Each is the secure or least-surprising choice; every one is documented on its Args field.
const (
	DefaultStageName          = "v1"
	DefaultEndpointType       = Regional
	DefaultExecutionLogLevel  = "INFO"
	DefaultLogRetentionDays   = 365
	DefaultThrottleRateLimit  = 100.0
	DefaultThrottleBurstLimit = 200
	DefaultIntegrationTimeout = 29000 // ms; the REST API maximum without a quota increase.
	DefaultCacheSizeGB        = "0.5"
	DefaultCacheTTLSeconds    = 300
	DefaultMockStatusCode     = 200
	DefaultCorsMaxAgeSeconds  = 600
	DefaultRouteAuthorization = AuthIAM
	DefaultIdentitySource     = "method.request.header.Authorization"
	DefaultAuthorizerTTL      = 300
	// MaxAuthorizerTTL bounds the decision cache: a revoked token, a disabled user or a removed entitlement is still
	// honoured for up to this long. API Gateway allows 3600; five minutes is the revocation window we promise.
	MaxAuthorizerTTL           = 300
	DefaultApiKeySource        = "HEADER"
	defaultMockResponseBody    = `{"message":"ok"}`
	jsonContentType            = "application/json"
	corsAllowedHeadersDefault  = "Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token,X-Api-Key"
	corsExposedHeadersDefault  = "X-Request-Id"
	defaultDescriptionTemplate = "Secured REST API %s"
)

// StageRateLimit is the stage-wide rate every caller shares: Throttle.RateLimit, or DefaultThrottleRateLimit when
// it is unset. Exported so a composing component (securedapi's usage-plan check) reads the same default.
func (a *Args) StageRateLimit() float64 {
	if a.Throttle.RateLimit == 0 {
		return DefaultThrottleRateLimit
	}
	return a.Throttle.RateLimit
}

// withDefaults returns a copy of the Args with every optional field filled in.
func (a *Args) withDefaults() Args {
	out := *a
	if out.EndpointType == "" {
		out.EndpointType = DefaultEndpointType
	}
	if out.StageName == "" {
		out.StageName = DefaultStageName
	}
	if out.ExecutionLogLevel == "" {
		out.ExecutionLogLevel = DefaultExecutionLogLevel
	}
	if out.LogRetentionDays == 0 {
		out.LogRetentionDays = DefaultLogRetentionDays
	}
	out.Throttle.RateLimit = a.StageRateLimit()
	if out.Throttle.BurstLimit == 0 {
		out.Throttle.BurstLimit = DefaultThrottleBurstLimit
	}
	if out.XRayTracing == nil {
		out.XRayTracing = ptr(true)
	}
	if out.ClientCertificate == nil {
		out.ClientCertificate = ptr(true)
	}
	if out.Cache != nil {
		c := *out.Cache
		if c.SizeGB == "" {
			c.SizeGB = DefaultCacheSizeGB
		}
		if c.TTLSeconds == 0 {
			c.TTLSeconds = DefaultCacheTTLSeconds
		}
		out.Cache = &c
	}
	if out.Cors != nil {
		c := *out.Cors
		if c.AllowHeaders == "" {
			c.AllowHeaders = corsAllowedHeadersDefault
		}
		if c.MaxAgeSeconds == 0 {
			c.MaxAgeSeconds = DefaultCorsMaxAgeSeconds
		}
		out.Cors = &c
	}
	if out.ApiKeySource == "" {
		out.ApiKeySource = DefaultApiKeySource
	}
	out.Authorizers = make([]Authorizer, len(a.Authorizers))
	for i, au := range a.Authorizers {
		if au.IdentitySource == "" {
			au.IdentitySource = DefaultIdentitySource
		}
		if au.ResultTTLSeconds == nil {
			au.ResultTTLSeconds = ptr(DefaultAuthorizerTTL)
		}
		out.Authorizers[i] = au
	}
	out.Routes = make([]Route, len(a.Routes))
	for i, r := range a.Routes {
		r = r.withDefaultAuthorization()
		if r.Integration.Kind == HTTPProxy || r.Integration.Kind == LambdaProxy {
			if r.Integration.TimeoutMs == 0 {
				r.Integration.TimeoutMs = DefaultIntegrationTimeout
			}
		}
		if r.Integration.Kind == Mock {
			if r.Integration.MockStatusCode == 0 {
				r.Integration.MockStatusCode = DefaultMockStatusCode
			}
			if r.Integration.MockBody == "" {
				r.Integration.MockBody = defaultMockResponseBody
			}
		}
		out.Routes[i] = r
	}
	return out
}

// withDefaultAuthorization is the route with AWS_IAM when it names no authorization.
func (r Route) withDefaultAuthorization() Route {
	if r.Authorization == "" {
		r.Authorization = DefaultRouteAuthorization
	}
	return r
}

func ptr[T any](v T) *T { return &v }
