package provider_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/secure-apigw/secure-apigw/components/apiaccount"
	"github.com/secure-apigw/secure-apigw/components/customdomain"
	"github.com/secure-apigw/secure-apigw/components/gofunction"
	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/components/securedapi"
	"github.com/secure-apigw/secure-apigw/components/usageplan"
	"github.com/secure-apigw/secure-apigw/components/userpool"
	"github.com/secure-apigw/secure-apigw/components/vpcendpoint"
	"github.com/secure-apigw/secure-apigw/components/vpclink"
	"github.com/secure-apigw/secure-apigw/components/waf"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
	"github.com/secure-apigw/secure-apigw/provider"
)

var update = flag.Bool("update", false, "rewrite schema.json")

func server(t *testing.T, mocks pulumi.MockResourceMonitor) integration.Server {
	t.Helper()
	prov, err := provider.New()
	require.NoError(t, err)
	opts := []integration.ServerOption{integration.WithProvider(prov)}
	if mocks != nil {
		opts = append(opts, integration.WithMocks(mocks))
	}
	s, err := integration.NewServer(t.Context(), provider.Name, semver.MustParse(provider.Version), opts...)
	require.NoError(t, err)
	return s
}

type schemaDoc struct {
	Resources map[string]struct {
		IsComponent     bool                      `json:"isComponent"`
		Description     string                    `json:"description"`
		InputProperties map[string]schemaProperty `json:"inputProperties"`
		Properties      map[string]schemaProperty `json:"properties"`
	} `json:"resources"`
	Types map[string]struct {
		Properties map[string]schemaProperty `json:"properties"`
	} `json:"types"`
}

type schemaProperty struct {
	Description string `json:"description"`
	Ref         string `json:"$ref"`
	Items       *struct {
		Ref string `json:"$ref"`
	} `json:"items"`
}

func (s schemaProperty) ref() string {
	if s.Items != nil {
		return s.Items.Ref
	}
	return s.Ref
}

// The checked-in schema is the one the provider serves; every input of every served component, nested types
// included, is in it with its doc string.
func TestSchemaHasEveryInputWithItsDocString(t *testing.T) {
	resp, err := server(t, nil).GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var pretty map[string]any
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &pretty))
	got, err := json.MarshalIndent(pretty, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if *update {
		require.NoError(t, os.WriteFile("schema.json", got, 0o644))
	}
	want, err := os.ReadFile("schema.json")
	require.NoError(t, err, "run: go test . -update")
	assert.Equal(t, string(want), string(got), "the served schema changed; if intended, run: go test . -update")

	var doc schemaDoc
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &doc))
	for token, args := range map[string]any{
		securedapi.TypeToken:                   provider.SecuredApiArgs{},
		"secure-apigw:apigateway:RestApi":      provider.RestApiArgs{},
		"secure-apigw:cognito:UserPool":        provider.UserPoolArgs{},
		"secure-apigw:waf:WebAcl":              provider.WebAclArgs{},
		"secure-apigw:apigateway:CustomDomain": provider.CustomDomainArgs{},
	} {
		r, ok := doc.Resources[token]
		require.True(t, ok, "%s is served", token)
		assert.True(t, r.IsComponent, token)
		assert.NotEmpty(t, r.Description, token)
		checkDocumented(t, doc, token, r.InputProperties, reflect.TypeOf(args))
	}
	for token, outs := range map[string][]string{
		securedapi.TypeToken:                   {"url", "userPoolArn", "issuer", "webAclArn", "stageArn"},
		"secure-apigw:apigateway:RestApi":      {"restApiId", "stageName", "stageArn", "invokeUrl"},
		"secure-apigw:waf:WebAcl":              {"webAclArn", "logGroupName"},
		"secure-apigw:apigateway:CustomDomain": {"url", "targetDomainName"},
		"secure-apigw:cognito:UserPool":        {"userPoolArn", "issuer"},
	} {
		for _, out := range outs {
			assert.Contains(t, doc.Resources[token].Properties, out, "%s output %s", token, out)
		}
	}
}

