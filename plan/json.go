package plan

import (
	"encoding/json"
	"io"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// SchemaVersion is bumped on any incompatible change to the JSON plan; fields are only ever added within a version.
const SchemaVersion = 1

// JSONPlan is the documented, stable JSON form of a plan (see docs/plan.md, "Plan JSON").
type JSONPlan struct {
	SchemaVersion int            `json:"schemaVersion"`
	Project       string         `json:"project"`
	Stack         string         `json:"stack"`
	Region        string         `json:"region"`
	Resources     []JSONResource `json:"resources"`
	Outputs       map[string]any `json:"outputs"`
	Baseline      JSONBaseline   `json:"baseline"`
	Counts        map[string]int `json:"countsByType"`
	// Documents are the REST APIs' OpenAPI bodies by resource name, parsed, with values known only after deploy
	// written ${resource.attribute}.
	Documents map[string]any `json:"documents,omitempty"`
}

// JSONResource is one resource the stack would create. Inputs are as the program passed them, with secrets replaced
// by "[secret]" and values known only after deploy written ${resource.attribute}.
type JSONResource = mockengine.Record

// JSONOptions are the resource options that change a resource's lifecycle.
type JSONOptions = mockengine.RecordOptions

// JSONBaseline is the baseline's outcome.
type JSONBaseline struct {
	Pack         string `json:"pack"`
	Version      string `json:"version"`
	PolicyConfig string `json:"policyConfig"`
	// PolicyConfigFound is false when the stack has no policy config and every rule ran at its default.
	PolicyConfigFound bool `json:"policyConfigFound"`
	// Waivers counts the rules the stack's config lowers or relaxes (status WAIVED, each with its reason).
	Waivers int               `json:"waivers"`
	Passed  bool              `json:"passed"`
	Results []baseline.Result `json:"results"`
}

// JSON returns the plan in its JSON form, resources ordered by URN.
func (p *Plan) JSON() JSONPlan {
	out := JSONPlan{
		SchemaVersion: SchemaVersion, Project: p.Project, Stack: p.Stack, Region: p.Region,
		Outputs: p.Outputs, Counts: map[string]int{},
		Baseline: JSONBaseline{Pack: baseline.PackName, Version: baseline.PackVersion, PolicyConfig: p.PolicyConfig,
			PolicyConfigFound: p.PolicyConfigFound, Passed: !p.Failed(), Results: p.Results},
	}
	for _, r := range p.Results {
		if r.Status == baseline.Waived {
			out.Baseline.Waivers++
		}
	}
	out.Resources = p.Engine.Records(p.Engine.DescribeMap)
	for _, r := range out.Resources {
		out.Counts[r.Type]++
	}
	for _, api := range p.Engine.ByType("aws:apigateway/restApi:RestApi") {
		var doc any
		if json.Unmarshal([]byte(p.Engine.Symbolic(api.Str("body"))), &doc) == nil {
			if out.Documents == nil {
				out.Documents = map[string]any{}
			}
			out.Documents[api.Name] = doc
		}
	}
	return out
}

// WriteJSON writes the JSON plan, indented.
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p.JSON())
}
