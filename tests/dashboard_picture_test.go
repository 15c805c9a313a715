package tests

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
	"github.com/secure-apigw/secure-apigw/plan"
)

// docs/operating.md's picture of the dashboard is drawn from the dashboard body prod's plan creates (`make dashboard`): it
// shows every widget the body has, where CloudWatch places it, and is redrawn when the body changes.
func TestTheDashboardPictureIsProdsDashboard(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: projectRoot(t), Stack: "prod"})
	require.NoError(t, err)
	var svg bytes.Buffer
	require.NoError(t, p.WriteDashboardSVG(&svg))

	names := monitoring.Names{API: "a", Stage: "s", WebACL: "w", Functions: map[string]string{"backend": "b",
		"authorizer": "z"}, Labels: []string{"backend", "authorizer"}}
	for _, w := range monitoring.Layout("eu-west-1", 300, names) {
		assert.Contains(t, svg.String(), ">"+strings.ReplaceAll(w.Properties.Title, "&", "&amp;")+"<", "widget %q is drawn", w.Properties.Title)
	}
	assert.Contains(t, svg.String(), "ApiName=${gateway-api-api.name} Stage=prod", "deploy-time names are symbolic")
	assert.Contains(t, svg.String(), "Latency p99")

	checkedIn, err := os.ReadFile(filepath.Join(projectRoot(t), "docs/dashboard-prod.svg"))
	require.NoError(t, err, "run: make dashboard")
	assert.Equal(t, string(checkedIn), svg.String(), "docs/dashboard-prod.svg is stale; run: make dashboard")
}
