package plan

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/secure-apigw/secure-apigw/components/restapi"
)

const openAPIUsage = `usage: go run . openapi <stack> [--aws-extensions] [--out FILE]

Writes the stack's REST API as an OpenAPI 3.0 document, evaluated offline like plan. By default it is the contract
for client teams: paths, parameters, request schemas, responses and security schemes, without API Gateway's
x-amazon-apigateway-* extensions. --aws-extensions writes the document exactly as API Gateway imports it, values
known only after deploy written ${resource.attribute}. Exit codes: 0 written, 2 input refused, 3 the program failed.
`

// OpenAPIMain runs the openapi command with args (everything after "openapi") and returns the exit code.
func OpenAPIMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("openapi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, openAPIUsage); fs.PrintDefaults() }
	withAWS := fs.Bool("aws-extensions", false, "keep API Gateway's x-amazon-apigateway-* extensions")
	out := fs.String("out", "", "write the document to `FILE` instead of standard output")
	stack, ok := stackArg(fs, args, stderr)
	if !ok {
		return ExitRefused
	}
	if stack == "" || strings.HasPrefix(stack, "-") {
		fs.Usage()
		return ExitRefused
	}
	p, code := runInProject("openapi", Options{Stack: stack}, stderr)
	if p == nil {
		return code
	}
	doc, err := p.OpenAPI(*withAWS)
	if err != nil {
		fmt.Fprintf(stderr, "openapi: %v\n", err)
		return ExitErrored
	}
	if *out == "" {
		_, err = stdout.Write(doc)
	} else {
		err = os.WriteFile(*out, doc, 0o644) //nolint:gosec // G306: the API's OpenAPI document, written to be shared
	}
	if err != nil {
		fmt.Fprintln(stderr, "openapi:", err)
		return ExitErrored
	}
	if *out != "" {
		fmt.Fprintf(stdout, "Wrote the OpenAPI document of stack %q to %s\n", stack, *out)
	}
	return ExitOK
}

// OpenAPI returns the stack's REST API document, indented, validated with kin-openapi. Without withAWS, API
// Gateway's extensions are removed: what is left is the contract a client needs.
func (p *Plan) OpenAPI(withAWS bool) ([]byte, error) {
	apis := p.Engine.ByType("aws:apigateway/restApi:RestApi")
	var names []string
	for _, a := range apis {
		names = append(names, a.Name)
	}
	sort.Strings(names)
	if len(apis) != 1 {
		return nil, fmt.Errorf("the stack has %d REST APIs (%s); the command writes one", len(apis), strings.Join(names, ", "))
	}
	var doc any
	if err := json.Unmarshal([]byte(p.Engine.Symbolic(apis[0].Str("body"))), &doc); err != nil {
		return nil, fmt.Errorf("REST API %s has no OpenAPI body: %w", apis[0].Name, err)
	}
	if !withAWS {
		doc = withoutAWSExtensions(doc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := restapi.ValidateDocument(buf.Bytes()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// withoutAWSExtensions drops every x-amazon-apigateway-* key, at any depth.
func withoutAWSExtensions(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, child := range t {
			if !strings.HasPrefix(k, "x-amazon-apigateway-") {
				out[k] = withoutAWSExtensions(child)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, child := range t {
			out[i] = withoutAWSExtensions(child)
		}
		return out
	}
	return v
}
