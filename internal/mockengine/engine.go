package mockengine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Default identity the engine answers with; tests may override both on the Engine.
const (
	DefaultAccountID = "123456789012"
	DefaultRegion    = "us-east-1"
)

// Resource is one recorded registration.
type Resource struct {
	Type                    string
	Name                    string
	URN                     string
	ID                      string
	Custom                  bool
	Inputs                  resource.PropertyMap
	Outputs                 resource.PropertyMap
	Parent                  string
	Provider                string
	Dependencies            []string
	PropertyDependencies    map[string][]string
	Protect                 bool
	RetainOnDelete          bool
	DeleteBeforeReplace     bool
	AdditionalSecretOutputs []string
	ReplaceOnChanges        []string
	IgnoreChanges           []string
	Aliases                 []string
	// Version is the provider version the registration asks for (pulumi-aws's constructors ask for their own).
	Version string
}

// Engine records registrations and answers them. The zero value is not usable; call New.
type Engine struct {
	AccountID string
	Region    string
	// Salt varies every id, suffix and secret the engine makes up (empty: the defaults every plan shows). Two
	// evaluations with different salts tell made-up values from the program's literals.
	Salt string

	mu        sync.Mutex
	resources []*Resource
	// resourcePaths remembers each apigateway Resource's full path by id so children get a realistic `path`.
	resourcePaths map[string]string
	// synthetic maps every value the engine made up (ids, ARNs, auto-names) to what it stands for, e.g.
	// "${api-stage.arn}": a real deployment only knows these after deploy.
	synthetic map[string]string
}

var _ pulumi.MockResourceMonitor = (*Engine)(nil)

// New returns an engine answering as account DefaultAccountID in region.
// An empty region means DefaultRegion.
func New(region string) *Engine {
	if region == "" {
		region = DefaultRegion
	}
	return &Engine{AccountID: DefaultAccountID, Region: region, resourcePaths: map[string]string{},
		synthetic: map[string]string{}}
}

// NewResource records a registration and returns its synthetic id and state.
func (e *Engine) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rec := &Resource{
		Type:   args.TypeToken,
		Name:   args.Name,
		Custom: args.Custom,
		Inputs: args.Inputs.Copy(),
	}
	if rpc := args.RegisterRPC; rpc != nil {
		rec.Parent = rpc.GetParent()
		rec.Provider = rpc.GetProvider()
		rec.Dependencies = sortedUnique(rpc.GetDependencies())
		rec.PropertyDependencies = map[string][]string{}
		for k, v := range rpc.GetPropertyDependencies() {
			if urns := v.GetUrns(); len(urns) > 0 {
				rec.PropertyDependencies[k] = sortedUnique(urns)
			}
		}
		rec.Protect = rpc.GetProtect()
		rec.RetainOnDelete = rpc.GetRetainOnDelete()
		rec.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		rec.AdditionalSecretOutputs = slices.Clone(rpc.GetAdditionalSecretOutputs())
		rec.ReplaceOnChanges = slices.Clone(rpc.GetReplaceOnChanges())
		rec.IgnoreChanges = slices.Clone(rpc.GetIgnoreChanges())
		rec.Version = rpc.GetVersion()
		rec.Aliases = slices.Clone(rpc.GetAliasURNs())
		for _, a := range rpc.GetAliases() {
			rec.Aliases = append(rec.Aliases, a.String())
		}
	}
	rec.URN = urnFor(rec.Parent, rec.Type, rec.Name)

	e.mu.Lock()
	defer e.mu.Unlock()
	if args.TypeToken == stackReferenceType {
		// A read of another stack's outputs, not a resource this program creates: answered, not recorded.
		rec.ID = args.ID
		return args.ID, e.stackReferenceOutputs(rec), nil
	}
	if !args.Custom {
		// Component resources have no id or provider state.
		e.resources = append(e.resources, rec)
		return "", resource.PropertyMap{}, nil
	}
	if err := providerCheck(rec); err != nil {
		return "", nil, err
	}
	if err := checkSDKSchema(rec.Type, rec.Inputs); err != nil {
		return "", nil, err
	}
	rec.ID = e.syntheticID(rec)
	rec.Outputs = e.outputsFor(rec)
	e.resources = append(e.resources, rec)
	return rec.ID, rec.Outputs, nil
}

