// Package api is the backend's contract: the JSON types and the request schema shared by the gateway (which turns the
// schema into a request model and rejects bad bodies before the function runs) and the function (which validates
// again against the very same document, so the two can never drift apart).
package api
