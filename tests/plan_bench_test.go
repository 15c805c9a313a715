package tests

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/secure-apigw/secure-apigw/plan"
)

// BenchmarkPlanStack measures `go run . plan <stack>`'s work in-process: evaluating the real stack on the recording
// engine and running the whole baseline over it. Reported per op: the resources planned.
func BenchmarkPlanStack(b *testing.B) {
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	for _, stack := range []string{"dev", "prod"} {
		b.Run(stack, func(b *testing.B) {
			var p *plan.Plan
			for b.Loop() {
				if p, err = plan.Run(context.Background(), plan.Options{Root: root, Stack: stack}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(p.Engine.Resources())), "resources")
		})
	}
}
