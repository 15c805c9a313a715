// Command backend is the sample Lambda behind the secured API; the logic lives in package service.
package main

import (
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/secure-apigw/secure-apigw/functions/backend/service"
)

// maxItems bounds the in-memory store of one function instance.
const maxItems = 1000

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	h, err := service.New(log, service.NewStore(maxItems, time.Now))
	if err != nil {
		log.Error("start", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(h.HandleEvent)
}