// Call answers the provider functions (invokes) the program makes, from the engine's identity.
func (e *Engine) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if err := checkSDKSchema(args.Token, args.Args); err != nil {
		return nil, err
	}
	switch args.Token {
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": e.AccountID,
			"arn":       fmt.Sprintf("arn:aws:iam::%s:user/plan", e.AccountID),
			"id":        e.AccountID,
			"userId":    "AIDAPLANPLANPLANPLAN",
		}), nil
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": e.Region, "id": e.Region, "region": e.Region,
			"endpoint":    fmt.Sprintf("ec2.%s.amazonaws.com", e.Region),
			"description": e.Region,
		}), nil
	case "aws:index/getPartition:getPartition":
		return resource.NewPropertyMapFromMap(map[string]any{
			"partition": "aws", "id": "aws", "dnsSuffix": "amazonaws.com", "reverseDnsPrefix": "com.amazonaws",
		}), nil
	case "aws:route53/getZone:getZone":
		return e.zoneAnswer(args.Args), nil
	case "aws:ec2/getVpcEndpoint:getVpcEndpoint":
		return e.vpcEndpointAnswer(args.Args), nil
	}
	return nil, fmt.Errorf("mockengine: no synthetic answer for invoke %q; add one to mockengine.Call", args.Token)
}

// Resources returns the recorded registrations in registration order.
func (e *Engine) Resources() []*Resource {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.resources)
}

// ByType returns every recorded resource of type token, ordered by name.
func (e *Engine) ByType(token string) []*Resource {
	var out []*Resource
	for _, r := range e.Resources() {
		if r.Type == token {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Named returns the resource of type token and logical name, or nil.
func (e *Engine) Named(token, name string) *Resource {
	for _, r := range e.Resources() {
		if r.Type == token && r.Name == name {
			return r
		}
	}
	return nil
}

// ByURN returns the resource with urn, or nil.
func (e *Engine) ByURN(urn string) *Resource {
	for _, r := range e.Resources() {
		if r.URN == urn {
			return r
		}
	}
	return nil
}

// DependsOn reports whether r lists dep among its dependencies (explicit or through an input).
func (r *Resource) DependsOn(dep *Resource) bool {
	if slices.Contains(r.Dependencies, dep.URN) {
		return true
	}
	for _, urns := range r.PropertyDependencies {
		if slices.Contains(urns, dep.URN) {
			return true
		}
	}
	return false
}

// Str returns the string input at a dotted path ("settings.loggingLevel"), or "" when absent or not a string.
func (r *Resource) Str(path string) string {
	v, ok := Lookup(r.Inputs, path)
	if !ok {
		return ""
	}
	v = unsecret(v)
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

// Bool returns the bool input at a dotted path and whether it was set.
func (r *Resource) Bool(path string) (bool, bool) {
	v, ok := Lookup(r.Inputs, path)
	if !ok {
		return false, false
	}
	v = unsecret(v)
	if v.IsBool() {
		return v.BoolValue(), true
	}
	return false, false
}

// Num returns the number input at a dotted path and whether it was set.
func (r *Resource) Num(path string) (float64, bool) {
	v, ok := Lookup(r.Inputs, path)
	if !ok {
		return 0, false
	}
	v = unsecret(v)
	if v.IsNumber() {
		return v.NumberValue(), true
	}
	return 0, false
}

// Lookup walks a dotted path through objects ("a.b") and arrays ("a.0.b").
func Lookup(m resource.PropertyMap, path string) (resource.PropertyValue, bool) {
	cur := resource.NewProperty(m)
	for _, part := range strings.Split(path, ".") {
		cur = unsecret(cur)
		switch {
		case cur.IsObject():
			v, ok := cur.ObjectValue()[resource.PropertyKey(part)]
			if !ok || v.IsNull() {
				return resource.PropertyValue{}, false
			}
			cur = v
		case cur.IsArray():
			var i int
			if _, err := fmt.Sscanf(part, "%d", &i); err != nil || i < 0 || i >= len(cur.ArrayValue()) {
				return resource.PropertyValue{}, false
			}
			cur = cur.ArrayValue()[i]
		default:
			return resource.PropertyValue{}, false
		}
	}
	return cur, true
}

func unsecret(v resource.PropertyValue) resource.PropertyValue {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	if v.IsOutput() && v.OutputValue().Known {
		return unsecret(v.OutputValue().Element)
	}
	return v
}

// urnFor computes the URN exactly as the SDK's mock monitor does (stack and project come from the parent, which the
// SDK always sets: the root stack when nothing else is given), so recorded parents and dependencies match.
func urnFor(parent, typ, name string) string {
	p := resource.URN(parent)
	if p == "" {
		return string(resource.NewURN("stack", "project", "", tokens.Type(typ), name))
	}
	parentType := tokens.Type("")
	if p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(p.Stack(), p.Project(), parentType, tokens.Type(typ), name))
}

func sortedUnique(in []string) []string {
	out := slices.Clone(in)
	sort.Strings(out)
	return slices.Compact(out)
}

// hash is shortHash over parts and the engine's salt: every value the engine makes up goes through it.
func (e *Engine) hash(n int, parts ...string) string {
	if e.Salt != "" {
		parts = append(parts, e.Salt)
	}
	return shortHash(n, parts...)
}

// shortHash is a deterministic stand-in for the random suffixes and ids AWS and Pulumi hand out.
func shortHash(n int, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])[:n]
}