// checkDocumented follows typ's pulumi-tagged fields into the schema, nested object types included.
func checkDocumented(t *testing.T, doc schemaDoc, where string, props map[string]schemaProperty, typ reflect.Type) {
	t.Helper()
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok {
			continue
		}
		name := strings.Split(tag, ",")[0]
		prop, ok := props[name]
		if !assert.True(t, ok, "%s.%s is in the schema", where, name) {
			continue
		}
		assert.NotEmpty(t, prop.Description, "%s.%s has its doc string", where, name)
		inner := f.Type
		for inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice {
			inner = inner.Elem()
		}
		if inner.Kind() == reflect.Struct && inner.PkgPath() == reflect.TypeOf(provider.Route{}).PkgPath() {
			ref := strings.TrimPrefix(prop.ref(), "#/types/")
			nested, ok := doc.Types[ref]
			require.True(t, ok, "%s.%s's type %q is in the schema", where, name, ref)
			checkDocumented(t, doc, ref, nested.Properties, inner)
		}
	}
}

// Every field of every Go Args type a served component takes is served under the same Go name, or listed here
// with why not: a field added to a Go component fails this test until the provider serves it or says why not.
var notServed = map[string]string{
	"securedapi.Args.MovedFrom": "for stacks that created the parts themselves before securedapi; a served " +
		"SecuredApi has no such past",
	"restapi.Args.LoggingPrerequisites": "resources of the calling program cannot cross into the provider; " +
		"SecuredApi's account block wires its own role setting",
	"waf.Args.Stage":                 "a stage resource cannot cross into the provider; stageArn names it",
	"customdomain.Args.EdgeProvider": "a provider resource cannot cross into the provider; an EDGE domain gets one made for it",
	"usageplan.Args.Stage":           "SecuredApi fills in its own stage",
	"restapi.Integration.Kind":       "served as Route.integration",
	"securedapi.UsagePlans.Args":     "its fields are UsagePlans' own",
	"securedapi.VpcLink.Args":        "its fields are VpcLink's own",
}

func TestEveryGoArgsFieldIsServedOrSaysWhyNot(t *testing.T) {
	seen := map[string]bool{}
	for _, pair := range []struct{ goType, served any }{
		{securedapi.Args{}, provider.SecuredApiArgs{}},
		{securedapi.ExistingUserPool{}, provider.ExistingUserPool{}},
		{securedapi.JWTAuthorizer{}, provider.JWTAuthorizer{}},
		{securedapi.UsagePlans{}, provider.UsagePlans{}},
		{securedapi.VpcLink{}, provider.VpcLink{}},
		{securedapi.Key{}, provider.Key{}},
		{restapi.Args{}, provider.RestApiArgs{}},
		{restapi.Route{}, provider.Route{}},
		{restapi.Integration{}, provider.Route{}},
		{restapi.Authorizer{}, provider.Authorizer{}},
		{restapi.LambdaTarget{}, provider.LambdaTarget{}},
		{restapi.Throttle{}, provider.Throttle{}},
		{restapi.Cache{}, provider.Cache{}},
		{restapi.Cors{}, provider.Cors{}},
		{gofunction.Args{}, provider.Function{}},
		{userpool.Args{}, provider.UserPoolArgs{}},
		{userpool.Client{}, provider.Client{}},
		{userpool.ResourceServer{}, provider.ResourceServer{}},
		{userpool.Scope{}, provider.Scope{}},
		{usageplan.Args{}, provider.UsagePlans{}},
		{usageplan.Tier{}, provider.Tier{}},
		{usageplan.Quota{}, provider.Quota{}},
		{usageplan.MethodThrottle{}, provider.MethodThrottle{}},
		{usageplan.Consumer{}, provider.Consumer{}},
		{usageplan.Throttle{}, provider.Throttle{}},
		{vpcendpoint.Args{}, provider.ExecuteApiEndpoint{}},
		{vpclink.Args{}, provider.VpcLink{}},
		{vpclink.LambdaBackend{}, provider.LambdaBackend{}},
		{apiaccount.Args{}, provider.Account{}},
		{monitoring.Args{}, provider.Monitoring{}},
		{monitoring.Function{}, provider.MonitoredFunction{}},
		{monitoring.Thresholds{}, provider.Thresholds{}},
		{waf.Args{}, provider.WebAclArgs{}},
		{customdomain.Args{}, provider.CustomDomainArgs{}},
		{customdomain.Mapping{}, provider.Mapping{}},
		{customdomain.AliasTarget{}, provider.AliasTarget{}},
		{customdomain.MutualTLS{}, provider.MutualTLS{}},
	} {
		goType, served := reflect.TypeOf(pair.goType), reflect.TypeOf(pair.served)
		for i := range goType.NumField() {
			f := goType.Field(i)
			key := goType.String() + "." + f.Name
			seen[key] = true
			_, has := served.FieldByName(f.Name)
			_, skipped := notServed[key]
			assert.True(t, has != skipped, "%s: served as %s.%s, or in notServed with why not; not both", key,
				served.Name(), f.Name)
		}
	}
	for key := range notServed {
		assert.True(t, seen[key], "notServed names %s, a field no checked Go type has", key)
	}
}

