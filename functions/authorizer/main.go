// Command authorizer is the Lambda authorizer: it verifies bearer JWTs from the configured issuer and answers with a
// cache-safe IAM policy. Configuration comes from AUTHZ_* environment variables (see package jwtauth); a bad
// configuration stops the function at start, so it can never run half-configured.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/secure-apigw/secure-apigw/functions/authorizer/jwtauth"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	cfg, err := jwtauth.ConfigFromEnv(os.Getenv)
	if err != nil {
		log.Error("invalid configuration", "error", err.Error())
		os.Exit(1)
	}
	// The JWKS refresh lives as long as the function instance.
	v, err := jwtauth.NewVerifier(context.Background(), cfg)
	if err != nil {
		log.Error("start", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(jwtauth.New(v, log).HandleEvent)
}
