package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/baseline"
	"github.com/secure-apigw/secure-apigw/components/restapi"
	"github.com/secure-apigw/secure-apigw/internal/mockengine"
)

// lambdaPolicyLimit is the size AWS caps a function's resource policy at.
const lambdaPolicyLimit = 20 * 1024

// scaleRoutes returns n routes in the shape of a real CRUD API: collections of eight routes each (list, create,
// read, replace, update, delete, a sub-collection and a nested item), every one on one Lambda function.
func scaleRoutes(n int, fn restapi.Integration) []restapi.Route {
	templates := []struct{ method, path string }{
		{"GET", "/c%d"}, {"POST", "/c%d"}, {"GET", "/c%d/{id}"}, {"PUT", "/c%d/{id}"}, {"PATCH", "/c%d/{id}"},
		{"DELETE", "/c%d/{id}"}, {"GET", "/c%d/{id}/notes"}, {"GET", "/c%d/{id}/notes/{noteId}"},
	}
	routes := make([]restapi.Route, 0, n)
	for i := 0; len(routes) < n; i++ {
		t := templates[i%len(templates)]
		r := restapi.Route{Method: t.method, Path: fmt.Sprintf(t.path, i/len(templates)), Integration: fn}
		if t.method == "POST" || t.method == "PUT" || t.method == "PATCH" {
			r.RequestSchema = `{"type":"object","properties":{"name":{"type":"string","maxLength":100}},"required":["name"]}`
		}
		routes = append(routes, r)
	}
	return routes
}

// scaleAPI runs a RestAPI of n routes on one function, as the stack would, on a fresh mock engine.
func scaleAPI(n int) (*mockengine.Engine, error) {
	return mockengine.Evaluate(func(ctx *pulumi.Context) error {
		fn, err := lambda.NewFunction(ctx, "backend", &lambda.FunctionArgs{Role: pulumi.String("arn:aws:iam::123456789012:role/r"),
			Runtime: pulumi.String("provided.al2023"), Handler: pulumi.String("bootstrap")})
		if err != nil {
			return err
		}
		target := restapi.Integration{Kind: restapi.LambdaProxy,
			Lambda: &restapi.LambdaTarget{InvokeArn: fn.InvokeArn, FunctionName: fn.Name}}
		_, err = restapi.New(ctx, "api", &restapi.Args{Routes: scaleRoutes(n, target),
			Cors: &restapi.Cors{AllowOrigin: "https://app.example.com"}})
		return err
	})
}

// apiGatewayResources counts the API Gateway resources the engine recorded.
func apiGatewayResources(e *mockengine.Engine) int {
	n := 0
	for _, r := range e.Resources() {
		if strings.HasPrefix(r.Type, "aws:apigateway/") {
			n++
		}
	}
	return n
}

// functionPolicyBytes is, per function, the size of the resource policy its invoke permissions add up to, each
// statement written as Lambda writes it.
func functionPolicyBytes(t testing.TB, e *mockengine.Engine) map[string]int {
	statements := map[string][]any{}
	for _, p := range e.ByType("aws:lambda/permission:Permission") {
		fn := p.Str("function")
		sid := p.Str("statementId")
		if sid == "" {
			sid = p.Name + "-0a1b2c3" // Pulumi's auto-name: the resource name and 7 random characters
		}
		statements[fn] = append(statements[fn], map[string]any{
			"Sid": sid, "Effect": "Allow",
			"Principal": map[string]string{"Service": p.Str("principal")}, "Action": p.Str("action"),
			"Resource":  "arn:aws:lambda:us-east-1:123456789012:function:" + fn,
			"Condition": map[string]any{"ArnLike": map[string]string{"AWS:SourceArn": p.Str("sourceArn")}},
		})
	}
	out := map[string]int{}
	for fn, st := range statements {
		b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Id": "default", "Statement": st})
		require.NoError(t, err)
		out[fn] = len(b)
	}
	return out
}

// A 320-route API has as many API Gateway resources as a 10-route one, and no function's policy nears its limit.
func TestAPIGatewayResourcesDoNotGrowWithRoutes(t *testing.T) {
	small, err := scaleAPI(10)
	require.NoError(t, err)
	large, err := scaleAPI(320)
	require.NoError(t, err)
	assert.Equal(t, apiGatewayResources(small), apiGatewayResources(large), "API Gateway resources, 10 vs 320 routes")
	for fn, size := range functionPolicyBytes(t, large) {
		assert.Less(t, size, lambdaPolicyLimit, "resource policy of %s", fn)
	}
	results, err := baseline.Evaluate(context.Background(), large.AnalyzerResources(), nil)
	require.NoError(t, err)
	for _, r := range results {
		if r.Status == baseline.Fail && strings.HasPrefix(r.Policy, "lambda-permission-scoped") {
			t.Errorf("%s: %v", r.Policy, r.Violations)
		}
	}
}

// BenchmarkPlanRoutes measures what planning an API of n routes costs: the component on the recording engine and the
// baseline over its resources. Reported per op: resources registered, API Gateway resources, and the largest
// function policy in bytes.
func BenchmarkPlanRoutes(b *testing.B) {
	for _, n := range []int{10, 40, 160, 320} {
		b.Run(fmt.Sprintf("routes=%d", n), func(b *testing.B) {
			var e *mockengine.Engine
			for b.Loop() {
				var err error
				if e, err = scaleAPI(n); err != nil {
					b.Fatal(err)
				}
				if _, err := baseline.Evaluate(context.Background(), e.AnalyzerResources(), nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(e.Resources())), "resources")
			b.ReportMetric(float64(apiGatewayResources(e)), "apigw-resources")
			largest := 0
			for _, size := range functionPolicyBytes(b, e) {
				largest = max(largest, size)
			}
			b.ReportMetric(float64(largest), "policy-bytes")
		})
	}
}
