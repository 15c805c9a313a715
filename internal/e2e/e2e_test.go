package e2e_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/e2e"
)

// Without a pulumi CLI there is nothing to deploy with: make e2e says so and succeeds, so make test and CI keep
// working on machines without one.
func TestWithoutPulumiItSaysSoAndExitsZero(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var out, errs bytes.Buffer
	assert.Equal(t, 0, e2e.Main(nil, &out, &errs))
	assert.Contains(t, out.String(), "no pulumi on PATH, so nothing was deployed")
	assert.Empty(t, errs.String())
}

// A program name -only does not know is refused, naming what is allowed; a program that references a platform
// brings the platform along.
func TestOnlyRefusesUnknownProgramsAndAddsPlatforms(t *testing.T) {
	dir := t.TempDir()
	for _, tool := range []string{"pulumi", "moto_server"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, tool), []byte("#!/bin/sh\nexit 1\n"), 0o700))
	}
	t.Setenv("PATH", dir)
	var out, errs bytes.Buffer
	assert.Equal(t, 2, e2e.Main([]string{"-only", "examples/nope"}, &out, &errs))
	assert.Contains(t, errs.String(), `-only: "examples/nope" is not a program; allowed: local, examples/second-team`)
	errs.Reset()
	assert.Equal(t, 2, e2e.Main([]string{"-routes", "10,0"}, &out, &errs))
	assert.Contains(t, errs.String(), `-routes: "0" is not a route count from 1 to 300`)
	_, err := os.Stat(filepath.Join("scale", "Pulumi.yaml"))
	assert.NoError(t, err, "the route-count probe is a Pulumi program")

	names := func(ps []e2e.Program) (out []string) {
		for _, p := range ps {
			out = append(out, p.Name())
		}
		return out
	}
	assert.Equal(t, []string{"local", "examples/second-team", "examples/minimal", "examples/private", "examples/yaml"},
		names(e2e.Programs), "every stack moto can hold and every example, the platform first")
	for _, p := range e2e.Programs {
		_, err := os.Stat(filepath.Join("..", "..", p.Dir, "Pulumi.yaml"))
		assert.NoError(t, err, "%s is a Pulumi program", p.Dir)
	}
}

// The write count reads moto's request log as werkzeug writes it and counts API Gateway's control-plane writes only:
// reads, other services (Lambda, Route53, query-protocol services on "/") and moto's own API do not count.
func TestAPIGatewayWritesCountsControlPlaneWritesOnly(t *testing.T) {
	log := strings.Join([]string{
		`127.0.0.1 - - [07/Dec/2026 05:45:01] "POST /restapis HTTP/1.1" 201 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:01] "PUT /restapis/a1b2c3d4e5?mode=overwrite HTTP/1.1" 200 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:01] "GET /restapis/a1b2c3d4e5 HTTP/1.1" 200 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "PATCH /restapis/a1b2c3d4e5/stages/dev HTTP/1.1" 200 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "POST /usageplans/u1/keys HTTP/1.1" 201 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "DELETE /apikeys/k1 HTTP/1.1" 202 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "POST /clientcertificates HTTP/1.1" 201 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "PATCH /account HTTP/1.1" 200 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:02] "PUT /tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2Fa1 HTTP/1.1" 204 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:03] "POST /2015-03-31/functions HTTP/1.1" 201 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:03] "POST / HTTP/1.1" 200 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:03] "POST /2013-04-01/hostedzone HTTP/1.1" 201 -`,
		`127.0.0.1 - - [07/Dec/2026 05:45:03] "POST /restapisx HTTP/1.1" 404 -`,
	}, "\n")
	assert.Equal(t, 8, e2e.APIGatewayWrites(log))
}
