// Command hello is the minimal example's backend: a Lambda that greets whoever API Gateway authorized.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(_ context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body, err := json.Marshal(map[string]string{"hello": req.RequestContext.Identity.UserArn})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 500}, err
	}
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: string(body),
		Headers: map[string]string{"Content-Type": "application/json"}}, nil
}

func main() { lambda.Start(handle) }