// Constructed through the provider (as a YAML or TypeScript program would) and from Go with the same settings,
// SecuredApi registers the same children with the same inputs.
func TestConstructThroughTheProviderMatchesGo(t *testing.T) {
	hello, err := filepath.Abs("../examples/minimal/hello")
	require.NoError(t, err)
	viaProvider := mockengine.New("eu-west-1")
	resp, err := server(t, viaProvider).Construct(p.ConstructRequest{
		Urn: presource.URN("urn:pulumi:dev::yaml-api::" + securedapi.TypeToken + "::hello"),
		Inputs: property.NewMap(map[string]property.Value{
			"api": property.New(map[string]property.Value{
				"routes": property.New([]property.Value{property.New(map[string]property.Value{
					"path": property.New("/hello"), "method": property.New("GET"),
				})}),
			}),
			"backend": property.New(map[string]property.Value{
				"sourceDir": property.New(hello), "reservedConcurrency": property.New(10.0),
			}),
			"tags": property.New(map[string]property.Value{"team": property.New("platform")}),
		}),
	})
	require.NoError(t, err)
	_, hasURL := resp.State.GetOk("url")
	assert.True(t, hasURL, "the url output")

	concurrency := 10
	fromGo := mockengine.New("eu-west-1")
	require.NoError(t, fromGo.Run(mockengine.Program{Project: "yaml-api", Stack: "dev"}, func(ctx *pulumi.Context) error {
		_, err := securedapi.New(ctx, "hello", &securedapi.Args{
			API: restapi.Args{Routes: []restapi.Route{{Path: "/hello", Method: "GET",
				Integration: restapi.Integration{Kind: restapi.LambdaProxy}}}},
			Backend: &gofunction.Args{SourceDir: hello, ReservedConcurrency: &concurrency},
			Tags:    pulumi.StringMap{"team": pulumi.String("platform")},
		})
		return err
	}))

	sameChildren(t, fromGo, viaProvider, securedapi.TypeToken)
}

func sameChildren(t *testing.T, fromGo, viaProvider *mockengine.Engine, root string) {
	t.Helper()
	want, got := children(fromGo, root), children(viaProvider, root)
	require.NotEmpty(t, want)
	assert.Equal(t, keys(want), keys(got), "the same children")
	for k, inputs := range want {
		assert.Equal(t, inputs, got[k], "%s: the same inputs", k)
	}
}

// children are the engine's custom resources by type and name, with their inputs as plain values and made-up ids
// shown as what they stand for (${hello-api-api.id}), which do not depend on the URN they were hashed from.
func children(e *mockengine.Engine, root string) map[string]any {
	out := map[string]any{}
	for _, r := range e.Resources() {
		if r.Type == root {
			continue
		}
		inputs := e.DescribeMap(r.Inputs)
		if r.Type == "aws:apigateway/deployment:Deployment" {
			// A hash of the literal document, made-up ARNs included; the document itself is compared (restApi).
			delete(inputs, "triggers")
		}
		out[r.Type+" "+r.Name] = inputs
	}
	return out
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// UserPool through the provider is the Go component: the same token and children.
func TestConstructUserPool(t *testing.T) {
	e := mockengine.New("eu-west-1")
	_, err := server(t, e).Construct(p.ConstructRequest{
		Urn: presource.URN("urn:pulumi:dev::yaml-api::secure-apigw:cognito:UserPool::users"),
		Inputs: property.NewMap(map[string]property.Value{
			"tier": property.New("PLUS"),
			"clients": property.New([]property.Value{property.New(map[string]property.Value{
				"name": property.New("web"), "oauthFlows": property.New([]property.Value{property.New("code")}),
				"callbackUrls": property.New([]property.Value{property.New("https://app.example.com/cb")}),
				"scopes":       property.New([]property.Value{property.New("openid")}),
			})}),
		}),
	})
	require.NoError(t, err)
	pool := e.Named("aws:cognito/userPool:UserPool", "users-pool")
	require.NotNil(t, pool)
	assert.Equal(t, "ON", pool.Str("mfaConfiguration"))
	assert.NotNil(t, e.Named("aws:cognito/userPoolClient:UserPoolClient", "users-client-web"))
}

// Bad input is refused with the Args field named, and nothing is registered.
func TestConstructRefusesBadInputByField(t *testing.T) {
	e := mockengine.New("eu-west-1")
	_, err := server(t, e).Construct(p.ConstructRequest{
		Urn: presource.URN("urn:pulumi:dev::yaml-api::" + securedapi.TypeToken + "::bad"),
		Inputs: property.NewMap(map[string]property.Value{
			"api": property.New(map[string]property.Value{
				"endpointType": property.New("PUBLIC"),
				"routes": property.New([]property.Value{property.New(map[string]property.Value{
					"path": property.New("/x"), "method": property.New("GET"), "integration": property.New("MOCK"),
				})}),
			}),
		}),
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "API.EndpointType")
	assert.Empty(t, e.Resources())
}

func TestConstructRefusesARelativeBackendDirectory(t *testing.T) {
	e := mockengine.New("eu-west-1")
	_, err := server(t, e).Construct(p.ConstructRequest{
		Urn: presource.URN("urn:pulumi:dev::yaml-api::" + securedapi.TypeToken + "::rel"),
		Inputs: property.NewMap(map[string]property.Value{
			"api": property.New(map[string]property.Value{
				"routes": property.New([]property.Value{property.New(map[string]property.Value{
					"path": property.New("/x"), "method": property.New("GET"),
				})}),
			}),
			"backend": property.New(map[string]property.Value{"sourceDir": property.New("hello")}),
			"jwtAuthorizer": property.New(map[string]property.Value{
				"authorizer": property.New("jwt"), "entitlements": property.New(map[string]property.Value{}),
				"function": property.New(map[string]property.Value{"buildCacheDir": property.New(".cache")}),
			}),
		}),
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "backend.sourceDir")
	assert.Contains(t, err.Error(), "${pulumi.cwd}/hello")
	assert.Contains(t, err.Error(), `jwtAuthorizer.function.buildCacheDir: ".cache" is relative`)
	assert.Empty(t, e.Resources())
}

// The YAML example names only what the provider serves: each resource's type is in the schema, each property is
// one of its inputs, and each output reads one of its outputs.
func TestYAMLExampleUsesTheServedSchema(t *testing.T) {
	resp, err := server(t, nil).GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var doc schemaDoc
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &doc))
	raw, err := os.ReadFile("../examples/yaml/Pulumi.yaml")
	require.NoError(t, err)
	var program struct {
		Runtime   string            `yaml:"runtime"`
		Packages  map[string]string `yaml:"packages"`
		Resources map[string]struct {
			Type       string         `yaml:"type"`
			Properties map[string]any `yaml:"properties"`
		} `yaml:"resources"`
		Outputs map[string]string `yaml:"outputs"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &program))
	assert.Equal(t, "yaml", program.Runtime)
	assert.Equal(t, "../../provider/cmd/pulumi-resource-secure-apigw", program.Packages[provider.Name],
		"the engine builds the folder that holds PulumiPlugin.yaml: it must be the main package")
	_, err = os.Stat(filepath.Join("cmd", "pulumi-resource-secure-apigw", "PulumiPlugin.yaml"))
	assert.NoError(t, err, "PulumiPlugin.yaml sits beside the main package")
	require.Contains(t, program.Resources, "api")
	assert.Equal(t, securedapi.TypeToken, program.Resources["api"].Type)
	for name, r := range program.Resources {
		served, ok := doc.Resources[r.Type]
		require.True(t, ok, "%s: %s is served", name, r.Type)
		for prop := range r.Properties {
			assert.Contains(t, served.InputProperties, prop, "%s.%s is an input of %s", name, prop, r.Type)
		}
	}
	for out, expr := range program.Outputs {
		ref := strings.TrimSuffix(strings.TrimPrefix(expr, "${api."), "}")
		assert.Contains(t, doc.Resources[securedapi.TypeToken].Properties, ref, "output %s", out)
	}
}
